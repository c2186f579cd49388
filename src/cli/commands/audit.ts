// CLI command `involve audit`: find → (load → validate → evaluate) per file → build report → render → write.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findEvidence, MissingPathError, type FoundFile } from '../../load/find-evidence.ts';
import type { CompiledPack } from '../../packs/compile-pack.ts';
import { buildReport, countIn, emptySummary, reportOf, summarise, type Previous, type ReportContext } from '../../report/build-report.ts';
import { compareWithPrevious, HistoryBuilder } from '../../report/compare.ts';
import { FORMAT_NAMES, formats, type FormatName } from '../../report/formats/index.ts';
import { JSON_FILE_SEPARATOR, jsonAroundFiles } from '../../report/formats/json.ts';
import type { FileReport, Report } from '../../report/model.ts';
import { waiverUses } from '../../report/waivers.ts';
import { readSavedReport, SavedReportError } from '../../report/read-saved-report.ts';
import { VERSION } from '../../version.ts';
import { toDay } from '../../evaluate/calendar.ts';
import { colourLevel } from '../colour.ts';
import { resolveSettings, type SettingsOptions } from '../settings.ts';
import { exitCode } from '../exit-code.ts';
import type { Io } from '../io.ts';
import { progressOn } from '../progress.ts';
import { openReportSink, type ReportSink } from '../report-sink.ts';
import { letSignalsIn } from '../signals.ts';
import { writeReport } from '../write-report.ts';
import { auditInWorkers, workerScript, workersFor } from '../audit-pool.ts';
import { auditForRun, type FileOutcome, type RunSettings } from '../audit-run.ts';

export interface AuditOptions extends SettingsOptions {
  period?: string;
  format: FormatName;
  output?: string;
  color?: boolean;
  previous?: string;
  /** Extra reports from the same run, as format=file. */
  report?: string[];
  /** The day to judge waivers' expiry at, YYYY-MM-DD; default today. */
  asOf?: string;
}

/** Today's date where the audit runs: the calendar date a commissioner reads off their own clock. */
function localToday(now = new Date()): number {
  return toDay(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`);
}

class UsageError extends Error {}

function find(paths: string[], io: Io): FoundFile[] {
  try {
    return findEvidence(paths, io.cwd);
  } catch (error) {
    if (error instanceof MissingPathError) throw new UsageError(error.message);
    throw error;
  }
}

/** Takes the list over: each file is let go once audited, so a long run's memory shrinks as it goes. */
function* inThisThread(found: (FoundFile | undefined)[], run: RunSettings): Generator<FileOutcome> {
  for (let i = 0; i < found.length; i++) {
    const file = found[i]!;
    found[i] = undefined;
    yield auditForRun(file, run);
  }
}

// Below this many files, compiling zod's validators costs more than it saves (ValidateOptions): about 7 ms
// spent once, against 0.02 ms a file saved (measured on the bench's returns), so it pays from about 300 files.
const FEW_FILES = 100;

/** Each file's outcome, in the files' order: from worker threads for a long run, else from this thread. */
async function* outcomes(found: FoundFile[], run: RunSettings, io: Io): AsyncGenerator<FileOutcome> {
  const progress = progressOn(io, found.length);
  const workers = workersFor(found.length, io.env);
  const script = workers > 0 ? workerScript() : undefined;
  let done = 0;
  const source = script ? auditInWorkers(found, run, workers, script) : inThisThread(found, { ...run, few: found.length < FEW_FILES });
  for await (const outcome of source) {
    progress.tick(++done);
    yield outcome;
  }
  progress.done();
}

async function auditPaths(paths: string[], run: RunSettings, io: Io): Promise<FileReport[]> {
  const files: FileReport[] = [];
  for await (const outcome of outcomes(find(paths, io), { ...run, mode: 'model' }, io)) if (outcome.kept) files.push(outcome.report!);
  return files;
}

/**
 * The JSON report, written a file at a time as the files are audited: the same bytes as rendering the whole
 * report, without holding it (100,000 files make over a gigabyte of JSON). Of each file, only its part in the
 * summary, the history and the waivers' uses is kept.
 */
async function streamJson(paths: string[], run: RunSettings, context: ReportContext, pack: CompiledPack, outputs: (string | undefined)[], io: Io): Promise<Report> {
  const found = find(paths, io);
  const { before } = jsonAroundFiles(reportOf([], emptySummary(), new HistoryBuilder().build(), [], pack, context));
  const sinks: ReportSink[] = [];
  try {
    for (const output of outputs) sinks.push(openReportSink(output, io));
    const write = (text: string | Uint8Array) => {
      for (const sink of sinks) sink.write(text);
    };
    write(before);
    // All the report keeps of a file once it is written out.
    const summary = emptySummary();
    const history = new HistoryBuilder();
    const used = new Set<number>();
    const matched = new Set<number>();
    for await (const outcome of outcomes(found, { ...run, mode: 'json' }, io)) {
      if (!outcome.kept) continue;
      write(summary.files === 0 ? JSON_FILE_SEPARATOR.first : JSON_FILE_SEPARATOR.next);
      write(outcome.json!);
      countIn(summary, outcome.brief!);
      history.add(outcome.brief!);
      for (const i of outcome.used!) used.add(i);
      for (const i of outcome.matched!) matched.add(i);
    }
    const report = reportOf([], summary, history.build(), waiverUses(run.waivers, used, matched, run.asOf), pack, context);
    const whole = jsonAroundFiles(report);
    if (whole.before !== before) throw new Error('the JSON report changed its head while it was written');
    if (summary.files > 0) write(JSON_FILE_SEPARATOR.last);
    write(whole.after);
    for (const sink of sinks) sink.finish();
    await letSignalsIn();
    return report;
  } catch (error) {
    for (const sink of sinks) sink.abort();
    throw error;
  }
}

async function previousReturns(path: string, run: RunSettings, io: Io, current: FileReport[]): Promise<Previous> {
  const absolute = resolve(io.cwd, path);
  let saved;
  try {
    saved = /\.json$/i.test(path) && statSync(absolute).isFile() ? readSavedReport(absolute, path) : undefined;
  } catch (error) {
    if (error instanceof SavedReportError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`--previous: no such file or folder: ${path}`);
    throw error;
  }
  const files = saved?.files ?? (await auditPaths([path], { ...run, period: undefined }, io));
  return { files, changes: compareWithPrevious(files, current, path.split('\\').join('/'), saved?.summary ?? summarise(files)) };
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
  const { pack, limits } = settings;
  const root = settings.config?.dir;
  const asOf = options.asOf ? toDay(options.asOf) : localToday();
  const run: RunSettings = { pack, limits, ...(root ? { root } : {}), ...(options.period ? { period: options.period } : {}), waivers: settings.waivers, asOf, mode: 'model' };
  const context: ReportContext = { version: VERSION, ...(options.period ? { period: options.period } : {}), waivers: settings.waivers, asOf, yearStart: settings.yearStart };
  const outputs = [[options.format, options.output] as const, ...extras];
  try {
    // JSON alone can be written as the files are audited; the other formats lay out the whole report at once.
    if (!options.previous && outputs.every(([format]) => format === 'json')) {
      const report = await streamJson(targets, run, context, pack, outputs.map(([, file]) => file), io);
      return exitCode(report, settings.failOn);
    }
    const files = await auditPaths(targets, run, io);
    const previous = options.previous ? await previousReturns(options.previous, run, io, files) : undefined;
    const report = buildReport(files, pack, { ...context, ...(previous ? { previous } : {}) });
    const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 160));
    for (const [format, file] of outputs) {
      const toTerminal = file === undefined || file === '-';
      const render = await formats[format]();
      writeReport(render(report, { color: toTerminal ? colourLevel(options.color, io.env, io.stdout) : 0, width }), file, io);
      await letSignalsIn();
    }
    return exitCode(report, settings.failOn);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`involve: ${error.message}\n`);
    return 2;
  }
}
