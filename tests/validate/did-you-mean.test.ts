// Tests for validate/did-you-mean.ts: a near miss gets the known name; a different word gets nothing.
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/validate/did-you-mean.ts';

const TOP = ['$schema', 'format', 'provider', 'period', 'submitted', 'involvement_lead', 'charter', 'surveys', 'volunteer_expenses', 'ladder'];
const SURVEY = ['title', 'kind', 'from', 'to', 'respondents', 'includes_families', 'results_fed_back', 'evidence'];

describe('didYouMean', () => {
  it.each([
    ['involvment_lead', TOP, 'involvement_lead'], // a letter left out
    ['fromat', TOP, 'format'], // two letters swapped count as one slip
    ['Format', TOP, 'format'], // only the case differs
    ['volunter_expences', TOP, 'volunteer_expenses'],
    ['respondants', SURVEY, 'respondents'],
    ['result_fed_back', SURVEY, 'results_fed_back'],
    ['sitess', ['site', 'sites'], 'sites'],
  ])('%s → %s', (word, candidates, suggestion) => {
    expect(didYouMean(word, candidates)).toBe(suggestion);
  });

  it.each([
    ['an unrelated word', 'banana', TOP],
    ['a short word far from every name', 'xyz', SURVEY],
    ['a long word more than three edits away', 'involvement_leader_name', TOP],
    ['an empty word', '', ['id', 'name']],
    ['no candidates', 'format', []],
  ])('suggests nothing for %s', (_why, word, candidates) => {
    expect(didYouMean(word, candidates)).toBeUndefined();
  });

  it('allows one edit in a short word and at most three in a long one', () => {
    expect(didYouMean('ib', ['id'])).toBe('id');
    expect(didYouMean('xy', ['id'])).toBeUndefined();
    expect(didYouMean('involvementXXXlead', ['involvement_lead'])).toBe('involvement_lead');
    expect(didYouMean('involvementXXXXlead', ['involvement_lead'])).toBeUndefined();
  });

  const RULES = ['involvement-lead-named', 'charter-displayed', 'surveys-conducted', 'expenses-reimbursed', 'ladder-rungs-evidenced', 'no-personal-data', 'complaints-lead-named', 'complaints-monitored'];

  it.each([
    ['charter', 'charter-displayed'], // the start of one name
    ['Charter', 'charter-displayed'],
    ['personal-data', 'no-personal-data'], // whole words inside one name
    ['ladder-rungs', 'ladder-rungs-evidenced'],
    ['expenses', 'expenses-reimbursed'],
  ])('suggests the one name that %s is part of: %s', (word, suggestion) => {
    expect(didYouMean(word, RULES)).toBe(suggestion);
  });

  it.each([
    ['the start of two names', 'complaints'],
    ['a word of two names', 'lead'],
    ['part of a word, not its start', 'arter'],
    ['a word too short to tell', 'no'],
  ])('suggests nothing for %s', (_why, word) => {
    expect(didYouMean(word, RULES)).toBeUndefined();
  });

  it('keeps a slip ahead of a part: the nearest name wins when one is a slip away', () => {
    expect(didYouMean('surveys', ['survey', 'surveys-conducted'])).toBe('survey');
  });

  it('prefers the closest name when several are near', () => {
    expect(didYouMean('kinds', ['kind', 'kinds_of'])).toBe('kind');
  });
});
