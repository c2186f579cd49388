// CLI: audits a run's files on worker threads, a batch at a time, and gives their outcomes back in the files' order.
import type { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { internalErrorFile } from '../audit-file.ts';
import type { FoundFile } from '../load/find-evidence.ts';
import type { CompiledPack } from '../packs/compile-pack.ts';
import type { RuleResult } from '../report/model.ts';
import { auditForRun, outcomeOf, type FileOutcome, type RunSettings } from './audit-run.ts';

/** Below this, starting workers (each loads yaml and zod again, and warms up) costs what they save (measured). */
export const MIN_FILES_FOR_WORKERS = 500;

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

export interface Batch {
  id: number;
  files: FoundFile[];
}

/**
 * A worker's first message says it has loaded; then it answers each batch, in the order sent, a few files at a
 * time (`from`: the first one's place in the batch), so that outcomes leave the worker, and a dead worker's
 * unanswered files are known, within a few files.
 */
export type FromWorker = { ready: true } | { id: number; from: number; outcomes: FileOutcome[] };

/** Files a worker audits before it sends what it has. */
export const ANSWER_EVERY = 4;

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

export function compactOutcome(outcome: FileOutcome, pack: CompiledPack): FileOutcome {
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

function restoreOutcome(outcome: FileOutcome, pack: CompiledPack): FileOutcome {
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

/** Files start..end-1 of the run; `alone`: a suspect, sent only to a worker with nothing else to do. */
interface Span {
  start: number;
  end: number;
  alone?: boolean;
  /** Files answered so far, from `start`. */
  answered?: number;
}

interface Slot {
  worker: Worker;
  /** In the order sent, which is the order the worker takes them in. */
  inFlight: Map<number, Span>;
  ready: boolean;
  reason?: string;
}

/**
 * Takes the list over: each file is let go once its outcome is given, so a long run's memory shrinks as it goes.
 * A worker that dies costs only its unanswered files: they are retried one by one, and a file that kills a worker
 * on its own is reported invalid (internal error); the run never waits on a dead worker.
 */
export async function* auditInWorkers(found: (FoundFile | undefined)[], run: RunSettings, count: number, script: URL): AsyncGenerator<FileOutcome> {
  // Small enough that both workers stay busy to the end and outcomes wait little for the files before them.
  const size = Math.max(1, Math.min(32, Math.ceil(found.length / (count * 8))));
  const queue: Span[] = [];
  for (let start = 0; start < found.length; start += size) queue.push({ start, end: Math.min(found.length, start + size) });
  // Outcomes wait here until every file before them is out. Workers may run only this far ahead of the oldest
  // file not yet out: outcomes kept waiting long enough for a collection or two are the main thread's garbage.
  const ready = new Map<number, FileOutcome>();
  const window = count * size * 2;
  let next = 0;
  let batchIds = 0;
  let deaths = 0;
  let inProcess = false;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const slots = new Set<Slot>();

  const dispatch = (slot: Slot) => {
    while (slot.inFlight.size < 2 && queue.length > 0 && queue[0]!.start < next + window) {
      // A suspect goes to an idle worker and keeps it to itself, so that if the worker dies it is to blame.
      if ([...slot.inFlight.values()].some((b) => b.alone) || (queue[0]!.alone && slot.inFlight.size > 0)) return;
      const batch = queue.shift()!;
      const id = batchIds++;
      slot.inFlight.set(id, batch);
      slot.worker.postMessage({ id, files: found.slice(batch.start, batch.end) as FoundFile[] } satisfies Batch);
    }
  };
  const dispatchAll = () => {
    for (const slot of slots) dispatch(slot);
  };

  const lost = (slot: Slot, code: number) => {
    slots.delete(slot);
    const batches = [...slot.inFlight.values()];
    if (!slot.ready) {
      // It never got going (the bundle is broken, or threads are refused): its files are not to blame.
      queue.push(...batches);
      queue.sort((a, b) => a.start - b.start);
      if (slots.size === 0) inProcess = true;
      dispatchAll();
      notify();
      return;
    }
    deaths++;
    const reason = `the audit worker stopped (${slot.reason ?? `exit code ${code}`})`;
    // It died on the first file of its first batch it had not answered (it takes them in order); the files
    // after that one it may not have begun, the later batches it had not.
    const [suspect, ...untouched] = batches;
    if (suspect) {
      const first = suspect.start + (suspect.answered ?? 0);
      if (suspect.alone) ready.set(first, outcomeOf(internalErrorFile(found[first]!, reason), run));
      else for (let i = first; i < suspect.end; i++) queue.push({ start: i, end: i + 1, alone: true });
    }
    queue.push(...untouched);
    queue.sort((a, b) => a.start - b.start);
    // Each death retires a file or splits a batch, so this ends; past the budget, the main thread finishes the run.
    if (deaths <= count + 16) spawn();
    else if (slots.size === 0) inProcess = true;
    dispatchAll();
    notify();
  };

  // A bounded heap makes V8 collect before it grows: with the default limits each worker's heap swells to
  // over 100 MB of garbage. A 1 MiB file (the default limit) needs about 50 MB at its peak; larger limits
  // (max_file_bytes) get room in proportion. A worker that still runs out is a dead worker (above).
  const heapMb = Math.max(96, Math.ceil((run.limits.maxBytes / 2 ** 20) * 96));
  // Loaded here, not at start-up: an audit of a few files never starts a thread.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const spawn = () => {
    const worker = new Worker(script, { workerData: { run }, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 } });
    const slot: Slot = { worker, inFlight: new Map(), ready: false };
    slots.add(slot);
    worker.on('message', (message: FromWorker) => {
      if ('ready' in message) {
        slot.ready = true;
        return;
      }
      const { id, from, outcomes } = message;
      const batch = slot.inFlight.get(id);
      if (!batch) return;
      outcomes.forEach((outcome, i) => ready.set(batch.start + from + i, restoreOutcome(outcome, run.pack)));
      batch.answered = from + outcomes.length;
      if (batch.start + batch.answered >= batch.end) {
        slot.inFlight.delete(id);
        dispatch(slot);
      }
      notify();
    });
    worker.on('error', (error) => {
      slot.reason = error?.message ?? String(error);
    });
    worker.on('exit', (code) => {
      if (!finished && slots.has(slot)) lost(slot, code);
    });
    dispatch(slot);
  };

  try {
    for (let i = 0; i < count; i++) spawn();
    while (next < found.length) {
      const outcome = ready.get(next);
      if (outcome) {
        ready.delete(next);
        found[next] = undefined;
        next++;
        dispatchAll();
        yield outcome;
      } else if (inProcess && queue.length > 0) {
        const batch = queue.shift()!;
        for (let i = batch.start; i < batch.end; i++) ready.set(i, auditForRun(found[i]!, run));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    finished = true;
    for (const slot of slots) void slot.worker.terminate();
  }
}
