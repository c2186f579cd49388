// Report stage: how long a provider has been failing a rule, counted back from the latest quarter (commissioning.md).
import type { RuleStatus } from './model.ts';

/**
 * A quarter as a streak sees it. A waived result is failing (a waiver excuses a rule, it does not meet it); an
 * aspirational rule not met (`info`) is not. `unjudged` is a quarter with no result for the rule: no return, an
 * invalid one, or the rule not in force or not asked of the service.
 */
export type QuarterMark = 'failing' | 'not-failing' | 'unjudged';

export function markOf(status: RuleStatus | undefined): QuarterMark {
  if (status === 'fail' || status === 'warn' || status === 'waived') return 'failing';
  if (status === 'pass' || status === 'info') return 'not-failing';
  return 'unjudged';
}

export interface Streak {
  /** The first quarter of the streak. */
  since: string;
  /** The last failing quarter: the latest judged one. */
  until: string;
  /** Quarters from `since` to `until`, both included, the unjudged ones between them too. */
  quarters: number;
  /** The quarters inside the streak with no result, passed over rather than breaking it. */
  unjudged: string[];
}

/**
 * The streak that holds at the last judged quarter, or undefined when that quarter did not fail. `quarters` are
 * consecutive calendar quarters, oldest first, each with its mark. An unjudged quarter neither breaks a streak nor
 * starts one: a provider that sends no return has not shown the rule met, and must not restart the count by it.
 */
export function currentStreak(quarters: readonly string[], marks: readonly QuarterMark[]): Streak | undefined {
  let last = marks.length - 1;
  while (last >= 0 && marks[last] === 'unjudged') last--;
  if (last < 0 || marks[last] !== 'failing') return undefined;
  let first = last;
  for (let i = last - 1; i >= 0 && marks[i] !== 'not-failing'; i--) if (marks[i] === 'failing') first = i;
  const unjudged = quarters.slice(first, last + 1).filter((_, i) => marks[first + i] === 'unjudged');
  return { since: quarters[first]!, until: quarters[last]!, quarters: last - first + 1, unjudged };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "failing for 3 quarters, since 2026-Q1 (no result in 2026-Q2)", the spec's words, each quarter by `label`; with
 * "to …" when the streak ended before `latest`, the last quarter the report shows.
 */
export function streakWords(s: Streak, label: (quarter: string) => string, latest = s.until): string {
  const to = s.until !== latest ? `, to ${label(s.until)}` : '';
  const gaps = s.unjudged.length ? ` (no result in ${s.unjudged.map(label).join(', ')})` : '';
  return `failing for ${plural(s.quarters, 'quarter')}, since ${label(s.since)}${to}${gaps}`;
}
