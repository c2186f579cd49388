// Report stage: one provider's contract-review dossier (commissioning.md, "The contract review"), built from a report
// of that provider's returns alone, so it can hold nothing about another provider: its quarters, every rule quarter
// by quarter with what satisfied it, the failures that persisted or came back, and its waivers.
import type { RegisteredProvider } from '../../config/config-schema.ts';
import { quarterBefore, toDay } from '../../evaluate/calendar.ts';
import { isDue as dueByRegister, labelPeriod } from '../build-report.ts';
import type { FileProblem, FileReport, FileStatus, PackInfo, Report, RuleInfo, RuleResult, RuleStatus, WaiverUse } from '../model.ts';
import { currentStreak, markOf, type Streak } from '../streaks.ts';

/** A quarter with no return is missing when the register says one was due, not due when it says none was, else no return. */
export type QuarterState = FileStatus | 'missing' | 'no-return' | 'not-due';

/** A waiver is flagged this many days before it expires, so the review can renew or end it. */
export const EXPIRING_WITHIN_DAYS = 90;

export interface ReviewReturn {
  file: string;
  status: FileStatus;
  submitted_on?: string;
  service_type?: string;
  errors: FileProblem[];
  warnings: FileProblem[];
}

export interface ReviewQuarter {
  period: string;
  status: QuarterState;
  /** Its returns: none, one, or two (both invalid: a resubmission replaces a return, it is not added beside it). */
  returns: ReviewReturn[];
}

/** A rule's result in one quarter: the result as the audit gave it, and the return it came from. */
export type QuarterResult = Pick<RuleResult, 'status' | 'message' | 'line' | 'column' | 'findings' | 'evidence' | 'commendations' | 'waiver'> & {
  period: string;
  file: string;
};

export interface ReviewRule extends RuleInfo {
  /** One per quarter with a result, oldest first; a quarter with no return (or an invalid one) has none. */
  results: QuarterResult[];
  /** The quarters it failed in (fail, warn, or waived: a waiver excuses a rule, it does not meet it). */
  failed_in: string[];
  /** The failure that holds at the latest quarter with a result, counted back (report/streaks.ts). */
  streak?: Streak;
}

/** A failure seen at two or more returns running, up to the latest: what a contract review asks the provider about. */
export interface Persistent extends Streak {
  rule: string;
}

/** A rule that failed in two or more quarters of the range but does not fail now, or not without a break. */
export interface Recurring {
  rule: string;
  failed_in: string[];
  /** Its latest result, null when no quarter has one. */
  now: RuleStatus | null;
}

export interface ReviewWaiver extends WaiverUse {
  /** Days from the as-of date to the last day it holds; negative once it has lapsed. */
  days_left: number;
  /** Holds on the as-of date and ends within EXPIRING_WITHIN_DAYS of it. */
  expiring: boolean;
  /** The quarters whose result it waived, or lapsed on. */
  used_in: string[];
}

export interface ReviewSummary {
  quarters: number;
  returns: number;
  green: number;
  amber: number;
  red: number;
  invalid: number;
  missing: number;
  /** Rule results waived across the range. */
  waived: number;
}

export interface Review {
  tool: Report['tool'];
  pack: PackInfo;
  as_of: string;
  provider: {
    id: string;
    /** The register's name, else the latest return's, else none. */
    name?: string;
    /** Its entry in the provider register, when it has one. */
    register?: RegisteredProvider;
  };
  /** The quarters reviewed, consecutive, oldest first. */
  from: string;
  to: string;
  quarters: ReviewQuarter[];
  /** Returns whose quarter could not be told (a file that did not load): never hidden, never placed. */
  undated: ReviewReturn[];
  summary: ReviewSummary;
  rules: ReviewRule[];
  persistent: Persistent[];
  recurring: Recurring[];
  waivers: ReviewWaiver[];
  period_labels: Record<string, string>;
}

const returnOf = (f: FileReport): ReviewReturn => ({
  file: f.file,
  status: f.status,
  ...(f.submitted_on ? { submitted_on: f.submitted_on } : {}),
  ...(f.service_type ? { service_type: f.service_type } : {}),
  errors: f.errors,
  warnings: f.warnings,
});

/** Whether the register expects a return from the provider for `period`; undefined without a register entry. */
export const isDue = (register: RegisteredProvider | undefined, period: string) => (register ? dueByRegister(register, period) : undefined);

/**
 * The default range: the contract year ending with the latest quarter that concerns the provider, a return it sent
 * or, with a register, a quarter found in the run in which one was due (so a missed latest quarter shows).
 */
export function defaultRange(ownPeriods: readonly string[], runPeriods: readonly string[], register?: RegisteredProvider): { from: string; to: string } | undefined {
  const due = runPeriods.filter((p) => isDue(register, p));
  const to = [...ownPeriods, ...due].sort().at(-1);
  return to ? { from: quarterBefore(to, 3), to } : undefined;
}

function quarterState(period: string, files: readonly FileReport[], register: RegisteredProvider | undefined): QuarterState {
  if (files.length > 1) return 'invalid';
  if (files.length === 1) return files[0]!.status;
  const due = isDue(register, period);
  return due === undefined ? 'no-return' : due ? 'missing' : 'not-due';
}

function waiversOf(report: Report, resultsOf: (rule: string) => QuarterResult[]): ReviewWaiver[] {
  const asOf = toDay(report.as_of);
  return report.waivers.map((w) => {
    const days = toDay(w.expires) - asOf;
    const used = resultsOf(w.rule).filter((r) => r.waiver && (w.period === undefined || w.period === r.period) && r.waiver.reason === w.reason && r.waiver.approved_by === w.approved_by && r.waiver.expires === w.expires);
    return { ...w, days_left: days, expiring: days >= 0 && days <= EXPIRING_WITHIN_DAYS, used_in: used.map((r) => r.period) };
  });
}

export interface ReviewInput {
  provider: string;
  /** The quarters reviewed, consecutive (quartersFrom). */
  quarters: string[];
  register?: RegisteredProvider;
  yearStart: 'january' | 'april';
}

/** The dossier, from a report built of the provider's returns in the range (and its undated ones) and nothing else. */
export function buildReview(report: Report, { provider, quarters, register, yearStart }: ReviewInput): Review {
  const files = report.files.filter((f) => f.provider === provider);
  const byQuarter = quarters.map((period) => files.filter((f) => f.period === period));
  const reviewed: ReviewQuarter[] = quarters.map((period, i) => ({ period, status: quarterState(period, byQuarter[i]!, register), returns: byQuarter[i]!.map(returnOf) }));
  // Two returns for one quarter are both invalid (commissioning.md), so neither's results are shown.
  const sole = byQuarter.map((q) => (q.length === 1 ? q[0] : undefined));

  const rules: ReviewRule[] = report.rules.map((info) => {
    const results = sole.flatMap((f): QuarterResult[] => {
      const r = f?.results.find((x) => x.rule === info.id);
      if (!f || !r) return [];
      const { status, message, line, column, findings, evidence, commendations, waiver } = r;
      return [{ period: f.period!, file: f.file, status, message, line, column, findings, evidence, commendations, ...(waiver ? { waiver } : {}) }];
    });
    const byPeriod = new Map(results.map((r) => [r.period, r.status]));
    const marks = quarters.map((q) => markOf(byPeriod.get(q)));
    const streak = currentStreak(quarters, marks);
    return { ...info, results, failed_in: quarters.filter((_, i) => marks[i] === 'failing'), ...(streak ? { streak } : {}) };
  });

  // Persistent: failing at two judged quarters running, up to now. Recurring: failing in two or more, but not so.
  const persistent = rules.flatMap((r) => (r.streak && r.streak.quarters - r.streak.unjudged.length >= 2 ? [{ rule: r.id, ...r.streak }] : []));
  const recurring = rules
    .filter((r) => r.failed_in.length >= 2 && !persistent.some((p) => p.rule === r.id))
    .map((r) => ({ rule: r.id, failed_in: r.failed_in, now: r.results.at(-1)?.status ?? null }));

  const states = reviewed.map((q) => q.status);
  const count = (s: QuarterState) => states.filter((x) => x === s).length;
  const latest = [...files].reverse().find((f) => f.provider_name)?.provider_name;
  const name = register?.name ?? latest;
  const resultsOf = (rule: string) => rules.find((r) => r.id === rule)?.results ?? [];
  const labels = new Map(Object.entries(report.period_labels));
  for (const q of quarters) labels.set(q, labelPeriod(q, yearStart));

  return {
    tool: report.tool,
    pack: report.pack,
    as_of: report.as_of,
    provider: { id: provider, ...(name ? { name } : {}), ...(register ? { register } : {}) },
    from: quarters[0]!,
    to: quarters.at(-1)!,
    quarters: reviewed,
    undated: files.filter((f) => f.period === null).map(returnOf),
    summary: {
      quarters: quarters.length,
      returns: byQuarter.reduce((n, q) => n + q.length, 0),
      green: count('green'),
      amber: count('amber'),
      red: count('red'),
      invalid: count('invalid'),
      missing: count('missing'),
      waived: rules.reduce((n, r) => n + r.results.filter((x) => x.status === 'waived').length, 0),
    },
    rules,
    persistent,
    recurring,
    waivers: waiversOf(report, resultsOf),
    period_labels: Object.fromEntries([...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** The label a format shows for a quarter. */
export const quarterLabel = (review: Pick<Review, 'period_labels'>, period: string) => review.period_labels[period] ?? period;
