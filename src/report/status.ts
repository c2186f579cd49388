// Report stage: a file's RAG status from its rule results (rules-and-reports.md, "Severities and statuses").
import type { FileStatus, RuleResult } from './model.ts';

export function statusOf(results: readonly Pick<RuleResult, 'status' | 'severity'>[]): FileStatus {
  if (results.some((r) => r.status === 'fail' && r.severity === 'required')) return 'red';
  if (results.some((r) => (r.status === 'fail' && r.severity === 'recommended') || r.status === 'warn')) return 'amber';
  return 'green';
}
