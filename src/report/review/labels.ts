// Report stage: the words every review format shows for a quarter's state, a streak and a waiver's expiry, beside
// the audit's own marks and words (formats/labels.ts), so the four formats say each the same way.
import { STATUS } from '../formats/labels.ts';
import { quarterLabel, type QuarterState, type Review, type ReviewWaiver } from './model.ts';
import { plural, streakWords, type Streak } from '../streaks.ts';

export const QUARTER_WORDS: Record<QuarterState, string> = { ...STATUS, missing: 'Missing', 'no-return': 'No return', 'not-due': 'Not due' };

/** What a quarter's state means, for the key under the status table. */
export const QUARTER_MEANINGS: Record<'missing' | 'no-return' | 'not-due', string> = {
  missing: 'the register says a return was due and none was found',
  'no-return': 'no return was found (there is no register entry to say whether one was due)',
  'not-due': 'outside the quarters the register says a return is due',
};

/** A streak in the review's labels. */
export const reviewStreakWords = (review: Pick<Review, 'period_labels'>, s: Streak) => streakWords(s, (q) => quarterLabel(review, q));

/** "expires 2027-03-15, in 54 days", "expired 2026-06-30". */
export function expiryWords(w: ReviewWaiver): string {
  if (w.days_left < 0) return `expired ${w.expires}`;
  return `expires ${w.expires}, ${w.days_left === 0 ? 'today' : `in ${plural(w.days_left, 'day')}`}`;
}

/** "2026-Q1 to 2026-Q4", in the review's labels. */
export const rangeWords = (review: Pick<Review, 'from' | 'to' | 'period_labels'>) =>
  review.from === review.to ? quarterLabel(review, review.from) : `${quarterLabel(review, review.from)} to ${quarterLabel(review, review.to)}`;

/** The quarters the register says a return is due: "2025-Q3 to 2027-Q1", "from 2026-Q1", "every quarter". */
export function dueWords(review: Pick<Review, 'period_labels'>, { from, to }: { from?: string; to?: string }): string {
  const [first, last] = [from && quarterLabel(review, from), to && quarterLabel(review, to)];
  return first && last ? `${first} to ${last}` : first ? `from ${first}` : last ? `until ${last}` : 'every quarter';
}

/** "3 returns in 4 quarters: 0 green, …, 1 missing; 1 rule result waived." */
export function summaryWords({ summary: s }: Pick<Review, 'summary'>): string {
  return `${plural(s.returns, 'return')} in ${plural(s.quarters, 'quarter')}: ${s.green} green, ${s.amber} amber, ${s.red} red, ${s.invalid} invalid, ${s.missing} missing; ${plural(s.waived, 'rule result')} waived.`;
}
