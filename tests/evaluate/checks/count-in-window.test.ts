// Tests for the `count-in-window` check kind: the window at its boundaries, `where`, `at_least`, `follow_up` and its
// grace, `skip_when`, and what each message is given.
import { describe, expect, it } from 'vitest';
import { notes, runCheck, type RunOptions } from './run-check.ts';

const survey = (to: string | undefined, extra: Record<string, unknown> = {}) => ({ title: `Survey to ${to}`, kind: 'satisfaction', to, respondents: 10, ...extra });
const count = (check: Record<string, unknown>, surveys: unknown[] | undefined, options?: RunOptions) =>
  runCheck('count-in-window', { list: 'surveys', date_field: 'to', window_months: 3, ...check }, surveys === undefined ? {} : { surveys }, options);
/** The closing dates of the surveys counted. */
const counted = (check: Record<string, unknown>, surveys: unknown[]) => count(check, surveys, { messages: { counted: '{{to}}' } }).satisfied.map((n) => n.data.to);

describe('count-in-window: the window', () => {
  it("is the quarter with window_months 3: its first and last days are in, the days either side are not", () => {
    expect(counted({}, [survey('2026-06-30'), survey('2026-07-01'), survey('2026-09-30'), survey('2026-10-01')])).toEqual(['2026-07-01', '2026-09-30']);
  });

  it("is the calendar months ending with the quarter's last month: 12 months of 2026-Q3 start on 2025-10-01", () => {
    expect(counted({ window_months: 12 }, [survey('2025-09-30'), survey('2025-10-01')])).toEqual(['2025-10-01']);
    expect(counted({ window_months: 6 }, [survey('2026-03-31'), survey('2026-04-01')])).toEqual(['2026-04-01']);
  });

  it('counts nothing without a date', () => {
    expect(counted({}, [survey(undefined), { title: 'Dated as a number', to: 20260801 }])).toEqual([]);
  });

  it('gives every message the window, and a counted item the fields its wording names', () => {
    const r = count({}, [survey('2026-08-01')], { messages: { counted: '{{title}} closed {{to}}' } });
    expect(r.satisfied).toEqual([
      {
        status: 'pass',
        id: 'counted',
        message: 'Survey to 2026-08-01 closed 2026-08-01',
        data: { title: 'Survey to 2026-08-01', to: '2026-08-01', window_start: '2026-07-01', window_end: '2026-09-30', window_months: 3, at_least: 1 },
        path: ['surveys', 0],
      },
    ]);
  });
});

describe('count-in-window: what is counted', () => {
  it('only items meeting every where condition', () => {
    const where = [{ field: 'kind', one_of: ['satisfaction'] }, { field: 'respondents', at_least: 1 }];
    const surveys = [survey('2026-08-01', { kind: 'focus-group' }), survey('2026-08-02', { respondents: 0 }), survey('2026-08-03')];
    expect(counted({ where }, surveys)).toEqual(['2026-08-03']);
  });

  it('fails with too-few, and the count, when fewer than at_least are counted', () => {
    const r = count({ at_least: 2 }, [survey('2026-08-01'), survey('2026-06-01')]);
    expect(r.status).toBe('fail');
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'too-few', data: { window_start: '2026-07-01', window_end: '2026-09-30', window_months: 3, at_least: 2, count: 1 } }]);
    expect(r.findings[0]!.path).toEqual(['surveys']);
    expect(count({ at_least: 2 }, [survey('2026-08-01'), survey('2026-09-01')]).status).toBe('pass');
  });

  it('fails with missing when the list is absent or empty', () => {
    for (const surveys of [undefined, []]) {
      const r = count({}, surveys);
      expect(r.status).toBe('fail');
      expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'missing', data: { window_start: '2026-07-01', window_end: '2026-09-30', window_months: 3, at_least: 1, list: 'surveys' } }]);
    }
  });
});

describe('count-in-window: follow_up', () => {
  const followUp = { follow_up: { field: 'results_fed_back', grace_days: 28 } };

  it('warns when no counted item has the field true and one is older than the grace days at submission', () => {
    // Submitted 2026-10-07: closed 2026-09-08 is 29 days before.
    const r = count(followUp, [survey('2026-09-08')]);
    expect(r.status).toBe('warn');
    expect(notes(r.findings)).toEqual([
      { status: 'warn', id: 'follow-up', data: { window_start: '2026-07-01', window_end: '2026-09-30', window_months: 3, at_least: 1, grace_days: 28, days: 29 } },
    ]);
    expect(r.findings[0]!.path).toEqual(['surveys', 0]);
  });

  it('does not warn on the last day of grace, nor when one counted item has the field true', () => {
    expect(count(followUp, [survey('2026-09-09')]).status).toBe('pass');
    expect(count(followUp, [survey('2026-07-10'), survey('2026-09-01', { results_fed_back: true })]).status).toBe('pass');
    expect(count(followUp, [survey('2026-07-10', { results_fed_back: false })]).status).toBe('warn');
  });

  it('looks only at counted items: one fed back outside the window does not help', () => {
    const r = count(followUp, [survey('2026-06-01', { results_fed_back: true }), survey('2026-07-31')], { messages: { 'follow-up': '{{title}}' } });
    expect(r.status).toBe('warn');
    expect(r.findings[0]!.data).toMatchObject({ title: 'Survey to 2026-07-31', days: 68 });
  });

  it('is not asked without follow_up', () => {
    expect(count({}, [survey('2026-07-10')]).status).toBe('pass');
  });
});

describe('count-in-window: skip_when', () => {
  const check = { list: 'family.activities', date_field: 'date', skip_when: { field: 'family.not_appropriate', present: true } };

  it('skips with the reason given, at its field', () => {
    const r = runCheck('count-in-window', { window_months: 12, ...check }, { family: { not_appropriate: 'Custody-based service' } });
    expect(r.status).toBe('skip');
    expect(r.skipped).toMatchObject({ id: 'skip', data: { field: 'family.not_appropriate', actual: 'Custody-based service' }, path: ['family', 'not_appropriate'] });
  });

  it('counts as usual when the reason is empty', () => {
    const r = runCheck('count-in-window', { window_months: 12, ...check }, { family: { not_appropriate: '', activities: [{ date: '2026-01-10' }] } });
    expect(r.status).toBe('pass');
    expect(r.satisfied[0]!.path).toEqual(['family', 'activities', 0]);
  });
});
