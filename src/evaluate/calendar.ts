// Evaluate stage: calendar dates as whole days since 1970-01-01, so no time zone can move them
// (a local-time Date turns 2026-07-01 into 30 June in a British summer; rules-and-reports.md, "Dates").
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function toDay(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function showDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export interface Quarter {
  label: string;
  year: number;
  quarter: number;
  first: Day;
  last: Day;
}

export function parseQuarter(label: string): Quarter | undefined {
  const match = /^(\d{4})-Q([1-4])$/.exec(label);
  if (!match) return undefined;
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  const firstMonth = (quarter - 1) * 3;
  return {
    label,
    year,
    quarter,
    first: Date.UTC(year, firstMonth, 1) / MS_PER_DAY,
    last: Date.UTC(year, firstMonth + 3, 0) / MS_PER_DAY,
  };
}

let london: Intl.DateTimeFormat | undefined;

/**
 * The calendar date in Europe/London at `instant`, YYYY-MM-DD: an audit's "today", the same on a laptop in
 * Nottingham and a CI runner in UTC or California. The caller reads the clock; this never does.
 */
export function londonDate(instant: Date): string {
  london ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  const part = Object.fromEntries(london.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}`;
}

/** The first day of the `months` calendar months that end with the month holding `last`. */
export function windowStart(last: Day, months: number): Day {
  const end = new Date(last * MS_PER_DAY);
  return Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - months + 1, 1) / MS_PER_DAY;
}

// Quarters counted from year 0, so that stepping across a year boundary is arithmetic.
const indexOf = (q: Quarter) => q.year * 4 + q.quarter - 1;
const quarterAt = (index: number) => `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;

/** Every quarter from `from` to `to`, both included, in order: 2026-Q4, 2027-Q1, … (empty when `to` is earlier). */
export function quartersFrom(from: string, to: string): string[] {
  const start = parseQuarter(from);
  const end = parseQuarter(to);
  if (!start || !end) return [];
  const quarters: string[] = [];
  for (let index = indexOf(start); index <= indexOf(end); index++) quarters.push(quarterAt(index));
  return quarters;
}

/** The quarter `n` quarters before `period` (after it, for a negative `n`). */
export function quarterBefore(period: string, n: number): string {
  return quarterAt(indexOf(parseQuarter(period)!) - n);
}
