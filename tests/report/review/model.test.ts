import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quarterBefore } from '../../../src/evaluate/calendar.ts';
import { defaultRange, isDue } from '../../../src/report/review/model.ts';
import type { Review } from '../../../src/report/review/model.ts';
import { runCli } from '../../cli/run-cli.ts';
import { AS_OF, reviewJson } from './review-cli.ts';

const riverside = await reviewJson('riverside-recovery');
const rule = (id: string) => riverside.rules.find((r) => r.id === id)!;

describe("the review of a provider's year with waivers (fixtures/review)", () => {
  it('is titled with the provider and carries its register entry', () => {
    expect(riverside.provider).toEqual({
      id: 'riverside-recovery',
      name: 'Riverside Recovery Service',
      register: { id: 'riverside-recovery', name: 'Riverside Recovery Service', contract: 'NCDP-COM-2025', service_type: 'treatment', from: '2025-Q3', to: '2027-Q1' },
    });
  });

  it('covers the last four quarters found by default, the missed one as missing', () => {
    expect([riverside.from, riverside.to]).toEqual(['2026-Q1', '2026-Q4']);
    expect(riverside.quarters.map((q) => [q.period, q.status, q.returns.length])).toEqual([
      ['2026-Q1', 'red', 1],
      ['2026-Q2', 'missing', 0],
      ['2026-Q3', 'red', 1],
      ['2026-Q4', 'red', 1],
    ]);
    expect(riverside.summary).toEqual({ quarters: 4, returns: 3, green: 0, amber: 0, red: 3, invalid: 0, missing: 1, waived: 1 });
  });

  it('gives every rule quarter by quarter with its message, the evidence that satisfied it and its policy clause', () => {
    expect(riverside.rules.map((r) => r.id)).toEqual(['involvement-lead-named', 'charter-displayed', 'surveys-conducted', 'expenses-reimbursed', 'ladder-rungs-evidenced', 'no-personal-data', 'attachments-present']);
    const expenses = rule('expenses-reimbursed').results.find((r) => r.period === '2026-Q3')!;
    expect(expenses).toMatchObject({ status: 'pass', file: 'fixtures/review/2026-Q3/riverside-recovery.yaml', message: 'the expenses policy covers travel, lunch' });
    expect(expenses.evidence.map((n) => [n.message, n.line])).toEqual([['the expenses policy covers travel, lunch', 36], ['V-201: £6.40 claimed on 2026-08-13, paid in full after 8 days', 40]]);
    expect(rule('attachments-present').results[0]!.evidence.map((n) => n.message)).toEqual(['photos/riverside-charter.jpg', 'reports/riverside-2026-Q1-survey.pdf', 'policies/riverside-expenses.pdf']);
    expect(rule('ladder-rungs-evidenced').results.at(-1)!.evidence[0]!.message).toBe('rung 1 (Information): Welcome pack and charter explained at assessment (2026-11-12)');
    expect(rule('charter-displayed').citation).toMatchObject({ section: '3.1 Service Users Rights and Responsibilities', quote: expect.stringMatching(/^Services are required to display a Service Users Charter in all rooms/) });
    expect(rule('charter-displayed').results.map((r) => r.period)).toEqual(['2026-Q1', '2026-Q3', '2026-Q4']);
  });

  it('names the failure that persisted across the missed quarter, and the one that came back though met now', () => {
    expect(riverside.persistent).toEqual([{ rule: 'charter-displayed', since: '2026-Q1', until: '2026-Q4', quarters: 4, unjudged: ['2026-Q2'] }]);
    expect(riverside.recurring).toEqual([{ rule: 'surveys-conducted', failed_in: ['2026-Q1', '2026-Q3'], now: 'pass' }]);
    // A waived failure counts as failing, but once is not persistence.
    expect(rule('involvement-lead-named').streak).toEqual({ since: '2026-Q4', until: '2026-Q4', quarters: 1, unjudged: [] });
  });

  it('lists its waivers used, lapsed, stale and expiring within 90 days, and no one else’s', () => {
    expect(riverside.waivers.map((w) => [w.rule, w.state, w.days_left, w.expiring, w.used_in])).toEqual([
      ['charter-displayed', 'lapsed', -204, false, ['2026-Q1']],
      ['involvement-lead-named', 'applied', 54, true, ['2026-Q4']],
      ['expenses-reimbursed', 'stale', 253, false, []],
    ]);
    expect(rule('charter-displayed').results[0]!.waiver).toEqual({ reason: 'Charter frames for the new group room on back order', approved_by: 'J. Moss, Nottingham CDP', expires: '2026-06-30', lapsed: true });
    expect(rule('involvement-lead-named').results.at(-1)!.status).toBe('waived');
  });

  it('takes --from and --to across the year boundary', async () => {
    const five = await reviewJson('riverside-recovery', '--from', '2025-Q4', '--to', '2026-Q4');
    expect(five.quarters.map((q) => `${q.period} ${q.status}`)).toEqual(['2025-Q4 green', '2026-Q1 red', '2026-Q2 missing', '2026-Q3 red', '2026-Q4 red']);
    expect(five.recurring).toEqual([{ rule: 'surveys-conducted', failed_in: ['2026-Q1', '2026-Q3'], now: 'pass' }]);
    expect((await reviewJson('riverside-recovery', '--to', '2026-Q2')).quarters.map((q) => q.period)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect((await reviewJson('riverside-recovery', '--from', '2026-Q3')).quarters.map((q) => q.period)).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('says "no return" rather than missing without a register, and shows the provider a register does not hold', async () => {
    const bare = await reviewJson('riverside-recovery', '--no-config');
    expect(bare.provider).toEqual({ id: 'riverside-recovery', name: 'Riverside Recovery Service' });
    expect(bare.quarters.map((q) => q.status)).toEqual(['red', 'no-return', 'red', 'red']);
    expect(bare.waivers).toEqual([]);
    expect(bare.summary.missing).toBe(0);
  });

  it('labels quarters by the financial year when the config says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-review-'));
    const config = join(dir, 'involve.config.yaml');
    writeFileSync(config, `${readFileSync('fixtures/review/involve.config.yaml', 'utf8')}year_start: april\n`);
    const april = await reviewJson('riverside-recovery', '--config', config);
    rmSync(dir, { recursive: true, force: true });
    expect(april.quarters.map((q) => april.period_labels[q.period])).toEqual(['Q4 2025/26', 'Q1 2026/27', 'Q2 2026/27', 'Q3 2026/27']);
  });

  it('shows two returns for one quarter as an invalid quarter with no results, and a return of no known quarter apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-review-'));
    const q4 = readFileSync('fixtures/review/2026-Q4/riverside-recovery.yaml', 'utf8');
    for (const name of ['first.yaml', 'again.yaml']) writeFileSync(join(dir, name), q4);
    writeFileSync(join(dir, 'riverside-recovery.yaml'), 'format: [unclosed\n');
    const both = JSON.parse((await runCli(['review', 'riverside-recovery', dir, '--no-config', '--as-of', AS_OF, '--format', 'json'])).stdout) as Review;
    rmSync(dir, { recursive: true, force: true });
    const last = both.quarters.at(-1)!;
    expect([last.period, last.status, last.returns.map((r) => r.file.split(/[\\/]/).at(-1))]).toEqual(['2026-Q4', 'invalid', ['again.yaml', 'first.yaml']]);
    expect(both.rules.every((r) => r.results.every((x) => x.period !== '2026-Q4'))).toBe(true);
    expect(both.undated.map((r) => [r.file.split(/[\\/]/).at(-1), r.status])).toEqual([['riverside-recovery.yaml', 'invalid']]);
  });
});

describe('the range and the register, quarter by quarter', () => {
  it('steps back across year boundaries', () => {
    expect(quarterBefore('2026-Q2', 3)).toBe('2025-Q3');
    expect(quarterBefore('2026-Q1', 1)).toBe('2025-Q4');
    expect(quarterBefore('2025-Q4', -1)).toBe('2026-Q1');
  });

  it('knows a due quarter from the register’s from and to, both included', () => {
    const entry = { id: 'a', name: 'A', from: '2025-Q3', to: '2026-Q2' };
    expect(['2025-Q2', '2025-Q3', '2026-Q2', '2026-Q3'].map((q) => isDue(entry, q))).toEqual([false, true, true, false]);
    expect(isDue({ id: 'a', name: 'A' }, '1999-Q1')).toBe(true);
    expect(isDue(undefined, '2026-Q1')).toBeUndefined();
  });

  it('ends the default year at the latest quarter that concerns the provider', () => {
    expect(defaultRange(['2026-Q1', '2026-Q3'], ['2026-Q1', '2026-Q3', '2026-Q4'])).toEqual({ from: '2025-Q4', to: '2026-Q3' });
    // With a register, a latest quarter missed is shown; one after the contract ended is not.
    expect(defaultRange(['2026-Q1', '2026-Q3'], ['2026-Q4'], { id: 'a', name: 'A' })).toEqual({ from: '2026-Q1', to: '2026-Q4' });
    expect(defaultRange(['2026-Q1', '2026-Q3'], ['2026-Q4'], { id: 'a', name: 'A', to: '2026-Q3' })).toEqual({ from: '2025-Q4', to: '2026-Q3' });
    expect(defaultRange([], [])).toBeUndefined();
  });
});
