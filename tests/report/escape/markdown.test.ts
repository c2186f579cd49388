import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../src/report/escape/markdown.ts';

/** The text a CommonMark reader sees as literal: every backslash escape taken out, so what is left could be markup. */
const unescaped = (md: string) => md.replace(/\\[!-/:-@[-`{-~]/g, '');
/** GFM table cell separators: pipes not taken by a backslash escape. */
const pipes = (md: string) => (md.replace(/\\[\s\S]/g, '').match(/\|/g) ?? []).length;

describe('escapeMarkdown', () => {
  it.each([
    ['a table pipe', 'a | b', 'a \\| b'],
    ['emphasis and strong', '*a* _b_ **c**', '\\*a\\* \\_b\\_ \\*\\*c\\*\\*'],
    ['a code span', 'run `rm -rf`', 'run \\`rm -rf\\`'],
    ['a link', '[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['an image', '![](http://x)', '\\!\\[\\](http\\://x)'],
    ['raw HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['an autolink', '<https://evil.example>', '\\<https\\://evil.example\\>'],
    ['a GFM extended autolink', 'see https://evil.example and www.evil.example', 'see https\\://evil.example and www\\.evil.example'],
    ['an entity', '&lt;b&gt; &#60;', '\\&lt;b\\&gt; \\&\\#60;'],
    ['a backslash stays a backslash', 'C:\\path\\', 'C:\\\\path\\\\'],
    ['strikethrough, GitHub math and mentions', '~~x~~ $x$ @team', '\\~\\~x\\~\\~ \\$x\\$ \\@team'],
    ['a line break cannot start a heading', 'one\n# heading', 'one \\# heading'],
    ['CR, CRLF, tabs and Unicode line separators fold to spaces', 'a\r\nb\rc\td\u2028e', 'a b c d e'],
    ['a bullet at the start', '- item', '\\- item'],
    ['a plus bullet at the start', '+ item', '\\+ item'],
    ['a thematic break at the start', '---', '\\---'],
    ['an ordered-list marker at the start', '1. first', '1\\. first'],
    ['a parenthesised ordered-list marker at the start', '12) twelfth', '12\\) twelfth'],
    ['numbers that are not list markers', '4.1; 5.2 and 0.1.0', '4.1; 5.2 and 0.1.0'],
    ['a blockquote at the start', '> quoted', '\\> quoted'],
    ['leading spaces cannot make a code block', '    indented', 'indented'],
    ['controls and bidirectional overrides go', 'a\u0000b\u001bc\u202ed\u0085e', 'abcd e'],
    ['ordinary text is left alone', "Mary-Jane O'Neil — café, 2026-Q3: 4 of 5 (80%)", "Mary-Jane O'Neil — café, 2026-Q3: 4 of 5 (80%)"],
  ])('%s', (_, input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });

  const hostile = [
    '| [x](javascript:alert(1)) ![](http://x) <img src=x onerror=alert(1)>\n# heading',
    '<script>alert(1)</script>',
    '`a` `` b `` \\`c\\`',
    '[ref]: http://evil.example\n[ref]',
    '\\| still a pipe',
    '\\\\|\\\\\\|',
    '<!-- comment --> <?php ?> <![CDATA[x]]>',
    '***\n===\n```js\nalert(1)\n```',
  ];

  it.each(hostile)('leaves no markup in %j', (input) => {
    const out = escapeMarkdown(input);
    expect(out).not.toMatch(/[\n\r]/);
    expect(unescaped(out)).not.toMatch(/[[\]<>`*_|~&]|:\/\//);
  });

  it.each(hostile)('adds no table cell in %j', (input) => {
    expect(pipes(`| ${escapeMarkdown(input)} | x |`)).toBe(3);
  });
});
