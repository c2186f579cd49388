// CLI: one file's part in an audit run, done the same way in the main thread and in a worker, so both give the same bytes.
import { auditFile } from '../audit-file.ts';
import type { Waiver } from '../config/config-schema.ts';
import type { Day } from '../evaluate/calendar.ts';
import { FolderCache } from '../load/attachments.ts';
import type { FoundFile } from '../load/find-evidence.ts';
import type { ReadLimits } from '../load/read-yaml.ts';
import type { CompiledPack } from '../packs/compile-pack.ts';
import { briefOf, type FileBrief } from '../report/build-report.ts';
import { fileJson } from '../report/formats/json.ts';
import type { FileReport } from '../report/model.ts';
import { waiveFile } from '../report/waivers.ts';

/** Everything a file's audit depends on besides the file; plain data, so a worker gets it once, as it starts. */
export interface RunSettings {
  pack: CompiledPack;
  limits: ReadLimits;
  root?: string;
  /** --period: a file of another quarter is left out. */
  period?: string;
  waivers: Waiver[];
  asOf: Day;
  /** A run of a few files, which need not pay to make validation fast (ValidateOptions). */
  few?: boolean;
  /** `json`: each file comes back as its JSON and its brief; `model`: as its report, for the report to be built whole. */
  mode: 'json' | 'model';
}

export interface FileOutcome {
  /** False when --period leaves the file out. */
  kept: boolean;
  report?: FileReport;
  brief?: FileBrief;
  /** The file's JSON; a worker sends it as UTF-8, which the main thread writes out without making a string of it. */
  json?: string | Uint8Array;
  /** Indexes of the waivers used on the file and of those naming it (waiveFile). */
  used?: number[];
  matched?: number[];
}

// One cache of folders per run (and per worker).
const foldersOf = new WeakMap<RunSettings, FolderCache>();

export function auditForRun(found: FoundFile, run: RunSettings): FileOutcome {
  let folders = foldersOf.get(run);
  if (!folders) foldersOf.set(run, (folders = new FolderCache()));
  return outcomeOf(auditFile(found, run.pack, { limits: run.limits, folders, few: run.few, ...(run.root ? { root: run.root } : {}) }), run);
}

export function outcomeOf(report: FileReport, run: RunSettings): FileOutcome {
  // A file whose quarter cannot be told (it did not load) stays in, so a broken return is never hidden.
  const kept = !(run.period && report.period !== null && report.period !== run.period);
  if (run.mode === 'model') return { kept, report };
  if (!kept) return { kept };
  const { file, used, matched } = waiveFile(report, run.waivers, run.asOf);
  // A copy: the brief's strings go into the run's history, which outlives the file, and as slices of the file's
  // text (V8's sliced strings) they would keep every file read alive.
  return { kept, brief: structuredClone(briefOf(file)), json: fileJson(file), used, matched };
}
