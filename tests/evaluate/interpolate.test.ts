import { describe, expect, it } from 'vitest';
import { interpolate, paramsAsData, placeholdersOf } from '../../src/evaluate/interpolate.ts';

describe('interpolate', () => {
  it('fills named placeholders, and says when the evidence does not give a value', () => {
    expect(interpolate('{{site}}: {{ shown }} of {{rooms}} rooms', { site: 'Oxford hub', shown: 5, rooms: 6 })).toBe('Oxford hub: 5 of 6 rooms');
    expect(interpolate('checked {{checked_on}}', {})).toBe('checked (not given)');
    expect(interpolate('name "{{name}}"', { name: '' })).toBe('name ""');
  });

  it('does not expand placeholders inside the values it inserts', () => {
    expect(interpolate('{{a}}', { a: '{{b}}', b: 'x' })).toBe('{{b}}');
  });

  it('fills a name every object inherits only from the data itself', () => {
    expect(interpolate('{{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}}', {})).toBe('(not given) (not given) (not given) (not given)');
    expect(interpolate('{{constructor}}', { constructor: 'given' })).toBe('given');
  });

  it("gives a rule's parameters as data: a list as words, a mapping not at all", () => {
    expect(paramsAsData({ must_cover: ['travel', 'lunch'], days: 30, strict: false, labels: { '1': 'Information' } })).toEqual({ must_cover: 'travel, lunch', days: 30, strict: false });
  });

  it('lists the placeholders a template names', () => {
    expect(placeholdersOf('{{a}} and {{ b_c }}')).toEqual(['a', 'b_c']);
  });

  it("reads a rule's params as placeholders: a list as a list, a mapping as nothing", () => {
    expect(paramsAsData({ must_cover: ['travel', 'lunch'], pay_within_days: 30, strict: false, labels: { '1': 'Information' } })).toEqual({ must_cover: 'travel, lunch', pay_within_days: 30, strict: false });
  });
});
