// CLI: one file's part in an audit run, done the same way in the main thread and in a worker, so both give the same bytes.
import { auditFile } from '../audit-file.ts';
import { FolderCache } from '../load/attachments.ts';
import type { FoundFile } from '../load/find-evidence.ts';
import type { ReadLimits } from '../load/read-yaml.ts';
import type { CompiledPack } from '../packs/compile-pack.ts';
import type { RegisteredProvider } from '../config/config-schema.ts';
import { fileEntry, markDuplicate, type FileBrief, type FileScope } from '../report/build-report.ts';
import { jsonFile } from '../report/formats/json.ts';
import type { FileReport } from '../report/model.ts';

/** Everything a file's audit depends on besides the file; plain data, so a worker gets it once, as it starts. */
export interface RunSettings {
  pack: CompiledPack;
  limits: ReadLimits;
  root?: string;
  /** A run of a few files, which need not pay to make validation fast (ValidateOptions). */
  few?: boolean;
  /** The audit's date, YYYY-MM-DD (today in Europe/London, or --as-of): no return may be submitted after it. */
  today?: string;
  /** The config's provider register: whose service type wins, and whom a return is checked against (warnings). */
  register?: readonly RegisteredProvider[];
  /**
   * Set when the run writes its files out as JSON as they come, keeping none: each file's part in the report
   * (fileEntry) is then worked out, and its JSON rendered, where it is audited, so that a worker hands the main
   * thread bytes to write, not objects to render (rendering them there took 12% more CPU at 10,000 files).
   */
  streamed?: FileScope;
  /**
   * In a streamed run, the files sharing a provider and quarter with others, and those others (load/return-keys.ts):
   * each is marked invalid where it is audited, before anything is written, as the report builder marks them in a
   * run that keeps its files.
   */
  shared?: ReadonlyMap<string, string[]>;
}

/** A file as audited (`report`), or, in a streamed run, its brief and JSON: neither when --period leaves it out. */
export interface FileOutcome {
  report?: FileReport;
  brief?: FileBrief;
  /** A worker sends it as UTF-8, which the main thread writes out without making a string of it. */
  json?: string | Uint8Array;
}

// One cache of folders, and one index of the register, per run (and per worker).
const foldersOf = new WeakMap<RunSettings, FolderCache>();
const registerOf = new WeakMap<RunSettings, Map<string, RegisteredProvider>>();

export function auditForRun(found: FoundFile, run: RunSettings): FileOutcome {
  let folders = foldersOf.get(run);
  if (!folders) foldersOf.set(run, (folders = new FolderCache()));
  let register = registerOf.get(run);
  if (!register && run.register) registerOf.set(run, (register = new Map(run.register.map((p) => [p.id, p]))));
  const options = { limits: run.limits, folders, few: run.few, ...(run.root ? { root: run.root } : {}), ...(run.today ? { today: run.today } : {}), ...(register ? { register } : {}) };
  return outcomeOf(auditFile(found, run.pack, options), run);
}

export function outcomeOf(report: FileReport, run: RunSettings): FileOutcome {
  if (!run.streamed) return { report };
  const others = run.shared?.get(report.file);
  const entry = fileEntry(others ? markDuplicate(report, others) : report, run.streamed);
  return entry ? { brief: entry.brief, ...(entry.file ? { json: jsonFile(entry.file) } : {}) } : {};
}
