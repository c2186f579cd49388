// Report stage: rule outcomes → located results, a RAG status per file, and the summary counts.
import type { Diagnostic } from '../diagnostic.ts';
import type { Finding } from '../evaluate/checks/types.ts';
import type { RuleOutcome } from '../evaluate/evaluate-file.ts';
import type { PositionIndex } from '../load/positions.ts';
import type { CompiledPack } from '../packs/compile-pack.ts';
import type { Waiver } from '../config/config-schema.ts';
import { showDay, type Day } from '../evaluate/calendar.ts';
import { historyOf } from './compare.ts';
import { statusOf } from './status.ts';
import { applyWaivers } from './waivers.ts';

export { statusOf } from './status.ts';
import type { Changes, FileProblem, FileReport, FileStatus, History, Note, Report, RuleResult, Summary, WaiverUse } from './model.ts';

export interface FileHeader {
  file: string;
  provider: string;
  provider_name?: string;
  period: string | null;
  submitted_on?: string;
}

const problem = ({ code, message, line, column }: Diagnostic): FileProblem => ({ code, message, line, column });

export function toResults(outcomes: readonly RuleOutcome[], positions: PositionIndex, packId: string): RuleResult[] {
  const located = (f: Finding): Note => ({ status: f.status, message: f.message, ...positions.locate(f.path) });
  return outcomes.map(({ rule, status, findings, satisfied, commendations, skipped }) => {
    const headline = skipped ? [skipped] : findings.filter((f) => f.status === status);
    const message =
      headline.length > 0
        ? headline.map((f) => f.message).join('; ')
        : (satisfied[0]?.message ?? rule.title);
    const where = headline[0] ?? satisfied[0];
    return {
      rule: rule.id,
      pack: packId,
      severity: rule.severity,
      status,
      message,
      citation: rule.citation,
      ...(where ? positions.locate(where.path) : { line: 1, column: 1 }),
      title: rule.title,
      hint: rule.hint,
      findings: [...(skipped ? [skipped] : []), ...findings].map(located),
      evidence: satisfied.map(located),
      commendations: commendations.map(located),
    };
  });
}

export function auditedFile(header: FileHeader, results: RuleResult[], warnings: Diagnostic[]): FileReport {
  return { ...header, status: statusOf(results), errors: [], warnings: warnings.map(problem), results };
}

export function invalidFile(header: FileHeader, errors: Diagnostic[], warnings: Diagnostic[]): FileReport {
  return { ...header, status: 'invalid', errors: errors.map(problem), warnings: warnings.map(problem), results: [] };
}

/** What the report keeps of a file besides the file itself: enough for the summary, the history and the exit status. */
export interface FileBrief {
  provider: string;
  provider_name?: string;
  period: string | null;
  status: FileStatus;
  /** Results waived. */
  waived: number;
}

export function briefOf(file: FileReport): FileBrief {
  let waived = 0;
  for (const r of file.results) if (r.status === 'waived') waived++;
  return { provider: file.provider, ...(file.provider_name !== undefined ? { provider_name: file.provider_name } : {}), period: file.period, status: file.status, waived };
}

export const emptySummary = (): Summary => ({ files: 0, red: 0, amber: 0, green: 0, invalid: 0, waived: 0 });

/** Adds one file to `summary`, a file at a time. */
export function countIn(summary: Summary, brief: FileBrief): void {
  summary.files++;
  summary[brief.status]++;
  summary.waived += brief.waived;
}

export function summarise(files: readonly FileReport[]): Summary {
  const summary = emptySummary();
  for (const f of files) countIn(summary, briefOf(f));
  return summary;
}

/** "2026-Q3", or with a financial year starting in April as UK commissioners count, "Q2 2026/27". */
export function labelPeriod(period: string, yearStart: 'january' | 'april'): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!match || yearStart === 'january') return period;
  const [year, quarter] = [Number(match[1]), Number(match[2])];
  const first = quarter === 1 ? year - 1 : year;
  return `Q${((quarter + 2) % 4) + 1} ${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}

export interface Previous {
  files: FileReport[];
  changes: Changes;
}

export interface ReportContext {
  version: string;
  /** The --period filter. */
  period?: string;
  previous?: Previous;
  waivers?: readonly Waiver[];
  /** The day waivers are judged at. */
  asOf: Day;
  yearStart?: 'january' | 'april';
}

export function buildReport(audited: FileReport[], pack: CompiledPack, context: ReportContext): Report {
  const { files, uses } = applyWaivers(audited, context.waivers ?? [], context.asOf);
  return reportOf(files, summarise(files), historyOf([...(context.previous?.files ?? []), ...files]), uses, pack, context);
}

/**
 * The report around `files`, given their summary and history. A run that writes its files out one at a time
 * passes no files, and the summary and history it gathered as it went: the rest of the report is the same.
 */
export function reportOf(files: FileReport[], summary: Summary, history: History, uses: WaiverUse[], pack: CompiledPack, { version, period, previous, asOf, yearStart = 'january' }: ReportContext): Report {
  return {
    tool: { name: 'involve', version },
    pack: { id: pack.id, title: pack.title, lineage: pack.lineage },
    ...(period ? { period } : {}),
    files,
    summary,
    rules: pack.rules.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      severity: r.severity,
      citation: r.citation,
      hint: r.hint,
      defined_in: r.definedIn,
    })),
    history,
    ...(previous ? { changes: previous.changes } : {}),
    waivers: uses,
    as_of: showDay(asOf),
    period_labels: Object.fromEntries(history.periods.map((p) => [p, labelPeriod(p, yearStart)])),
  };
}
