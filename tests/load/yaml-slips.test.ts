// Tests for load/yaml-slips.ts beyond the messages themselves (tests/load/read-yaml.test.ts has each one's exact
// text): a file of nothing but slips is told quickly, once a line.
import { describe, expect, it } from 'vitest';
import { explainSyntaxErrors } from '../../src/load/yaml-slips.ts';

describe('explainSyntaxErrors', () => {
  it('tells a 1 MB file of 150,000 tab-indented lines in one pass, one message a line', () => {
    const text = `a:\n${'\tb: 1\n'.repeat(150_000)}`;
    const errors = Array.from({ length: 150_000 }, (_, i) => ({ line: i + 2, column: 1, message: 'Tabs are not allowed as indentation' }));
    const started = performance.now();
    const told = explainSyntaxErrors(text, [...errors, ...errors]);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(told).toHaveLength(150_000);
    expect(told[149_999]).toEqual({ line: 150_001, column: 1, message: 'YAML indents with spaces only: replace the tab at line 150001 with spaces' });
  });

  it('keeps the parser\'s errors, one a line, when no slip explains them', () => {
    const errors = [
      { line: 2, column: 1, message: 'first' },
      { line: 2, column: 5, message: 'second on the same line' },
      { line: 3, column: 1, message: 'third' },
    ];
    expect(explainSyntaxErrors('a: 1\nb c\nd e\n', errors)).toEqual([errors[0], errors[2]]);
  });
});
