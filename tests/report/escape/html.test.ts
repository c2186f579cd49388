import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/report/escape/html.ts';

describe('escapeHtml', () => {
  it.each([
    ['the five significant characters', `& < > " '`, '&amp; &lt; &gt; &quot; &#39;'],
    ['a script element', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an event handler', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a way out of a double-quoted attribute', 'x" onmouseover="alert(1)', 'x&quot; onmouseover=&quot;alert(1)'],
    ['a way out of a single-quoted attribute', "x' onmouseover='alert(1)", 'x&#39; onmouseover=&#39;alert(1)'],
    ['an entity is shown, not decoded', '&lt; &#60; &amp;', '&amp;lt; &amp;#60; &amp;amp;'],
    ['a comment and CDATA', '<!-- x --> <![CDATA[y]]>', '&lt;!-- x --&gt; &lt;![CDATA[y]]&gt;'],
    ['NUL, other C0, DEL and C1 controls go', 'a\u0000b\u0007c\u007fd\u0085e', 'abcde'],
    ['tab, line feed and carriage return stay', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['bidirectional overrides and isolates go', 'abc\u202edcba\u202c \u2066x\u2069', 'abcdcba x'],
    ['ordinary text is left alone', "Mary-Jane O’Neil — café ✓ £7.90", "Mary-Jane O’Neil — café ✓ £7.90"],
  ])('%s', (_, input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });

  it('leaves nothing that can open a tag or end a quoted attribute', () => {
    const every = Array.from({ length: 0x3000 }, (_, i) => String.fromCharCode(i)).join('');
    expect(escapeHtml(every)).not.toMatch(/[<>"']/);
    expect(escapeHtml(every).replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  });
});
