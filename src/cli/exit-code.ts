// CLI: the exit status a report implies under --fail-on (rules-and-reports.md, "Exit status").
import type { FileStatus, Report } from '../report/model.ts';

export type FailOn = 'red' | 'amber' | 'never';

const FAILING: Record<FailOn, readonly FileStatus[]> = {
  red: ['red', 'invalid'],
  amber: ['amber', 'red', 'invalid'],
  never: [],
};

export function exitCode(report: Report, failOn: FailOn): 0 | 1 {
  return report.files.some((f) => FAILING[failOn].includes(f.status)) ? 1 : 0;
}
