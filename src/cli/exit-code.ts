// CLI: the exit status a report implies under --fail-on (rules-and-reports.md, "Exit status").
import type { FileStatus, Report } from '../report/model.ts';

export type FailOn = 'red' | 'amber' | 'never';

const FAILING: Record<FailOn, readonly FileStatus[]> = {
  red: ['red', 'invalid'],
  amber: ['amber', 'red', 'invalid'],
  never: [],
};

/** From the summary, which a report written file by file has though its `files` is not kept. A missing return counts as red. */
export function exitCode(report: Pick<Report, 'summary'>, failOn: FailOn): 0 | 1 {
  const missing = FAILING[failOn].includes('red') && report.summary.missing > 0;
  return missing || FAILING[failOn].some((status) => report.summary[status] > 0) ? 1 : 0;
}

/** What an audit looked through: the paths as given, the --period, and how many evidence files it found there. */
export interface Searched {
  paths: readonly string[];
  period?: string;
  found: number;
}

const PATTERNS = '(*.yaml, *.yml)';
const WAY_OUT = 'or pass --allow-empty to accept an empty run';

/**
 * Why a run that reported no file must not pass, as one line; undefined when it reported one. CI must not go green
 * because a path was mistyped or a quarter's folder is still empty. Judged by the report, not by the files found,
 * so that whatever else a report comes to hold about the quarter (a provider expected but missing) counts here.
 */
export function nothingReported(report: Pick<Report, 'summary'>, { paths, period, found }: Searched): string | undefined {
  if (report.summary.files > 0 || report.summary.missing > 0) return undefined;
  const where = paths.length > 0 ? paths.join(', ') : 'the current folder';
  if (!period) return `no evidence files ${PATTERNS} found in ${where}; check the path, ${WAY_OUT}`;
  const others = found > 0 ? ` (${found === 1 ? 'the 1 file found is' : `the ${found} files found are`} for other quarters)` : '';
  return `no evidence files ${PATTERNS} found for ${period} in ${where}${others}; check the path and the period, ${WAY_OUT}`;
}
