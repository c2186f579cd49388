import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../../src/report/escape/github.ts';

// What the Actions runner does on reading a command (ActionCommand.cs): each token in turn, `%25` last.
const unescape = (s: string, tokens: [string, string][]) => [...tokens, ['%25', '%'] as [string, string]].reduce((v, [from, to]) => v.split(from).join(to), s);
const unescapeData = (s: string) => unescape(s, [['%0D', '\r'], ['%0A', '\n']]);
const unescapeProperty = (s: string) => unescape(s, [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ',']]);

const HOSTILE = [
  'plain text',
  'line one\n::error::pwned',
  'cr\r::warning::pwned\r\n::set-output name=x::y',
  'already escaped %0A and %0D and %25 and %3A and %2C',
  '%%%0A0A',
  'file, with: commas, and: colons.yaml',
  'ends with %',
  '::add-mask::secret',
  '',
];

describe('escapeData', () => {
  it.each([
    ['percent first, so escapes do not double', '100%', '100%25'],
    ['LF', 'a\nb', 'a%0Ab'],
    ['CR', 'a\rb', 'a%0Db'],
    ['a literal %0A stays literal', '%0A', '%250A'],
    ['colons and commas are data', 'a:b,c', 'a:b,c'],
  ])('%s', (_, input, output) => {
    expect(escapeData(input)).toBe(output);
  });

  it.each(HOSTILE)('keeps %j on one line and round-trips through the runner', (input) => {
    const escaped = escapeData(input);
    expect(escaped).not.toMatch(/[\r\n]/);
    expect(unescapeData(escaped)).toBe(input);
  });
});

describe('escapeProperty', () => {
  it.each([
    ['colon', 'a:b', 'a%3Ab'],
    ['comma', 'a,b', 'a%2Cb'],
    ['a property cannot end early at ::', 'x::error::y', 'x%3A%3Aerror%3A%3Ay'],
    ['percent, CR and LF as for data', '%\r\n', '%25%0D%0A'],
  ])('%s', (_, input, output) => {
    expect(escapeProperty(input)).toBe(output);
  });

  it.each(HOSTILE)('leaves %j no separator and round-trips through the runner', (input) => {
    const escaped = escapeProperty(input);
    expect(escaped).not.toMatch(/[\r\n:,]/);
    expect(unescapeProperty(escaped)).toBe(input);
  });
});
