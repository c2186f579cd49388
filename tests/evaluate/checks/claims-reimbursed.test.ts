// Tests for the `claims-reimbursed` check kind: the policy and what it must cover, which claims are judged, and a
// claim's paid, late, pending and overdue boundaries (days counted from the claim to payment, or to submission).
import { describe, expect, it } from 'vitest';
import { notes, runCheck } from './run-check.ts';

// 2026-Q3 is 1 July to 30 September 2026; the return is submitted on 2026-10-07.
const POLICY = { covers: ['travel', 'lunch'] };
const expenses = (claims: Record<string, unknown>[], policy: unknown = POLICY, mustCover = ['travel']) =>
  runCheck(
    'claims-reimbursed',
    { section: 'volunteer_expenses', must_cover: mustCover, pay_within_days: 30 },
    { volunteer_expenses: { ...(policy ? { policy } : {}), claims } },
    { messages: { paid: '{{volunteer}} {{date}}', 'paid-late': '{{paid_on}}', pending: '{{volunteer}}', overdue: '{{volunteer}}', undated: '{{volunteer}}' } },
  );
const claim = (date: string | undefined, claimed: number, paid?: { on: string; reimbursed: number }, extra: Record<string, unknown> = {}) => ({
  volunteer: 'V-014',
  ...(date ? { date } : {}),
  categories: ['travel'],
  claimed,
  ...(paid ? { paid_on: paid.on, reimbursed: paid.reimbursed } : {}),
  ...extra,
});
/** The one judged claim's note: its id, status and the days counted. */
const judged = (c: Record<string, unknown>) => {
  const r = expenses([c]);
  const note = [...r.findings, ...r.satisfied.filter((n) => n.id !== 'policy')][0]!;
  return { status: note.status, id: note.id, days: note.data.days };
};

describe('claims-reimbursed: the policy', () => {
  it('fails with no-policy when there is none, or no section, at the section', () => {
    for (const sections of [{ volunteer_expenses: { claims: [] } }, {}]) {
      const r = runCheck('claims-reimbursed', { section: 'volunteer_expenses', must_cover: ['travel'], pay_within_days: 30 }, sections);
      expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'no-policy', data: { section: 'volunteer_expenses' } }]);
      expect(r.findings[0]!.path).toEqual(['volunteer_expenses']);
    }
  });

  it('fails with not-covered, naming what is missing, what it covers and what it must', () => {
    expect(notes(expenses([], { covers: ['travel'] }, ['travel', 'lunch']).findings)).toEqual([
      { status: 'fail', id: 'not-covered', data: { missing: 'lunch', covers: 'travel', must_cover: 'travel, lunch' } },
    ]);
    expect(expenses([], {}, ['travel']).findings[0]!.data).toEqual({ missing: 'travel', covers: 'nothing', must_cover: 'travel' });
  });

  it('passes a policy covering what it must, and with no claims to judge says so', () => {
    const r = expenses([]);
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied)).toEqual([
      { status: 'pass', id: 'policy', data: { covers: 'travel, lunch' } },
      { status: 'pass', id: 'no-claims', data: { period: '2026-Q3' } },
    ]);
  });
});

describe('claims-reimbursed: a claim paid in full', () => {
  it('passes when paid within 30 days: day 30 passes, day 31 is late', () => {
    expect(judged(claim('2026-07-01', 14.5, { on: '2026-07-31', reimbursed: 14.5 }))).toEqual({ status: 'pass', id: 'paid', days: 30 });
    expect(judged(claim('2026-07-01', 14.5, { on: '2026-08-01', reimbursed: 14.5 }))).toEqual({ status: 'fail', id: 'paid-late', days: 31 });
  });

  it('gives the money as pounds and pence, the deadline, and the fields its wording names', () => {
    const r = expenses([claim('2026-07-01', 14.5, { on: '2026-07-31', reimbursed: 14.5 })]);
    expect(r.satisfied[1]).toEqual({
      status: 'pass',
      id: 'paid',
      message: 'V-014 2026-07-01',
      data: { volunteer: 'V-014', date: '2026-07-01', claimed: '£14.50', reimbursed: '£14.50', pay_within_days: 30, deadline: '2026-07-31', days: 30 },
      path: ['volunteer_expenses', 'claims', 0],
    });
  });

  it('compares in whole pence: 14.5 is 14.50, 0.1 + 0.2 is 0.30, a penny short is not paid in full', () => {
    expect(judged(claim('2026-07-12', 14.5, { on: '2026-07-20', reimbursed: 14.5 })).id).toBe('paid');
    expect(judged(claim('2026-07-12', 0.3, { on: '2026-07-20', reimbursed: 0.1 + 0.2 })).id).toBe('paid');
    expect(judged(claim('2026-07-12', 10, { on: '2026-07-20', reimbursed: 12 })).id).toBe('paid');
    expect(judged(claim('2026-07-12', 14.5, { on: '2026-07-20', reimbursed: 14.49 }))).toEqual({ status: 'fail', id: 'overdue', days: 87 });
  });
});

describe('claims-reimbursed: a claim not paid in full', () => {
  it('is pending (warn) while 30 days or fewer have passed at submission, overdue (fail) after', () => {
    expect(judged(claim('2026-09-07', 14.5))).toEqual({ status: 'warn', id: 'pending', days: 30 });
    expect(judged(claim('2026-09-06', 14.5))).toEqual({ status: 'fail', id: 'overdue', days: 31 });
  });

  it('gives what was paid and when it is due', () => {
    const r = expenses([claim('2026-09-20', 12.4, { on: '2026-09-25', reimbursed: 10 })]);
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.data).toMatchObject({ claimed: '£12.40', reimbursed: '£10.00', deadline: '2026-10-20', days: 17 });
  });

  it('fails an undated claim, whose timeliness cannot be judged', () => {
    const r = expenses([claim(undefined, 5)]);
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'undated', data: { volunteer: 'V-014', claimed: '£5.00' } }]);
    expect(r.findings[0]!.path).toEqual(['volunteer_expenses', 'claims', 0]);
  });
});

describe('claims-reimbursed: which claims are judged', () => {
  it('an earlier claim still unpaid, or paid in the quarter; not one paid before it', () => {
    expect(judged(claim('2026-06-15', 9.8))).toEqual({ status: 'fail', id: 'overdue', days: 114 });
    expect(judged(claim('2026-06-25', 9.8, { on: '2026-07-10', reimbursed: 9.8 }))).toEqual({ status: 'pass', id: 'paid', days: 15 });
    expect(judged(claim('2026-06-10', 9.8, { on: '2026-07-20', reimbursed: 9.8 }))).toEqual({ status: 'fail', id: 'paid-late', days: 40 });
    expect(judged(claim('2026-06-01', 9.8, { on: '2026-06-20', reimbursed: 9.8 }))).toEqual({ status: 'pass', id: 'no-claims', days: undefined });
  });

  it('not a claim dated after the quarter, nor one for a category the policy does not cover', () => {
    expect(judged(claim('2026-10-02', 9.8)).id).toBe('no-claims');
    expect(judged(claim('2026-07-10', 9.8, undefined, { categories: ['childcare'] })).id).toBe('no-claims');
    expect(judged(claim('2026-07-10', 9.8, undefined, { categories: [] })).id).toBe('overdue');
  });

  it('says nothing of claims when the policy falls short: not-covered is the finding', () => {
    const r = expenses([], { covers: ['lunch'] });
    expect(r.findings.map((f) => f.id)).toEqual(['not-covered']);
    expect(r.satisfied).toEqual([]);
  });
});
