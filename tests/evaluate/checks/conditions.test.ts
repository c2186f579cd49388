// Tests for the `conditions` check kind: every condition operator, `when`, `status: warn`, `skip_when`, items with
// their label, `applies_when` and `at_least`, and what each message is given.
import { describe, expect, it } from 'vitest';
import { notes, runCheck, type RunOptions } from './run-check.ts';

/** One condition on a section: the result, and the finding when it fails. */
function onSection(condition: Record<string, unknown>, section: Record<string, unknown>, options?: RunOptions) {
  return runCheck('conditions', { section: 'care_planning', require: [{ message: 'failed', ...condition }] }, { care_planning: section }, options);
}
const holds = (condition: Record<string, unknown>, section: Record<string, unknown>) => onSection(condition, section).status === 'pass';
const failedData = (condition: Record<string, unknown>, section: Record<string, unknown>) => onSection(condition, section).findings[0]?.data;

describe('conditions: the operators', () => {
  it('present: a value, not absent, null or empty text', () => {
    expect(holds({ field: 'note', present: true }, { note: 'x' })).toBe(true);
    expect(holds({ field: 'note', present: true }, { note: 0 })).toBe(true);
    expect(holds({ field: 'note', present: true }, {})).toBe(false);
    expect(holds({ field: 'note', present: true }, { note: null })).toBe(false);
    expect(holds({ field: 'note', present: true }, { note: '' })).toBe(false);
    expect(failedData({ field: 'note', present: true }, {})).toEqual({ field: 'note', label: 'care_planning' });
  });

  it('equals: the same value and type', () => {
    expect(holds({ field: 'copies_offered', equals: true }, { copies_offered: true })).toBe(true);
    expect(holds({ field: 'copies_offered', equals: true }, { copies_offered: 'true' })).toBe(false);
    expect(holds({ field: 'copies_offered', equals: true }, {})).toBe(false);
    expect(failedData({ field: 'copies_offered', equals: true }, { copies_offered: false })).toEqual({ field: 'copies_offered', actual: false, expected: true, label: 'care_planning' });
  });

  it('not_equals: any other value, and absence too', () => {
    expect(holds({ field: 'active', not_equals: 0 }, { active: 3 })).toBe(true);
    expect(holds({ field: 'active', not_equals: 0 }, {})).toBe(true);
    expect(holds({ field: 'active', not_equals: 0 }, { active: 0 })).toBe(false);
    expect(failedData({ field: 'active', not_equals: 0 }, { active: 0 })).toMatchObject({ actual: 0, expected: 0 });
  });

  it('one_of: a value in the list, which the message is given joined', () => {
    expect(holds({ field: 'stage', one_of: ['planning', 'evaluation'] }, { stage: 'evaluation' })).toBe(true);
    expect(holds({ field: 'stage', one_of: ['planning', 'evaluation'] }, { stage: 'delivery' })).toBe(false);
    expect(holds({ field: 'stage', one_of: ['planning', 'evaluation'] }, {})).toBe(false);
    expect(failedData({ field: 'stage', one_of: ['planning', 'evaluation'] }, { stage: 'delivery' })).toMatchObject({ actual: 'delivery', expected: 'planning, evaluation' });
  });

  it('at_least: a number equal or greater; the boundary holds', () => {
    expect(holds({ field: 'respondents', at_least: 3 }, { respondents: 3 })).toBe(true);
    expect(holds({ field: 'respondents', at_least: 3 }, { respondents: 2 })).toBe(false);
    expect(holds({ field: 'respondents', at_least: 3 }, { respondents: '5' })).toBe(false);
    expect(failedData({ field: 'respondents', at_least: 3 }, { respondents: 2 })).toMatchObject({ actual: 2, expected: 3 });
  });

  it('above: a number strictly greater; the boundary fails', () => {
    expect(holds({ field: 'active', above: 0 }, { active: 1 })).toBe(true);
    expect(holds({ field: 'active', above: 0 }, { active: 0 })).toBe(false);
    expect(holds({ field: 'active', above: 0 }, {})).toBe(false);
    expect(failedData({ field: 'active', above: 0 }, { active: 0 })).toMatchObject({ actual: 0, expected: 0 });
  });

  it('at_least_field: at least another field of the same object; nothing to compare with holds', () => {
    const condition = { field: 'shown', at_least_field: 'rooms' };
    expect(holds(condition, { shown: 6, rooms: 6 })).toBe(true);
    expect(holds(condition, { shown: 5, rooms: 6 })).toBe(false);
    expect(holds(condition, { rooms: 6 })).toBe(false);
    expect(holds(condition, { shown: 5 })).toBe(true);
    expect(failedData(condition, { shown: 5, rooms: 6 })).toMatchObject({ field: 'shown', actual: 5, expected: 6 });
  });

  it('includes_all: every name, trimmed and without case; the message is given the names missing', () => {
    const condition = { field: 'services', includes_all: ['Oxfordshire User Team', 'The Alliance'] };
    expect(holds(condition, { services: [' the alliance ', 'OXFORDSHIRE USER TEAM', 'Another'] })).toBe(true);
    expect(holds(condition, { services: ['Oxfordshire User Team', 'Alliance'] })).toBe(false);
    expect(failedData(condition, { services: ['Oxfordshire User Team', 'Alliance'] })).toMatchObject({ missing: 'The Alliance', actual: 'Oxfordshire User Team, Alliance' });
    expect(failedData(condition, {})).toMatchObject({ missing: 'Oxfordshire User Team, The Alliance' });
  });

  it("not_older_than_days: a date on or after the quarter's last day minus the days", () => {
    const condition = { field: 'checked_on', not_older_than_days: 92 };
    // 2026-Q3 ends on 2026-09-30; 92 days before is 2026-06-30.
    expect(holds(condition, { checked_on: '2026-06-30' })).toBe(true);
    expect(holds(condition, { checked_on: '2026-06-29' })).toBe(false);
    expect(holds(condition, { checked_on: '2026-10-02' })).toBe(true);
    expect(holds(condition, {})).toBe(false);
    expect(failedData(condition, { checked_on: '2026-06-29' })).toMatchObject({ actual: '2026-06-29', expected: '2026-06-30' });
    // 2026-Q2 ends on 2026-06-30: 92 days before is 2026-03-30.
    expect(onSection(condition, { checked_on: '2026-03-30' }, { period: '2026-Q2', submitted: '2026-07-06' }).status).toBe('pass');
    expect(onSection(condition, { checked_on: '2026-03-29' }, { period: '2026-Q2', submitted: '2026-07-06' }).findings[0]?.data).toMatchObject({ expected: '2026-03-30' });
  });

  it('reads a dotted field through mappings', () => {
    expect(holds({ field: 'audit.date', present: true }, { audit: { date: '2026-08-01' } })).toBe(true);
    expect(holds({ field: 'audit.date', present: true }, { audit: {} })).toBe(false);
  });
});

describe('conditions: a failed condition', () => {
  it('gives its own message id with its data and the fields its wording names, where the field is', () => {
    const r = runCheck(
      'conditions',
      { section: 'care_planning', require: [{ field: 'copies_offered', equals: true, message: 'copies-not-offered' }] },
      { care_planning: { copies_offered: false, devised_with_service_users: true } },
      { messages: { 'copies-not-offered': 'not offered ({{devised_with_service_users}})' } },
    );
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      { status: 'fail', id: 'copies-not-offered', message: 'not offered (true)', data: { devised_with_service_users: true, field: 'copies_offered', actual: false, expected: true, label: 'care_planning' }, path: ['care_planning', 'copies_offered'] },
    ]);
    expect(r.satisfied).toEqual([]);
  });

  it('points at the object when the field is absent', () => {
    expect(onSection({ field: 'copies_offered', equals: true }, {}).findings[0]!.path).toEqual(['care_planning']);
  });

  it('with status: warn, warns and leaves the rule otherwise passing', () => {
    const r = onSection({ field: 'note', present: true, status: 'warn' }, {});
    expect(r.status).toBe('warn');
    expect(notes(r.findings)).toEqual([{ status: 'warn', id: 'failed', data: { field: 'note', label: 'care_planning' } }]);
    expect(notes(r.satisfied)).toEqual([{ status: 'pass', id: 'pass', data: { section: 'care_planning' } }]);
  });

  it('with when: false, is not tested; with when: true, is', () => {
    expect(onSection({ field: 'note', present: true, when: false }, {}).status).toBe('pass');
    expect(onSection({ field: 'note', present: true, when: true }, {}).status).toBe('fail');
  });

  it('is information, not a failure, in an aspirational rule', () => {
    const r = onSection({ field: 'note', present: true }, {}, { severity: 'aspirational' });
    expect(r.status).toBe('info');
    expect(r.findings.map((f) => f.status)).toEqual(['info']);
  });
});

describe('conditions: the section', () => {
  it('missing: fails at the section, giving its name', () => {
    const r = runCheck('conditions', { section: 'complaints.lead' }, {});
    expect(r.status).toBe('fail');
    expect(r.findings).toMatchObject([{ id: 'missing', data: { section: 'complaints.lead' }, path: ['complaints', 'lead'] }]);
  });

  it("passes with the section's fields that its wording names", () => {
    const r = runCheck('conditions', { section: 'peer_mentors' }, { peer_mentors: { active: 4, training: true } }, { messages: { pass: '{{active}} mentors' } });
    expect(r.satisfied).toEqual([{ status: 'pass', id: 'pass', message: '4 mentors', data: { active: 4, section: 'peer_mentors' }, path: ['peer_mentors'] }]);
  });
});

describe('conditions: skip_when', () => {
  const check = { section: 'peer_mentors', skip_when: { field: 'peer_mentors.active', equals: 0 }, require: [{ field: 'training', equals: true, message: 'no-training' }] };

  it('skips the rule when it holds, with the condition data, at its field', () => {
    const r = runCheck('conditions', check, { peer_mentors: { active: 0 } });
    expect(r.status).toBe('skip');
    expect(r.findings).toEqual([]);
    expect(r.skipped).toMatchObject({ status: 'skip', id: 'skip', data: { field: 'peer_mentors.active', actual: 0, expected: 0 }, path: ['peer_mentors', 'active'] });
  });

  it('judges the rule when it does not hold', () => {
    const r = runCheck('conditions', check, { peer_mentors: { active: 2 } });
    expect(r.status).toBe('fail');
    expect(r.skipped).toBeUndefined();
    expect(r.findings.map((f) => f.id)).toEqual(['no-training']);
  });
});

describe('conditions: items', () => {
  const sites = (require: Record<string, unknown>[] = [], atLeast = 1) => ({
    section: 'charter',
    items: { list: 'sites', label: 'site', applies_when: [{ field: 'rooms_used', not_equals: 0 }], at_least: atLeast, require },
  });

  it('judges only the items applies_when picks, each passing with its label', () => {
    const r = runCheck('conditions', sites([{ field: 'shown', at_least_field: 'rooms_used', message: 'room-short' }]), {
      charter: { sites: [{ site: 'Office', rooms_used: 0 }, { site: 'Hub', rooms_used: 2, shown: 2 }] },
    }, { messages: { 'item-pass': '{{label}}: {{shown}} of {{rooms_used}}' } });
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied)).toEqual([
      { status: 'pass', id: 'pass', data: { section: 'charter' } },
      { status: 'pass', id: 'item-pass', data: { shown: 2, rooms_used: 2, label: 'Hub' } },
    ]);
    expect(r.satisfied[1]!.path).toEqual(['charter', 'sites', 1]);
  });

  it("fails an item's condition with the item's label, or the list's name and number when it has none", () => {
    const r = runCheck('conditions', sites([{ field: 'shown', at_least_field: 'rooms_used', message: 'room-short' }]), {
      charter: { sites: [{ site: 'Hub', rooms_used: 6, shown: 5 }, { rooms_used: 2, shown: 1 }] },
    });
    expect(notes(r.findings)).toEqual([
      { status: 'fail', id: 'room-short', data: { field: 'shown', actual: 5, expected: 6, label: 'Hub' } },
      { status: 'fail', id: 'room-short', data: { field: 'shown', actual: 1, expected: 2, label: 'sites, item 2' } },
    ]);
    expect(r.findings[0]!.path).toEqual(['charter', 'sites', 0, 'shown']);
    // A failed item is not evidence, and the section does not pass.
    expect(r.satisfied).toEqual([]);
  });

  it('fails with none-applicable when fewer items apply than at_least, at the list or else the section', () => {
    const one = runCheck('conditions', sites([], 2), { charter: { sites: [{ site: 'Hub', rooms_used: 2 }, { site: 'Office', rooms_used: 0 }] } });
    expect(one.status).toBe('fail');
    expect(one.findings).toMatchObject([{ id: 'none-applicable', data: { count: 1, at_least: 2, list: 'sites' }, path: ['charter', 'sites'] }]);
    const none = runCheck('conditions', sites(), { charter: {} });
    expect(none.findings).toMatchObject([{ id: 'none-applicable', data: { count: 0, at_least: 1 }, path: ['charter'] }]);
  });

  it('with at_least: 0, passes with no item at all', () => {
    expect(runCheck('conditions', sites([], 0), { charter: { sites: [] } }).status).toBe('pass');
  });

  it('applies every applies_when condition', () => {
    const check = { section: 'feedback', items: { list: 'routes', label: 'route', applies_when: [{ field: 'confidential', equals: true }, { field: 'open_to_families', equals: true }] } };
    expect(runCheck('conditions', check, { feedback: { routes: [{ route: 'Box', confidential: true }] } }).status).toBe('fail');
    expect(runCheck('conditions', check, { feedback: { routes: [{ route: 'Box', confidential: true, open_to_families: true }] } }).status).toBe('pass');
  });
});

describe('conditions: contains_any', () => {
  const words = (contains_any: string[], note: unknown) => holds({ field: 'note', contains_any }, { note });

  it('finds a word or phrase as whole words, without case, across any whitespace', () => {
    expect(words(['mutual aid'], 'Introduced to MUTUAL\n   Aid meetings')).toBe(true);
    expect(words(['peer-led'], 'a Peer-Led walk')).toBe(true);
    expect(words(['forum', 'group'], 'the weekly group met')).toBe(true);
    // Unicode case folding, and letters beyond ASCII as parts of words.
    expect(words(['ÉQUIPE'], 'une équipe locale')).toBe(true);
    expect(words(['café'], 'the cafés opened')).toBe(false);
  });

  it('does not find a word inside another, nor a phrase whose words are apart', () => {
    expect(words(['peer'], 'the peers met')).toBe(false);
    expect(words(['aid'], 'paid staff')).toBe(false);
    expect(words(['mutual aid'], 'mutual, and aid')).toBe(false);
  });

  it('reads what a pack writes as words, never as a pattern', () => {
    expect(words(['a.c'], 'abc')).toBe(false);
    expect(words(['(peer)'], 'led by a (peer) mentor')).toBe(true);
    expect(words(['.*'], 'anything')).toBe(false);
  });

  it('fails on a field that is absent or not text, and gives its message the words', () => {
    expect(words(['forum'], undefined)).toBe(false);
    expect(words(['3'], 3)).toBe(false);
    expect(failedData({ field: 'note', contains_any: ['forum', 'mutual aid'] }, { note: 'a leaflet' })).toEqual({ field: 'note', actual: 'a leaflet', expected: 'forum, mutual aid', label: 'care_planning' });
  });
});

describe('conditions: any_of and none_of', () => {
  const anyOf = { any_of: [{ field: 'copies_offered', equals: true }, { field: 'note', contains_any: ['declined'] }] };
  const noneOf = { none_of: [{ field: 'note', contains_any: ['leaflet'] }, { field: 'copies_offered', equals: false }] };

  it('any_of holds when one of its conditions does', () => {
    expect(holds(anyOf, { copies_offered: true })).toBe(true);
    expect(holds(anyOf, { note: 'Copies declined by the person' })).toBe(true);
    expect(holds(anyOf, { copies_offered: false, note: 'none' })).toBe(false);
  });

  it('a failing any_of says its own message, given the fields its conditions name', () => {
    const r = onSection(anyOf, { copies_offered: false });
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'failed', data: { field: 'copies_offered, note', label: 'care_planning' } }]);
  });

  it('none_of holds when none of its conditions does, and a failing one names the condition that held, at its field', () => {
    expect(holds(noneOf, { note: 'one to one', copies_offered: true })).toBe(true);
    expect(holds(noneOf, {})).toBe(true);
    const r = onSection(noneOf, { note: 'a leaflet only', copies_offered: true });
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'failed', data: { field: 'note', actual: 'a leaflet only', expected: 'leaflet', label: 'care_planning' } }]);
    expect(r.findings[0]!.path).toEqual(['care_planning', 'note']);
  });

  it('nests: none_of inside any_of inside none_of', () => {
    const nested = { none_of: [{ any_of: [{ field: 'a', equals: 1 }, { none_of: [{ field: 'b', present: true }] }] }] };
    // The inner any_of holds (a is 1), so the none_of fails.
    expect(holds(nested, { a: 1, b: 'x' })).toBe(false);
    // a is not 1 and b is present: the any_of does not hold, so the none_of does.
    expect(holds(nested, { a: 2, b: 'x' })).toBe(true);
    // b absent: the innermost none_of holds, so the any_of does, so the outer none_of fails.
    expect(holds(nested, { a: 2 })).toBe(false);
  });

  it('leaves out a condition switched off by when', () => {
    expect(holds({ any_of: [{ field: 'a', equals: 1, when: false }, { field: 'b', equals: 2 }] }, { a: 1, b: 3 })).toBe(false);
  });
});

describe('conditions: the items of a top-level list, with no section', () => {
  const check = { items: { list: 'ladder', label: 'activity', applies_when: [{ field: 'activity', contains_any: ['forum'] }], require: [{ field: 'evidence', present: true, message: 'unevidenced' }] } };

  it('reads the list from the top of the return, and passes with nothing but the return for its message', () => {
    const r = runCheck('conditions', check, { ladder: [{ rung: 4, activity: 'Monthly forum', date: '2026-07-01', evidence: ['m.pdf'] }, { rung: 1, activity: 'Leaflet' }] });
    expect(r.status).toBe('pass');
    expect(notes(r.satisfied)).toEqual([
      { status: 'pass', id: 'pass', data: {} },
      { status: 'pass', id: 'item-pass', data: { label: 'Monthly forum' } },
    ]);
  });

  it('judges each applicable item, and says none-applicable at the top when the list is absent', () => {
    const r = runCheck('conditions', check, { ladder: [{ rung: 4, activity: 'Forum', date: '2026-07-01' }] });
    expect(notes(r.findings)).toEqual([{ status: 'fail', id: 'unevidenced', data: { field: 'evidence', label: 'Forum' } }]);
    expect(r.findings[0]!.path).toEqual(['ladder', 0]);
    const none = runCheck('conditions', check, {});
    expect(none.findings).toMatchObject([{ id: 'none-applicable', data: { count: 0, at_least: 1, list: 'ladder' }, path: [] }]);
  });
});
