import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, toXmlChars } from '../../../src/report/escape/xml.ts';
import { xmllint, xpath } from '../xmllint.ts';

// Every UTF-16 code unit on its own (so D800–DFFF are lone surrogates), then a valid astral pair.
const EVERY_UNIT = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).join('') + '\u{1F600}\u{10FFFF}';
// XML 1.0 Char, written out independently of the module under test.
const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
const expected = (s: string) => [...s].map((ch) => (isXmlChar(ch.codePointAt(0)!) ? ch : '\uFFFD')).join('');

describe('toXmlChars', () => {
  it.each([
    ['NUL and the other C0 controls', 'a\u0000b\u0001c\u001fd', 'a\uFFFDb\uFFFDc\uFFFDd'],
    ['tab, LF and CR are kept', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFFc', 'a\uFFFDb\uFFFDc'],
    ['a lone high surrogate', 'a\uD800b', 'a\uFFFDb'],
    ['a lone low surrogate', 'a\uDC00b', 'a\uFFFDb'],
    ['a reversed pair is two lone surrogates', '\uDE00\uD83D', '\uFFFD\uFFFD'],
    ['a real pair is kept', 'a\u{1F600}b', 'a\u{1F600}b'],
    ['DEL and C1 are legal XML 1.0', '\u007f\u0085', '\u007f\u0085'],
  ])('%s', (_, input, output) => {
    expect(toXmlChars(input)).toBe(output);
  });

  it('agrees with the Char production on every code unit', () => {
    expect(toXmlChars(EVERY_UNIT)).toBe(expected(EVERY_UNIT));
  });
});

describe('escapeXmlText', () => {
  it.each([
    ['markup', '<a href="x">&amp;</a>', '&lt;a href="x"&gt;&amp;amp;&lt;/a&gt;'],
    ['every ]]>, not only the first', 'x]]>y]]>z', 'x]]&gt;y]]&gt;z'],
    ['CR survives line-end normalisation', 'a\r\nb', 'a&#13;\nb'],
    ['quotes need nothing in text', `"'`, `"'`],
  ])('%s', (_, input, output) => {
    expect(escapeXmlText(input)).toBe(output);
  });
});

describe('escapeXmlAttribute', () => {
  it.each([
    ['both quotes', `say "hi" it's`, 'say &quot;hi&quot; it&apos;s'],
    ['tab, LF and CR survive attribute normalisation', 'a\tb\nc\rd', 'a&#9;b&#10;c&#13;d'],
    ['markup and ]]>', '<&>]]>', '&lt;&amp;&gt;]]&gt;'],
  ])('%s', (_, input, output) => {
    expect(escapeXmlAttribute(input)).toBe(output);
  });
});

describe('escaped XML read by libxml2', () => {
  const doc = (s: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<a d="${escapeXmlAttribute(s)}" s='${escapeXmlAttribute(s)}'>${escapeXmlText(s)}</a>`;

  it('is well-formed for every code unit, in text and both quote styles', async () => {
    const r = await xmllint(['--noout'], doc(EVERY_UNIT));
    expect(r.stderr).toBe('');
    expect(r.ok).toBe(true);
  });

  it('reads back in text and both attribute quote styles exactly what went in, illegal characters as U+FFFD', async () => {
    const hostile = `x]]>y]]>z <b>&amp; "q" 'a' \t tab \n lf \r cr \r\n crlf \u0000\u0008\u000b\u001f \uFFFE \uD800 é \u{1F600}`;
    expect(await xpath(doc(hostile), ['/a', '/a/@d', '/a/@s'])).toEqual([expected(hostile), expected(hostile), expected(hostile)]);
  });
});
