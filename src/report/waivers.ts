// Report stage: applies a commissioner's waivers to the results. Expiry is a calendar date and inclusive: a
// waiver expiring 2026-12-31 holds all that day, in whatever zone the audit runs (days, never instants).
import type { Waiver } from '../config/config-schema.ts';
import { toDay, type Day } from '../evaluate/calendar.ts';
import { statusOf } from './status.ts';
import type { FileReport, WaiverUse } from './model.ts';

const matches = (w: Waiver, file: FileReport) => w.provider === file.provider && (w.period === undefined || w.period === file.period);

export function applyWaivers(files: FileReport[], waivers: readonly Waiver[], asOf: Day): { files: FileReport[]; uses: WaiverUse[] } {
  const used = new Map<Waiver, WaiverUse['state']>();
  const waived = files.map((file) => {
    const own = waivers.filter((w) => matches(w, file));
    if (own.length === 0 || file.status === 'invalid') return file;
    const results = file.results.map((result) => {
      const waiver = own.find((w) => w.rule === result.rule);
      if (!waiver || (result.status !== 'fail' && result.status !== 'warn')) return result;
      const lapsed = asOf > toDay(waiver.expires);
      used.set(waiver, lapsed && used.get(waiver) !== 'applied' ? 'lapsed' : 'applied');
      const applied = { reason: waiver.reason, approved_by: waiver.approved_by, expires: waiver.expires, lapsed };
      return lapsed ? { ...result, waiver: applied } : { ...result, status: 'waived' as const, waiver: applied };
    });
    return { ...file, results, status: statusOf(results) };
  });
  const uses = waivers.map((w): WaiverUse => ({
    provider: w.provider,
    rule: w.rule,
    ...(w.period ? { period: w.period } : {}),
    reason: w.reason,
    approved_by: w.approved_by,
    expires: w.expires,
    state: used.get(w) ?? (files.some((f) => matches(w, f)) ? 'stale' : 'not-audited'),
  }));
  return { files: waived, uses };
}
