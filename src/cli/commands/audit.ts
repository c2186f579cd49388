// CLI command `involve audit`: options → the files, audited in order → the report builder → formats → output files.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findEvidence, MissingPathError, type FoundFile } from '../../load/find-evidence.ts';
import { sharedReturns } from '../../load/return-keys.ts';
import { ReportBuilder, type FileScope, type Previous } from '../../report/build-report.ts';
import { FORMAT_NAMES, formats, type FormatName } from '../../report/formats/index.ts';
import { JSON_FILE_SEPARATOR, jsonHead, jsonTail } from '../../report/formats/json.ts';
import type { FileReport, Report } from '../../report/model.ts';
import { readSavedReport, SavedReportError } from '../../report/read-saved-report.ts';
import { VERSION } from '../../version.ts';
import { londonDate, toDay } from '../../evaluate/calendar.ts';
import { colourLevel } from '../colour.ts';
import { resolveSettings, type Settings, type SettingsOptions } from '../settings.ts';
import { exitCode, nothingReported } from '../exit-code.ts';
import type { Io } from '../io.ts';
import { progressOn } from '../progress.ts';
import { letSignalsIn } from '../signals.ts';
import { openReport, writeReport, type Output, type Piece } from '../write-report.ts';
import { auditFiles, workerScript, workersFor } from '../audit-pool.ts';
import type { FileOutcome, RunSettings } from '../audit-run.ts';

export interface AuditOptions extends SettingsOptions {
  period?: string;
  format: FormatName;
  output?: string;
  color?: boolean;
  previous?: string;
  /** Extra reports from the same run, as format=file. */
  report?: string[];
  /** The audit's date, YYYY-MM-DD: waivers' expiry is judged at it, and no return may be submitted after it; default today. */
  asOf?: string;
  /** A run that reports no file exits 0 rather than 2. */
  allowEmpty?: boolean;
}

export class UsageError extends Error {}

/** Called with the finished report before any of it is written: throws a UsageError for a run that must not pass. */
type Accept = (report: Report) => void;

export function find(paths: string[], io: Io): FoundFile[] {
  try {
    const packs: string[] = [];
    const found = findEvidence(paths, io.cwd, packs);
    for (const pack of packs) io.stderr.write(`involve: ${pack} holds pack.yaml, so it is a rule pack, not returns: nothing in it was audited (its tests run with: involve test-rules ${pack})\n`);
    return found;
  } catch (error) {
    if (error instanceof MissingPathError) throw new UsageError(error.message);
    throw error;
  }
}

/** What every file's audit in a run depends on; `asOf` is --as-of, else today. */
export function runSettings({ pack, limits, config, register }: Settings, asOf: string | undefined): RunSettings {
  // The one place a run reads the clock: today is the date in London, wherever it runs.
  const today = asOf ?? londonDate(new Date());
  return { pack, limits, today, ...(config ? { root: config.dir } : {}), ...(register ? { register: register.providers } : {}) };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Each file's outcome, in the files' order: from worker threads for a long run, else from this thread. */
export async function* audited(found: FoundFile[], run: RunSettings, io: Io): AsyncGenerator<FileOutcome> {
  const progress = progressOn(io, found.length);
  const workers = workersFor(found.length, io.env);
  const script = workers > 0 ? workerScript() : undefined;
  let done = 0;
  for await (const outcome of auditFiles(found, run, { workers, ...(script ? { script } : {}) })) {
    progress.tick(++done);
    yield outcome;
  }
  progress.done();
}

/**
 * The JSON report, written a file at a time as the files are audited: the same bytes as rendering the whole
 * report, without holding it (100,000 files make over a gigabyte of JSON). Each file comes already waived and
 * rendered (RunSettings.streamed), and the report keeps only its brief.
 */
async function streamJson(found: FoundFile[], run: RunSettings, builder: ReportBuilder, files: (string | undefined)[], accept: Accept, io: Io): Promise<Report> {
  const outputs: Output[] = [];
  const write = (piece: Piece) => {
    for (const output of outputs) output.write(piece);
  };
  try {
    for (const file of files) outputs.push(openReport(file, io));
    write(jsonHead(builder.head));
    let written = 0;
    for await (const { brief, json } of audited(found, run, io)) {
      if (!brief) continue;
      // A return not yet received (brief.received false) has no entry to write.
      if (json !== undefined) {
        if (written++ > 0) write(JSON_FILE_SEPARATOR);
        write(json);
      }
      builder.count(brief);
    }
    const report = builder.finish();
    accept(report);
    write(jsonTail(report));
    for (const output of outputs) output.finish();
    await letSignalsIn();
    return report;
  } catch (error) {
    for (const output of outputs) output.abort();
    throw error;
  }
}

/** The report built whole, then rendered in each format asked for, one after the other. */
async function writeWhole(found: FoundFile[], run: RunSettings, builder: ReportBuilder, outputs: [FormatName, string | undefined][], color: boolean | undefined, accept: Accept, io: Io): Promise<Report> {
  for await (const { report } of audited(found, run, io)) builder.add(report!);
  const report = builder.finish();
  accept(report);
  const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 160));
  for (const [format, file] of outputs) {
    const toTerminal = file === undefined || file === '-';
    const render = await formats[format]();
    writeReport(render(report, { color: toTerminal ? colourLevel(color, io.env, io.stdout) : 0, width }), file, io);
    await letSignalsIn();
  }
  return report;
}

/** Last quarter for --previous: a saved JSON report read back, or its evidence audited as it stands (no waivers). */
async function previousRun(path: string, run: RunSettings, io: Io): Promise<Previous> {
  const absolute = resolve(io.cwd, path);
  let saved;
  try {
    saved = /\.json$/i.test(path) && statSync(absolute).isFile() ? readSavedReport(absolute, path) : undefined;
  } catch (error) {
    if (error instanceof SavedReportError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`--previous: no such file or folder: ${path}`);
    throw error;
  }
  const source = path.split('\\').join('/');
  if (saved) return { files: saved.files, source, summary: saved.summary, saved: saved.pack ? { pack: saved.pack } : {} };
  const files: FileReport[] = [];
  for await (const { report } of audited(find([path], io), run, io)) files.push(report!);
  return { files, source };
}

/** `--report junit=out/junit.xml` → [['junit', 'out/junit.xml']], refusing unknown formats before any work. */
function extraReports(values: string[]): [FormatName, string][] {
  return values.map((value) => {
    const at = value.indexOf('=');
    const format = value.slice(0, at) as FormatName;
    const file = value.slice(at + 1);
    if (at < 1 || !file || !FORMAT_NAMES.includes(format)) {
      throw new UsageError(`--report "${value}" must be FORMAT=FILE with FORMAT one of ${FORMAT_NAMES.join(', ')}, e.g. junit=out/junit.xml`);
    }
    return [format, file];
  });
}

export async function audit(paths: string[], options: AuditOptions, io: Io): Promise<number> {
  let extras: [FormatName, string][];
  try {
    extras = extraReports(options.report ?? []);
  } catch (error) {
    io.stderr.write(`involve: ${(error as Error).message}\n`);
    return 2;
  }
  const targets = paths.length > 0 ? paths : ['.'];
  const settings = resolveSettings(options, targets[0]!, io);
  if (!settings) return 2;
  const { pack, register } = settings;
  const run = runSettings(settings, options.asOf);
  const today = run.today!;
  // Named files alone are a check of those files (a provider's own return, a pre-commit hook's changes): only a run
  // over a folder, or for a --period, audits a quarter, and so has returns missing from it.
  const auditsQuarters = options.period !== undefined || targets.some((target) => !isFile(resolve(io.cwd, target)));
  const scope: FileScope = { ...(options.period ? { period: options.period } : {}), waivers: settings.waivers, asOf: toDay(today), ...(register && auditsQuarters ? { register } : {}) };
  const outputs: [FormatName, string | undefined][] = [[options.format, options.output], ...extras];
  try {
    const found = find(targets, io);
    const previous = options.previous ? await previousRun(options.previous, run, io) : undefined;
    const builder = new ReportBuilder(pack, { version: VERSION, ...scope, ...(previous ? { previous } : {}), yearStart: settings.yearStart });
    // Nothing is written for a run that found nothing: no empty SARIF to close a repository's open alerts.
    const accept: Accept = (report) => {
      const empty = options.allowEmpty ? undefined : nothingReported(report, { paths, ...(options.period ? { period: options.period } : {}), found: found.length });
      if (empty) throw new UsageError(empty);
    };
    // JSON alone can be written as the files are audited; the other formats, and the changes since last quarter, need them all at once.
    const report =
      !previous && outputs.every(([format]) => format === 'json')
        ? await streamJson(found, { ...run, streamed: scope, shared: sharedReturns(found, run.limits.maxBytes) }, builder, outputs.map(([, file]) => file), accept, io)
        : await writeWhole(found, run, builder, outputs, options.color, accept, io);
    return exitCode(report, settings.failOn);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`involve: ${error.message}\n`);
    return 2;
  }
}
