// CLI command `involve audit`: find → (load → validate → evaluate) per file → build report → render → write.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditFile } from '../../audit-file.ts';
import { findEvidence, MissingPathError } from '../../load/find-evidence.ts';
import type { CompiledPack } from '../../packs/compile-pack.ts';
import { buildReport, summarise, type Previous } from '../../report/build-report.ts';
import { compareWithPrevious } from '../../report/compare.ts';
import { FORMAT_NAMES, formats, type FormatName } from '../../report/formats/index.ts';
import type { FileReport } from '../../report/model.ts';
import type { ReadLimits } from '../../load/read-yaml.ts';
import { readSavedReport, SavedReportError } from '../../report/read-saved-report.ts';
import { VERSION } from '../../version.ts';
import { toDay } from '../../evaluate/calendar.ts';
import { colourLevel } from '../colour.ts';
import { resolveSettings, type SettingsOptions } from '../settings.ts';
import { exitCode } from '../exit-code.ts';
import type { Io } from '../io.ts';
import { progressOn } from '../progress.ts';
import { writeReport } from '../write-report.ts';

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

function auditPaths(paths: string[], pack: CompiledPack, limits: ReadLimits, io: Io, period?: string, root?: string): FileReport[] {
  let found;
  try {
    found = findEvidence(paths, io.cwd);
  } catch (error) {
    if (error instanceof MissingPathError) throw new UsageError(error.message);
    throw error;
  }
  const progress = progressOn(io, found.length);
  const files: FileReport[] = [];
  for (const [index, file] of found.entries()) {
    const report = auditFile(file, pack, { limits, ...(root ? { root } : {}) });
    progress.tick(index + 1);
    // A file whose quarter cannot be told (it did not load) stays in, so a broken return is never hidden.
    if (period && report.period !== null && report.period !== period) continue;
    files.push(report);
  }
  progress.done();
  return files;
}

function previousReturns(path: string, pack: CompiledPack, limits: ReadLimits, io: Io, current: FileReport[], root?: string): Previous {
  const absolute = resolve(io.cwd, path);
  let saved;
  try {
    saved = /\.json$/i.test(path) && statSync(absolute).isFile() ? readSavedReport(absolute, path) : undefined;
  } catch (error) {
    if (error instanceof SavedReportError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`--previous: no such file or folder: ${path}`);
    throw error;
  }
  const files = saved?.files ?? auditPaths([path], pack, limits, io, undefined, root);
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
  let files: FileReport[];
  let previous: Previous | undefined;
  try {
    const root = settings.config?.dir;
    files = auditPaths(targets, pack, limits, io, options.period, root);
    if (options.previous) previous = previousReturns(options.previous, pack, limits, io, files, root);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`involve: ${error.message}\n`);
    return 2;
  }
  const report = buildReport(files, pack, {
    version: VERSION,
    ...(options.period ? { period: options.period } : {}),
    ...(previous ? { previous } : {}),
    waivers: settings.waivers,
    asOf: options.asOf ? toDay(options.asOf) : localToday(),
    yearStart: settings.yearStart,
  });
  const width = Math.max(60, Math.min(io.stdout.columns ?? 100, 160));
  for (const [format, file] of [[options.format, options.output] as const, ...extras]) {
    const toTerminal = file === undefined || file === '-';
    const render = await formats[format]();
    writeReport(render(report, { color: toTerminal ? colourLevel(options.color, io.env, io.stdout) : 0, width }), file, io);
  }
  return exitCode(report, settings.failOn);
}
