// Test helper: a sample report given waivers in every state, as involve.config.yaml would give them.
import type { Report } from '../../../src/report/model.ts';

/** The sample with one failure waived, one waiver lapsed, and waivers in every state, as involve.config.yaml would give. */
export function withWaivers(clean: Report): Report {
  const r = structuredClone(clean);
  const result = (provider: string, rule: string) => r.files.find((f) => f.provider === provider)!.results.find((x) => x.rule === rule)!;
  const waiver = { reason: 'Charter reprint delayed by the printer', approved_by: 'A. Commissioner', expires: '2026-12-31' };
  Object.assign(result('trent-house-rehab', 'charter-displayed'), { status: 'waived', waiver: { ...waiver, lapsed: false } });
  Object.assign(result('oxford-alcohol-liaison', 'involvement-lead-named'), { waiver: { ...waiver, reason: 'Lead on leave', expires: '2026-09-30', lapsed: true } });
  r.summary.waived = 1;
  r.waivers = [
    { provider: 'trent-house-rehab', rule: 'charter-displayed', period: '2026-Q3', ...waiver, state: 'applied' },
    { provider: 'oxford-alcohol-liaison', rule: 'involvement-lead-named', ...waiver, reason: 'Lead on leave', expires: '2026-09-30', state: 'lapsed' },
    { provider: 'notts-cjs', rule: 'surveys-conducted', ...waiver, state: 'stale' },
    { provider: 'oxon-young-people', rule: 'surveys-conducted', period: '2026-Q2', ...waiver, state: 'other-period', report_periods: ['2026-Q3'] },
  ];
  return r;
}
