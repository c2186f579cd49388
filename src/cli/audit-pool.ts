// CLI: audits a run's files, on worker threads for a long run and in this thread for a short one, and gives their
// outcomes back in the files' order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { internalErrorFile } from '../audit-file.ts';
import type { FoundFile } from '../load/find-evidence.ts';
import type { CompiledPack } from '../packs/compile-pack.ts';
import type { RuleResult } from '../report/model.ts';
import { auditForRun, outcomeOf, type FileOutcome, type RunSettings } from './audit-run.ts';
import { inOrder } from './worker-pool.ts';

/** Below this, starting workers (each loads yaml and zod again, and warms up) costs what they save (measured). */
export const MIN_FILES_FOR_WORKERS = 500;

// Below this many files, compiling zod's validators costs more than it saves (ValidateOptions): about 7 ms
// spent once, against 0.02 ms a file saved (measured on the bench's returns), so it pays from about 300 files.
const FEW_FILES = 100;

/** Workers for a run of `files` files; 0 means the main thread audits them. INVOLVE_WORKERS=n sets it (0: none). */
export function workersFor(files: number, env: Record<string, string | undefined>): number {
  const forced = env.INVOLVE_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), 64);
  const cores = availableParallelism();
  // The main thread only orders results and writes them, so every core can run a worker.
  return files < MIN_FILES_FOR_WORKERS || cores < 2 ? 0 : Math.min(cores, Math.ceil(files / 100));
}

/** The worker's entry in the bundle, beside this chunk; running from source (tests), there is none. */
export function workerScript(): URL | undefined {
  const script = new URL('./audit-worker.js', import.meta.url);
  return script.protocol === 'file:' && existsSync(fileURLToPath(script)) ? script : undefined;
}

/** For tests of a worker that dies or hangs: it does so on the file whose path ends with `file`. */
export interface TestFault {
  file: string;
  kind: 'exit' | 'hang';
}

/** What a worker starts with (its workerData). */
export interface WorkerStart {
  run: RunSettings;
  fault?: TestFault;
}

export interface Threads {
  /** 0: the files are audited in this thread. */
  workers: number;
  script?: URL;
  fault?: TestFault;
  /** How long a worker may go without answering before it is taken for stuck (worker-pool.ts); default, by the file size limit. */
  silenceMs?: number;
}

// A result's rule text (title, hint, citation) is the pack's, shared by every file: a worker sends a mark in its
// place and the main thread puts back its own pack's objects, so 100,000 reports hold one copy, not 700,000.
const SHARED = ['pack', 'severity', 'citation', 'title', 'hint'] as const;
const SAME = 0;

const rulesById = new WeakMap<CompiledPack, Map<string, CompiledPack['rules'][number]>>();
function rulesOf(pack: CompiledPack) {
  let rules = rulesById.get(pack);
  if (!rules) rulesById.set(pack, (rules = new Map(pack.rules.map((r) => [r.id, r]))));
  return rules;
}

const utf8 = new TextEncoder();

/** An outcome as a worker sends it: JSON as UTF-8, a report's rule text as marks. */
export function forTheWire(outcome: FileOutcome, pack: CompiledPack): FileOutcome {
  // 13 KB of JSON a file: as a string it would be the main thread's garbage, as bytes it is only written out.
  if (typeof outcome.json === 'string') return { ...outcome, json: utf8.encode(outcome.json) };
  if (!outcome.report) return outcome;
  const rules = rulesOf(pack);
  const results = outcome.report.results.map((result) => {
    const rule = rules.get(result.rule);
    if (!rule) return result;
    const own: Record<(typeof SHARED)[number], unknown> = { pack: pack.id, severity: rule.severity, citation: rule.citation, title: rule.title, hint: rule.hint };
    const compact: Record<string, unknown> = { ...result };
    for (const key of SHARED) if (result[key] === own[key]) compact[key] = SAME;
    return compact as unknown as RuleResult;
  });
  return { ...outcome, report: { ...outcome.report, results } };
}

function fromTheWire(outcome: FileOutcome, pack: CompiledPack): FileOutcome {
  const rules = rulesOf(pack);
  for (const result of outcome.report?.results ?? []) {
    const rule = rules.get(result.rule);
    if (!rule) continue;
    const own = { pack: pack.id, severity: rule.severity, citation: rule.citation, title: rule.title, hint: rule.hint };
    // Assigning to a key the object already has keeps the key's place, so the JSON is byte for byte the same.
    for (const key of SHARED) if ((result[key] as unknown) === SAME) (result as unknown as Record<string, unknown>)[key] = own[key];
  }
  return outcome;
}

// A file of the default limit (1 MiB) takes under a second, and the slowest made-up one 16 s on a worker of a busy
// machine (100,000 keys, half of them repeats): a minute without a word is a stuck worker. Larger limits
// (max_file_bytes) get time, and heap, in proportion.
const SILENCE_MS_PER_MIB = 60_000;

/** Takes the list over: each file is let go once its outcome is given, so a long run's memory shrinks as it goes. */
export async function* auditFiles(found: (FoundFile | undefined)[], run: RunSettings, threads: Threads): AsyncGenerator<FileOutcome> {
  const mib = Math.max(1, run.limits.maxBytes / 2 ** 20);
  // A bounded heap makes V8 collect before it grows: with the default limits each worker's heap swells to over
  // 100 MB of garbage. A 1 MiB file needs about 50 MB at its peak. A worker that still runs out is a dead worker.
  const resourceLimits = { maxOldGenerationSizeMb: Math.ceil(96 * mib), maxYoungGenerationSizeMb: 16 };
  const workerData: WorkerStart = { run, ...(threads.fault ? { fault: threads.fault } : {}) };
  const inThread = { ...run, few: found.length < FEW_FILES };
  const outcomes = inOrder(found, {
    workers: threads.script ? threads.workers : 0,
    start: () => {
      // Loaded here, not at start-up: an audit of a few files never starts a thread.
      const { Worker } = process.getBuiltinModule('node:worker_threads');
      return new Worker(threads.script!, { workerData, resourceLimits });
    },
    inThread: (file) => auditForRun(file, inThread),
    failed: (file, how) => outcomeOf(internalErrorFile(file, `the audit worker ${how}`), run),
    silenceMs: threads.silenceMs ?? SILENCE_MS_PER_MIB * mib,
  });
  for await (const outcome of outcomes) yield fromTheWire(outcome, run.pack);
}
