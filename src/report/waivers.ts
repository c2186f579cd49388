// Report stage: applies a commissioner's waivers to the results. Expiry is a calendar date and inclusive: a
// waiver expiring 2026-12-31 holds all that day, in whatever zone the audit runs (days, never instants).
import type { Waiver } from '../config/config-schema.ts';
import { toDay, type Day } from '../evaluate/calendar.ts';
import { statusOf } from './status.ts';
import type { FileReport, WaiverUse } from './model.ts';

const matches = (w: Waiver, file: FileReport) => w.provider === file.provider && (w.period === undefined || w.period === file.period);

export interface WaivedFile {
  file: FileReport;
  /** Indexes (in the config's list) of the waivers applied to, or lapsed on, one of its results. */
  used: number[];
  /** Indexes of the waivers naming its provider (and quarter). */
  matched: number[];
}

/** One file's results with its waivers applied: a file at a time, so a long run need not hold every file. */
export function waiveFile(file: FileReport, waivers: readonly Waiver[], asOf: Day): WaivedFile {
  const matched: number[] = [];
  for (const [i, w] of waivers.entries()) if (matches(w, file)) matched.push(i);
  if (matched.length === 0 || file.status === 'invalid') return { file, used: [], matched };
  const used = new Set<number>();
  const results = file.results.map((result) => {
    const index = matched.find((i) => waivers[i]!.rule === result.rule);
    if (index === undefined || (result.status !== 'fail' && result.status !== 'warn')) return result;
    const waiver = waivers[index]!;
    const lapsed = asOf > toDay(waiver.expires);
    used.add(index);
    const applied = { reason: waiver.reason, approved_by: waiver.approved_by, expires: waiver.expires, lapsed };
    return lapsed ? { ...result, waiver: applied } : { ...result, status: 'waived' as const, waiver: applied };
  });
  return { file: { ...file, results, status: statusOf(results) }, used: [...used], matched };
}

/**
 * What each waiver did over the whole run, from the indexes `waiveFile` gave for every file and the quarters of
 * each provider the report covers. A waiver for a provider the report does not cover is left out.
 */
export function waiverUses(waivers: readonly Waiver[], used: ReadonlySet<number>, matched: ReadonlySet<number>, covered: ReadonlyMap<string, ReadonlySet<string | null>>, asOf: Day): WaiverUse[] {
  return waivers.flatMap((w, i): WaiverUse[] => {
    const periods = covered.get(w.provider);
    if (!periods) return [];
    // Whether a waiver has lapsed depends on its expiry alone, so every use of it agrees.
    const state = used.has(i) ? (asOf > toDay(w.expires) ? 'lapsed' : 'applied') : matched.has(i) ? 'stale' : 'other-period';
    const known = [...periods].filter((p) => p !== null).sort();
    return [{
      provider: w.provider,
      rule: w.rule,
      ...(w.period ? { period: w.period } : {}),
      reason: w.reason,
      approved_by: w.approved_by,
      expires: w.expires,
      state,
      ...(state === 'other-period' ? { report_periods: known } : {}),
    }];
  });
}
