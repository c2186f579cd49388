// The trend model over fixtures/trend: four providers over five quarters across a year boundary, one with a quarter
// missing, one invalid for a quarter, one rule in force from 2026-Q1 (fixtures/trend/README.md).
import { describe, expect, it } from 'vitest';
import type { MissingReturn, Report } from '../../../src/report/model.ts';
import { buildTrend } from '../../../src/report/trend/model.ts';
import { trendStreakWords as streakWords } from '../../../src/report/trend/words.ts';
import { auditReport } from '../../cli/run-cli.ts';

const report = await auditReport('fixtures/trend/returns', '--as-of', '2026-11-01');
const trend = buildTrend(report, { yearStart: 'april' });
const provider = (id: string, t = trend) => t.providers.find((p) => p.provider === id)!;
const streak = (id: string, rule: string, t = trend) => provider(id, t).streaks.find((s) => s.rule === rule);

describe('the trend of a year', () => {
  it('spans the quarters found, consecutive, labelled by the financial year', () => {
    expect(trend.quarters.map((q) => [q.period, q.label])).toEqual([
      ['2025-Q3', 'Q2 2025/26'],
      ['2025-Q4', 'Q3 2025/26'],
      ['2026-Q1', 'Q4 2025/26'],
      ['2026-Q2', 'Q1 2026/27'],
      ['2026-Q3', 'Q2 2026/27'],
    ]);
    expect(trend.pack).toEqual(report.pack);
  });

  it("gives each provider's status in each quarter, none where it sent nothing", () => {
    expect(Object.fromEntries(trend.providers.map((p) => [p.provider, p.statuses]))).toEqual({
      eastfield: ['none', 'green', 'red', 'invalid', 'red'],
      hillview: ['green', 'amber', 'amber', 'none', 'amber'],
      northgate: ['red', 'red', 'amber', 'amber', 'green'],
      riverside: ['green', 'green', 'green', 'green', 'red'],
    });
    expect(provider('hillview').name).toBe('Hillview Family Service');
  });

  it('counts returns by status in each quarter', () => {
    expect(trend.quarters.map((q) => q.counts)).toEqual([
      { green: 2, amber: 0, red: 1, invalid: 0, missing: 0 },
      { green: 2, amber: 1, red: 1, invalid: 0, missing: 0 },
      { green: 1, amber: 2, red: 1, invalid: 0, missing: 0 },
      { green: 1, amber: 1, red: 0, invalid: 1, missing: 0 },
      { green: 1, amber: 1, red: 2, invalid: 0, missing: 0 },
    ]);
  });

  it('carries a streak across the year boundary and over a quarter with no return', () => {
    expect(streak('hillview', 'levels-evidenced')).toEqual({ rule: 'levels-evidenced', since: '2025-Q4', until: '2026-Q3', quarters: 4, unjudged: ['2026-Q2'] });
    expect(streakWords(trend, streak('hillview', 'levels-evidenced')!)).toBe('failing for 4 quarters, since Q3 2025/26 (no result in Q1 2026/27)');
  });

  it('carries a streak over an invalid return, and starts none before a rule is in force', () => {
    expect(streak('eastfield', 'policy-level')).toEqual({ rule: 'policy-level', since: '2026-Q1', until: '2026-Q3', quarters: 3, unjudged: ['2026-Q2'] });
    expect(trend.rules.find((r) => r.id === 'policy-level')).toMatchObject({ effective_from: '2026-Q1' });
  });

  it('has no streak for a rule fixed in the latest quarter, and a one-quarter streak for one newly failing', () => {
    expect(provider('northgate').streaks).toEqual([]);
    expect(provider('riverside').streaks).toEqual([{ rule: 'lead-named', since: '2026-Q3', until: '2026-Q3', quarters: 1, unjudged: [] }]);
  });

  it('says what improved and what slipped since the quarter before', () => {
    expect(trend.changes).toEqual({
      from: '2026-Q2',
      to: '2026-Q3',
      improved: [
        { provider: 'eastfield', name: 'Eastfield Outreach', previous: 'invalid', current: 'red' },
        { provider: 'northgate', name: 'Northgate Recovery Service', previous: 'amber', current: 'green' },
      ],
      slipped: [{ provider: 'riverside', name: 'Riverside Treatment Centre', previous: 'green', current: 'red' }],
      rules: [
        { provider: 'northgate', rule: 'levels-evidenced', change: 'fixed' },
        { provider: 'riverside', rule: 'lead-named', change: 'newly-failing' },
      ],
    });
  });

  it('ranks the rules failing most across providers, out of the provider-quarters that judged them', () => {
    expect(trend.most_failed).toEqual([
      { rule: 'levels-evidenced', title: 'Involvement at the individual and service levels', failing: 5, judged: 17, failing_latest: 1 },
      { rule: 'lead-named', title: 'A named involvement lead', failing: 3, judged: 17, failing_latest: 1 },
      // In force from 2026-Q1: three quarters of four providers, less eastfield's invalid return.
      { rule: 'policy-level', title: 'Involvement in policy', failing: 2, judged: 10, failing_latest: 1 },
    ]);
    expect(trend.judged).toBe(17);
  });
});

describe('a chosen span of quarters', () => {
  it('starts streaks no earlier than --from', () => {
    const late = buildTrend(report, { from: '2026-Q1', to: '2026-Q3', yearStart: 'april' });
    expect(late.quarters.map((q) => q.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(streak('hillview', 'levels-evidenced', late)).toMatchObject({ since: '2026-Q1', quarters: 3 });
  });

  it('shows quarters with no return at all, and a streak that ended before the last of them', () => {
    const on = buildTrend(report, { from: '2026-Q2', to: '2026-Q4' });
    expect(on.quarters.map((q) => q.label)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(provider('riverside', on).statuses).toEqual(['green', 'red', 'none']);
    expect(streakWords(on, streak('riverside', 'lead-named', on)!)).toBe('failing for 1 quarter, since 2026-Q3, to 2026-Q3');
    expect(on.changes).toMatchObject({ from: '2026-Q3', to: '2026-Q4', improved: [], slipped: [], rules: [] });
  });

  it('has no changes for a single quarter, and leaves out providers with no return in the span', () => {
    const one = buildTrend(report, { from: '2025-Q3', to: '2025-Q3' });
    expect(one.changes).toBeUndefined();
    expect(one.providers.map((p) => p.provider)).toEqual(['hillview', 'northgate', 'riverside']);
  });
});

describe('a report with missing returns and waivers', () => {
  // The register's missing returns, as the report carries them (commissioning.md).
  const missing: MissingReturn[] = [
    { provider: 'hillview', name: 'Hillview Family Service', period: '2026-Q2' },
    { provider: 'westbrook', name: 'Westbrook Recovery Café', period: '2026-Q3', contract: 'W-1' },
  ];
  const withMissing = { ...report, missing } as Report;
  const t = buildTrend(withMissing, { yearStart: 'april' });

  it('shows a missing return as missing, counted, with the name the register gives', () => {
    expect(provider('hillview', t).statuses[3]).toBe('missing');
    expect(provider('westbrook', t)).toEqual({ provider: 'westbrook', name: 'Westbrook Recovery Café', statuses: ['none', 'none', 'none', 'none', 'missing'], streaks: [] });
    expect(t.quarters.map((q) => q.counts.missing)).toEqual([0, 0, 0, 1, 1]);
  });

  it('bridges a missing quarter in a streak, as it does a quarter with no file', () => {
    expect(streak('hillview', 'levels-evidenced', t)).toMatchObject({ quarters: 4, unjudged: ['2026-Q2'] });
  });

  it('counts a waived failure as failing', () => {
    const waived = structuredClone(report);
    const file = waived.files.find((f) => f.provider === 'riverside' && f.period === '2026-Q3')!;
    file.results.find((r) => r.rule === 'lead-named')!.status = 'waived';
    expect(streak('riverside', 'lead-named', buildTrend(waived))).toMatchObject({ since: '2026-Q3', quarters: 1 });
  });

  it('puts a return whose quarter cannot be told in no column, and says so', () => {
    const broken = structuredClone(report);
    broken.files.push({ file: 'returns/broken.yaml', provider: 'broken', period: null, status: 'invalid', errors: [], warnings: [], results: [] });
    const b = buildTrend(broken);
    expect(b.unplaced).toEqual([{ file: 'returns/broken.yaml', provider: 'broken' }]);
    expect(b.providers.map((p) => p.provider)).not.toContain('broken');
  });
});
