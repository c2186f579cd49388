// Report stage: an audit's report → the trend over its quarters (commissioning.md, "Trends over quarters"): each
// provider's status per quarter, each rule's current failing streak, what moved since the quarter before, the rules
// failing most. Every format renders this model; its fields are the JSON contract of docs/trend.md.
import { quartersFrom } from '../../evaluate/calendar.ts';
import { labelPeriod } from '../build-report.ts';
import type { FileReport, FileStatus, MissingReturn, PackInfo, Report, RuleStatus, Severity } from '../model.ts';
import { currentStreak, markOf, type Streak } from '../streaks.ts';

/** A provider's standing in a quarter: its return's status, `missing` (the register expected one), or `none`. */
export type QuarterStatus = FileStatus | 'missing' | 'none';

export type QuarterCounts = Record<FileStatus | 'missing', number>;

export interface TrendQuarter {
  period: string;
  /** By the config's `year_start`: "2026-Q3", or "Q2 2026/27". */
  label: string;
  counts: QuarterCounts;
}

export interface RuleStreak extends Streak {
  rule: string;
}

export interface ProviderTrend {
  provider: string;
  name?: string;
  /** One per quarter, in the quarters' order. */
  statuses: QuarterStatus[];
  /** The rules failing at the provider's last judged quarter, longest streak first. */
  streaks: RuleStreak[];
}

export interface StatusMove {
  provider: string;
  name?: string;
  previous: QuarterStatus;
  current: QuarterStatus;
}

export interface RuleMove {
  provider: string;
  rule: string;
  change: 'newly-failing' | 'fixed';
}

/** The latest quarter against the one before it. */
export interface TrendChanges {
  from: string;
  to: string;
  improved: StatusMove[];
  slipped: StatusMove[];
  rules: RuleMove[];
}

export interface MostFailed {
  rule: string;
  title: string;
  /** Provider-quarters in which the rule failed (a waived failure included). */
  failing: number;
  /** Provider-quarters in which the rule gave a result (not skipped, not an invalid or absent return). */
  judged: number;
  /** Providers failing it in the latest quarter. */
  failing_latest: number;
}

export interface Trend {
  tool: Report['tool'];
  pack: PackInfo;
  as_of: string;
  year_start: 'january' | 'april';
  quarters: TrendQuarter[];
  rules: { id: string; title: string; severity: Severity; effective_from?: string }[];
  providers: ProviderTrend[];
  /** Absent when the trend covers a single quarter. */
  changes?: TrendChanges;
  most_failed: MostFailed[];
  /** Provider-quarters with a return that gave rule results: what `most_failed` is counted out of. */
  judged: number;
  /** Returns whose quarter could not be told (they did not load), so they are in no quarter's column. */
  unplaced: { file: string; provider: string }[];
}

export interface TrendOptions {
  /** The first and last quarters; by default the first and last found. */
  from?: string;
  to?: string;
  yearStart?: 'january' | 'april';
}

/** Worse to the right: a provider improved when its status moved left since the quarter before. */
const RANK: Record<QuarterStatus, number> = { none: -1, green: 0, amber: 1, red: 2, invalid: 3, missing: 4 };

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Row {
  name?: string;
  /** By quarter: the return (the worst, should there be two), or a missing one. */
  files: Map<string, FileReport>;
  missing: Set<string>;
}

/** The rule results of a provider's quarter, by rule: none for an invalid or absent return. */
function resultsOf(file: FileReport | undefined): Map<string, RuleStatus> {
  return new Map(file && file.status !== 'invalid' ? file.results.map((r) => [r.rule, r.status]) : []);
}

/** The missing returns, once the report has them (the register's): read so a report without them gives none. */
const missingOf = (report: Report): readonly MissingReturn[] => (report as Report & { missing?: MissingReturn[] }).missing ?? [];

/** The quarters the trend spans: from..to as asked, else the first to the last quarter any return or missing one names. */
export function trendQuarters(report: Report, { from, to }: Pick<TrendOptions, 'from' | 'to'>): string[] {
  const seen = [...report.files.map((f) => f.period), ...missingOf(report).map((m) => m.period)].filter((p): p is string => p !== null).sort();
  const first = from ?? seen[0];
  const last = to ?? seen.at(-1);
  return first && last ? quartersFrom(first, last) : [];
}

export function buildTrend(report: Report, options: TrendOptions = {}): Trend {
  const quarters = trendQuarters(report, options);
  const inRange = new Set(quarters);
  const rows = new Map<string, Row>();
  const rowOf = (provider: string) => {
    let row = rows.get(provider);
    if (!row) rows.set(provider, (row = { files: new Map(), missing: new Set() }));
    return row;
  };
  const unplaced: Trend['unplaced'] = [];
  for (const f of report.files) {
    if (f.period === null) {
      unplaced.push({ file: f.file, provider: f.provider });
      continue;
    }
    if (!inRange.has(f.period)) continue;
    const row = rowOf(f.provider);
    if (f.provider_name) row.name = f.provider_name;
    const held = row.files.get(f.period);
    if (!held || RANK[f.status] > RANK[held.status]) row.files.set(f.period, f);
  }
  for (const m of missingOf(report)) {
    if (!inRange.has(m.period)) continue;
    const row = rowOf(m.provider);
    row.name ??= m.name;
    row.missing.add(m.period);
  }

  const latest = quarters.at(-1);
  const before = quarters.at(-2);
  const counts = quarters.map((): QuarterCounts => ({ green: 0, amber: 0, red: 0, invalid: 0, missing: 0 }));
  const ruleTally = new Map(report.rules.map((r) => [r.id, { failing: 0, judged: 0, failing_latest: 0 }]));
  const providers: ProviderTrend[] = [];
  const improved: StatusMove[] = [];
  const slipped: StatusMove[] = [];
  const ruleMoves: RuleMove[] = [];
  let judged = 0;

  for (const [provider, row] of [...rows.entries()].sort(([a], [b]) => byCodePoint(a, b))) {
    const named = row.name ? { name: row.name } : {};
    const statuses = quarters.map((q): QuarterStatus => row.files.get(q)?.status ?? (row.missing.has(q) ? 'missing' : 'none'));
    statuses.forEach((s, i) => s !== 'none' && counts[i]![s]++);
    const results = quarters.map((q) => resultsOf(row.files.get(q)));
    judged += results.filter((r) => r.size > 0).length;

    const streaks: RuleStreak[] = [];
    for (const rule of report.rules) {
      const marks = results.map((r) => markOf(r.get(rule.id)));
      const tally = ruleTally.get(rule.id)!;
      tally.failing += marks.filter((m) => m === 'failing').length;
      tally.judged += marks.filter((m) => m !== 'unjudged').length;
      if (marks.at(-1) === 'failing') tally.failing_latest++;
      const streak = currentStreak(quarters, marks);
      if (streak) streaks.push({ rule: rule.id, ...streak });
      if (before !== undefined) {
        const [was, is] = marks.slice(-2);
        if (was === 'not-failing' && is === 'failing') ruleMoves.push({ provider, rule: rule.id, change: 'newly-failing' });
        if (was === 'failing' && is === 'not-failing') ruleMoves.push({ provider, rule: rule.id, change: 'fixed' });
      }
    }
    // Longest first; a tie keeps the pack's order of rules.
    streaks.sort((a, b) => b.quarters - a.quarters);
    providers.push({ provider, ...named, statuses, streaks });

    const [previous, current] = statuses.slice(-2) as [QuarterStatus, QuarterStatus];
    if (before !== undefined && previous !== 'none' && current !== 'none' && previous !== current) {
      (RANK[current] < RANK[previous] ? improved : slipped).push({ provider, ...named, previous, current });
    }
  }

  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const most_failed = [...ruleTally.entries()]
    .filter(([, t]) => t.failing > 0)
    .map(([rule, t]) => ({ rule, title: titles.get(rule)!, ...t }))
    .sort((a, b) => b.failing - a.failing || b.failing_latest - a.failing_latest);
  const yearStart = options.yearStart ?? 'january';
  return {
    tool: report.tool,
    pack: report.pack,
    as_of: report.as_of,
    year_start: yearStart,
    quarters: quarters.map((period, i) => ({ period, label: labelPeriod(period, yearStart), counts: counts[i]! })),
    rules: report.rules.map(({ id, title, severity, effective_from }) => ({ id, title, severity, ...(effective_from ? { effective_from } : {}) })),
    providers,
    ...(before !== undefined && latest !== undefined ? { changes: { from: before, to: latest, improved, slipped, rules: ruleMoves } } : {}),
    most_failed,
    judged,
    unplaced,
  };
}
