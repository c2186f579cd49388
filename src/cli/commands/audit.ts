// CLI command `involve audit`: find → (load → validate → evaluate) per file → build report → render → write.
import { auditFile } from '../../audit-file.ts';
import { findEvidence, MissingPathError } from '../../load/find-evidence.ts';
import { buildReport } from '../../report/build-report.ts';
import { formats, type FormatName } from '../../report/formats/index.ts';
import type { FileReport } from '../../report/model.ts';
import { VERSION } from '../../version.ts';
import { colourLevel } from '../colour.ts';
import { compileOrExplain } from '../compile-or-explain.ts';
import { exitCode, type FailOn } from '../exit-code.ts';
import type { Io } from '../io.ts';
import { writeReport } from '../write-report.ts';

export interface AuditOptions {
  rules: string;
  period?: string;
  format: FormatName;
  output?: string;
  failOn: FailOn;
  color?: boolean;
}

export async function audit(paths: string[], options: AuditOptions, io: Io): Promise<number> {
  const pack = compileOrExplain(options.rules, io);
  if (!pack) return 2;
  let found;
  try {
    found = findEvidence(paths.length > 0 ? paths : ['.'], io.cwd);
  } catch (error) {
    if (!(error instanceof MissingPathError)) throw error;
    io.stderr.write(`involve: ${error.message}\n`);
    return 2;
  }
  const files: FileReport[] = [];
  for (const file of found) {
    const report = auditFile(file, pack);
    // A file whose quarter cannot be told (it did not load) stays in, so a broken return is never hidden.
    if (options.period && report.period !== null && report.period !== options.period) continue;
    files.push(report);
  }
  const report = buildReport(files, pack, VERSION, options.period);
  const toTerminal = options.output === undefined || options.output === '-';
  const render = await formats[options.format]();
  const text = render(report, {
    color: toTerminal ? colourLevel(options.color, io.env, io.stdout) : 0,
    width: Math.max(60, Math.min(io.stdout.columns ?? 100, 160)),
  });
  writeReport(text, options.output, io);
  return exitCode(report, options.failOn);
}
