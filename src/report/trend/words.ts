// Report stage: the words every trend format says a quarter's status, a streak and a move in, so they say each alike.
import { labelPeriod } from '../build-report.ts';
import { NO_RETURN, STATUS } from '../formats/labels.ts';
import { packRevision } from '../model.ts';
import { plural, streakWords } from '../streaks.ts';
import type { QuarterStatus, RuleStreak, StatusMove, Trend, TrendChanges } from './model.ts';

/** A provider's status in a quarter, in a word: a return's status as the audit says it, or what stands for none. */
export const QUARTER_WORD: Record<QuarterStatus, string> = { ...STATUS, missing: NO_RETURN, none: '—' };

export const KEY_NONE = '— no return, and none due by the register (or no register)';

/** A quarter's label by the trend's financial year, whether or not the trend spans it. */
export const labelOf = (trend: Pick<Trend, 'year_start'>, period: string) => labelPeriod(period, trend.year_start);

/** A rule's title, by its id. */
export const titleOf = (trend: Pick<Trend, 'rules'>, rule: string) => trend.rules.find((r) => r.id === rule)?.title ?? rule;

/** A streak in the trend's labels, with "to …" when it ended before the trend's latest quarter. */
export const trendStreakWords = (trend: Pick<Trend, 'quarters' | 'year_start'>, s: RuleStreak) =>
  streakWords(s, (q) => labelOf(trend, q), trend.quarters.at(-1)?.period);

/** "failing in 7 of 20 provider-quarters judged, and for 3 providers in Q2 2026/27". */
export function failingWords(trend: Pick<Trend, 'quarters'>, m: Trend['most_failed'][number]): string {
  const latest = trend.quarters.at(-1);
  return `failing in ${m.failing} of ${plural(m.judged, 'provider-quarter')} judged, and for ${plural(m.failing_latest, 'provider')} in ${latest ? latest.label : 'the latest quarter'}`;
}

export const moveWords = (m: StatusMove) => `${QUARTER_WORD[m.previous]} → ${QUARTER_WORD[m.current]}`;

/** "Q2 2026/27 against Q1 2026/27": what the changes compare. */
export const againstWords = (trend: Pick<Trend, 'year_start'>, c: TrendChanges) => `${labelOf(trend, c.to)} against ${labelOf(trend, c.from)}`;

/** The span in words: "2025-Q4 to 2026-Q3", or one quarter's label. */
export function spanWords(trend: Pick<Trend, 'quarters'>): string {
  const [first, last] = [trend.quarters[0], trend.quarters.at(-1)];
  if (!first || !last) return 'no quarter';
  return first === last ? first.label : `${first.label} to ${last.label}`;
}

/** What a reader must know to read the trend right: rules not judged in every quarter, returns in no quarter. */
export function noteWords(trend: Pick<Trend, 'quarters' | 'rules' | 'year_start' | 'unplaced'>): string[] {
  const first = trend.quarters[0]?.period;
  const later = trend.rules.filter((r) => r.effective_from && first && r.effective_from > first);
  return [
    ...later.map((r) => `${r.id} is in force from ${labelOf(trend, r.effective_from!)}; earlier quarters are not judged by it`),
    ...trend.unplaced.map((u) => `${u.file} could not be read, so its quarter is unknown and it is in no column`),
  ];
}

/** The sentence under the title: what the trend covers and what judged it. */
export function introWords(trend: Pick<Trend, 'providers' | 'quarters' | 'pack' | 'tool' | 'as_of'>): string {
  const { providers, quarters, pack } = trend;
  return `${plural(providers.length, 'provider')} over ${plural(quarters.length, 'quarter')}, each quarter judged by the rules of the ${pack.id} rule pack in force then, ${packRevision(pack)}, by involve ${trend.tool.version}, as of ${trend.as_of}.`;
}
