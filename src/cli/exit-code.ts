// CLI: the exit status a report implies under --fail-on (rules-and-reports.md, "Exit status").
import type { FileStatus, Report } from '../report/model.ts';

export type FailOn = 'red' | 'amber' | 'never';

const FAILING: Record<FailOn, readonly FileStatus[]> = {
  red: ['red', 'invalid'],
  amber: ['amber', 'red', 'invalid'],
  never: [],
};

/** From the summary, which a report written file by file has though its `files` is not kept. */
export function exitCode(report: Pick<Report, 'summary'>, failOn: FailOn): 0 | 1 {
  return FAILING[failOn].some((status) => report.summary[status] > 0) ? 1 : 0;
}
