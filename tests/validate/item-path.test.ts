// Tests for validate/item-path.ts: paths said for people, items counted from 1 and named by their title, site or activity.
import { describe, expect, it } from 'vitest';
import { showPath, showSubject } from '../../src/validate/item-path.ts';

const evidence = {
  surveys: [{ title: 'Spring survey' }, { title: 'Quarterly satisfaction survey', evidence: ['a.pdf', { path: 'b.pdf' }] }],
  charter: { sites: [{ site: '  Oxford hub  ' }, { rooms_used_by_service_users: 3 }] },
  volunteer_expenses: { claims: [{ volunteer: 'V-014', activity: 'Forum' }, { volunteer: 'V-015' }] },
  ladder: [{ activity: `A ${'very '.repeat(20)}long activity` }, { activity: 'Line\u2028break' }],
};

describe('showPath', () => {
  it.each([
    [['period'], 'period'],
    [['submitted', 'on'], 'submitted.on'],
    [[], 'the file'],
    [['surveys', 1, 'to'], 'surveys, item 2 ("Quarterly satisfaction survey"), to'],
    [['surveys', 1, 'evidence', 1, 'path'], 'surveys, item 2 ("Quarterly satisfaction survey"), evidence, item 2, path'],
    [['charter', 'sites', 0], 'charter.sites, item 1 ("Oxford hub")'],
    // An item with nothing to name it by is only counted.
    [['charter', 'sites', 1], 'charter.sites, item 2'],
    // A claim is named by its activity before its volunteer reference.
    [['volunteer_expenses', 'claims', 0, 'claimed'], 'volunteer_expenses.claims, item 1 ("Forum"), claimed'],
    [['volunteer_expenses', 'claims', 1, 'claimed'], 'volunteer_expenses.claims, item 2 ("V-015"), claimed'],
    // Long names are cut, and a line separator in one is shown as an escape.
    [['ladder', 0], 'ladder, item 1 ("A very very very very very very very ver…")'],
    [['ladder', 1], 'ladder, item 2 ("Line\\u2028break")'],
    // An item past the end of its list, or a path through a value, is still said.
    [['surveys', 5, 'to'], 'surveys, item 6, to'],
  ])('%j → %s', (path, shown) => {
    expect(showPath(path, evidence)).toBe(shown);
  });

  it('counts items without naming them when it has no data', () => {
    expect(showPath(['surveys', 0, 'title'])).toBe('surveys, item 1, title');
  });
});

describe('showSubject', () => {
  it.each([
    [['submitted', 'on'], '"submitted.on"'],
    [['surveys', 1, 'to'], '"to" in surveys, item 2 ("Quarterly satisfaction survey")'],
    [['surveys', 1, 'evidence', 1, 'path'], '"path" in surveys, item 2 ("Quarterly satisfaction survey"), evidence, item 2'],
    [['surveys', 1, 'evidence', 0], 'surveys, item 2 ("Quarterly satisfaction survey"), evidence, item 1'],
    [['check', 'require', 0, 'field'], '"field" in check.require, item 1'],
  ])('%j → %s', (path, subject) => {
    expect(showSubject(path, evidence)).toBe(subject);
  });
});
