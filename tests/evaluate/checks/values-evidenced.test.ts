// Tests for the `values-evidenced` check kind: each required value needs an activity in the window (at its
// boundaries), aspirational values are commendations or information, and what each message is given.
import { describe, expect, it } from 'vitest';
import { notes, runCheck } from './run-check.ts';

const LABELS = { '1': 'Information', '4': 'Representation', '6': 'Implementing', '7': 'Initiating' };
const ladder = (activities: { rung: number; date?: string; activity?: string }[], check: Record<string, unknown> = {}) =>
  runCheck(
    'values-evidenced',
    { list: 'ladder', field: 'rung', date_field: 'date', window_months: 12, required: [1, 4], labels: LABELS, ...check },
    { ladder: activities },
    { messages: { evidenced: '{{activity}}', commendation: '{{activity}}' } },
  );
const WINDOW = { window_start: '2025-10-01', window_end: '2026-09-30', window_months: 12 };

describe('values-evidenced: required values', () => {
  it('passes when each has an activity in the window, the first in the list as its evidence', () => {
    const r = ladder([
      { rung: 4, date: '2026-03-12', activity: 'Forum rep' },
      { rung: 1, date: '2026-07-03', activity: 'Newsletter' },
      { rung: 4, date: '2026-05-01', activity: 'Panel' },
    ]);
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied)).toEqual([
      { status: 'pass', id: 'evidenced', data: { activity: 'Newsletter', ...WINDOW, value: 1, label: 'Information' } },
      { status: 'pass', id: 'evidenced', data: { activity: 'Forum rep', ...WINDOW, value: 4, label: 'Representation' } },
    ]);
    expect(r.satisfied.map((n) => n.path)).toEqual([['ladder', 1], ['ladder', 0]]);
  });

  it('counts the first and last days of the window, not the days either side', () => {
    expect(ladder([{ rung: 1, date: '2025-10-01' }, { rung: 4, date: '2026-09-30' }]).status).toBe('pass');
    const outside = ladder([{ rung: 1, date: '2025-09-30' }, { rung: 4, date: '2026-10-01' }]);
    expect(notes(outside.findings)).toEqual([
      { status: 'fail', id: 'missing-value', data: { ...WINDOW, value: 1, label: 'Information' } },
      { status: 'fail', id: 'missing-value', data: { ...WINDOW, value: 4, label: 'Representation' } },
    ]);
  });

  it('does not count an undated activity; a value with no label is its own label', () => {
    const r = ladder([{ rung: 1 }, { rung: 4, date: '2026-08-01' }], { required: [1, 4, 'service'] });
    expect(r.findings.map((f) => f.data)).toEqual([
      { ...WINDOW, value: 1, label: 'Information' },
      { ...WINDOW, value: 'service', label: 'service' },
    ]);
    expect(r.findings[0]!.path).toEqual(['ladder']);
  });

  it('fails every required value when the list is absent', () => {
    const r = runCheck('values-evidenced', { list: 'involvement_levels', field: 'level', date_field: 'date', window_months: 3, required: ['individual', 'service'] }, {});
    expect(notes(r.findings)).toEqual([
      { status: 'fail', id: 'missing-value', data: { window_start: '2026-07-01', window_end: '2026-09-30', window_months: 3, value: 'individual', label: 'individual' } },
      { status: 'fail', id: 'missing-value', data: { window_start: '2026-07-01', window_end: '2026-09-30', window_months: 3, value: 'service', label: 'service' } },
    ]);
  });
});

describe('values-evidenced: aspirational values', () => {
  const met = [{ rung: 1, date: '2026-07-03' }, { rung: 4, date: '2026-03-12' }];

  it('commends each one met in the window, and passes when all are', () => {
    const r = ladder([...met, { rung: 6, date: '2026-02-01', activity: 'Peer-led group' }, { rung: 7, date: '2025-10-01', activity: 'Cafe' }], { aspirational: [6, 7] });
    expect(r.status).toBe('pass');
    expect(notes(r.commendations)).toEqual([
      { status: 'pass', id: 'commendation', data: { activity: 'Peer-led group', ...WINDOW, value: 6, label: 'Implementing' } },
      { status: 'pass', id: 'commendation', data: { activity: 'Cafe', ...WINDOW, value: 7, label: 'Initiating' } },
    ]);
    expect(r.findings).toEqual([]);
  });

  it('is information, naming those not met, when the required values are all met', () => {
    const r = ladder([...met, { rung: 6, date: '2026-02-01' }, { rung: 7, date: '2025-09-30' }], { aspirational: [6, 7] });
    expect(r.status).toBe('info');
    expect(notes(r.findings)).toEqual([{ status: 'info', id: 'aspirational-missing', data: { ...WINDOW, values: '7 (Initiating)' } }]);
    expect(r.commendations.map((c) => c.data.value)).toEqual([6]);
  });

  it('says nothing of them when a required value fails', () => {
    const r = ladder([{ rung: 1, date: '2026-07-03' }], { aspirational: [6, 7] });
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => f.id)).toEqual(['missing-value']);
  });
});

describe('values-evidenced: a field holding a list', () => {
  const topics = (surveys: { topics?: string[]; to: string; title: string; evidence?: string[] }[], check: Record<string, unknown> = {}, attachments = EVIDENCED) =>
    runCheck(
      'values-evidenced',
      { list: 'surveys', field: 'topics', date_field: 'to', window_months: 3, required: ['treatment-experience', 'running', 'proposed-changes'], ...check },
      { surveys },
      { messages: { evidenced: '{{title}}', 'no-evidence': '{{title}}' }, attachments },
    );
  const QUARTER = { window_start: '2026-07-01', window_end: '2026-09-30', window_months: 3 };
  const EVIDENCED = [{ path: ['surveys', 0, 'evidence', 0], ref: 'a.pdf' }, { path: ['surveys', 1, 'evidence', 0], ref: 'b.pdf' }];

  it('evidences each value in the list, the first item holding it as its evidence', () => {
    const r = topics([
      { title: 'Survey', topics: ['treatment-experience', 'running'], to: '2026-08-31' },
      { title: 'Consultation', topics: ['running', 'proposed-changes'], to: '2026-09-10' },
    ]);
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied).map((n) => [n.data.value, n.data.title])).toEqual([
      ['treatment-experience', 'Survey'],
      ['running', 'Survey'],
      ['proposed-changes', 'Consultation'],
    ]);
  });

  it('fails each value no item in the window holds, and an item with no list holds none', () => {
    const r = topics([
      { title: 'Survey', topics: ['treatment-experience'], to: '2026-08-31' },
      { title: 'Box', to: '2026-09-01' },
      { title: 'Old consultation', topics: ['running'], to: '2026-06-30' },
    ]);
    expect(notes(r.findings)).toEqual([
      { status: 'fail', id: 'missing-value', data: { ...QUARTER, value: 'running', label: 'running' } },
      { status: 'fail', id: 'missing-value', data: { ...QUARTER, value: 'proposed-changes', label: 'proposed-changes' } },
    ]);
  });

  it('with require_evidence, names the item that held a value but listed no evidence, for each value it held', () => {
    const r = topics([{ title: 'Survey', topics: ['treatment-experience', 'running'], to: '2026-08-31' }], { required: ['treatment-experience', 'running'], require_evidence: true }, []);
    expect(notes(r.findings)).toEqual([
      { status: 'fail', id: 'no-evidence', data: { ...QUARTER, value: 'treatment-experience', label: 'treatment-experience', title: 'Survey' } },
      { status: 'fail', id: 'no-evidence', data: { ...QUARTER, value: 'running', label: 'running', title: 'Survey' } },
    ]);
  });
});
