// Test helper: `involve review` in-process over fixtures/review, as of the date its config's waivers were written for.
import type { Review } from '../../../src/report/review/model.ts';
import { runCli, type CliResult } from '../../cli/run-cli.ts';

export const AS_OF = '2027-01-20';

export function review(provider: string, ...args: string[]): Promise<CliResult> {
  return runCli(['review', provider, 'fixtures/review', '--as-of', AS_OF, ...args]);
}

export async function reviewJson(provider: string, ...args: string[]): Promise<Review> {
  const { status, stdout, stderr } = await review(provider, '--format', 'json', ...args);
  if (status !== 0) throw new Error(`involve review ${provider} exited ${status}: ${stderr}`);
  return JSON.parse(stdout) as Review;
}
