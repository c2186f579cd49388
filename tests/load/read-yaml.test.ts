// Tests for load/read-yaml.ts: every hostile-input trap that its guards answer becomes a
// located, one-line error (or a clean load), never a throw. Deep inputs also go through the built CLI in a
// child process, because a failed depth guard can abort V8 itself, which no in-process test survives.
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostic.ts';
import { DEFAULT_LIMITS, parseYaml, type ReadResult } from '../../src/load/read-yaml.ts';
import { suiteCases } from './yaml-test-suite.ts';

const repo = join(import.meta.dirname, '..', '..');
const example = join(repo, 'fixtures', 'examples', '2026-Q3', 'smart-cjs.yaml');

const HEADER = [
  'format: involvement-evidence/1',
  'provider:',
  '  id: smart-cjs',
  '  name: SMART Criminal Justice Service',
  'period: 2026-Q3',
  'submitted:',
  '  on: 2026-10-07',
  '  by: Sam Patel, Service Manager',
].join('\n');

const parse = (source: string | Uint8Array, limits = DEFAULT_LIMITS): ReadResult =>
  parseYaml(typeof source === 'string' ? Buffer.from(source, 'utf8') : source, 'evidence.yaml', limits);

/** A message a provider reads on one line: no newline, no stack, no "undefined", a real position. */
function expectPlain(d: Diagnostic): void {
  expect(d.message).not.toMatch(/[\r\n]/);
  // `!!js/undefined` is a tag a provider wrote; a bare `undefined` is our own slip.
  expect(d.message).not.toMatch(/(?<![/\w])undefined\b|\bat .+:\d+:\d+|\[object Object\]/);
  expect(d.message.length).toBeGreaterThan(10);
  expect(d.line).toBeGreaterThanOrEqual(1);
  expect(d.column).toBeGreaterThanOrEqual(1);
  expect(d.file).toBe('evidence.yaml');
}

/** The first error of a file that must not load, checked for shape. */
function firstError(result: ReadResult): Diagnostic {
  expect(result.ok, 'expected the file to be refused').toBe(false);
  if (result.ok) throw new Error('unreachable');
  for (const e of result.errors) expectPlain(e);
  return result.errors[0]!;
}

function loaded(result: ReadResult): Extract<ReadResult, { ok: true }> {
  if (!result.ok) expect.fail(`expected the file to load, got ${JSON.stringify(result.errors)}`);
  return result;
}

const flowDeep = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n);
// Every `"]"` is a string; a scanner that counts characters sees the brackets cancel out.
const quotedBracketDeep = (n: number) => '["]",'.repeat(n) + '1' + ']'.repeat(n);
const compactDeep = (n: number) => `name:\n  ${'- '.repeat(n)}x\n`;

describe('parseYaml: a good file', () => {
  it('loads the example return with no errors and no warnings', () => {
    const result = loaded(parse(readFileSync(example)));
    expect(result.warnings).toEqual([]);
    expect(result.data.format).toBe('involvement-evidence/1');
    // Core schema: dates stay the text written, never a Date shifted by a time zone.
    expect((result.data.submitted as { on: unknown }).on).toBe('2026-10-07');
  });

  it('reads dates quoted and unquoted as the same text', () => {
    const result = loaded(parse(`a: 2026-07-01\nb: "2026-07-01"\nc: '2026-07-01'\n`));
    expect(result.data).toEqual({ a: '2026-07-01', b: '2026-07-01', c: '2026-07-01' });
  });

  it('keeps YAML 1.1 words and octals as the text and numbers YAML 1.2 gives', () => {
    const result = loaded(parse('a: no\nb: yes\nc: 010\nd: 0o10\ne: 0x10\nf: ~\n'));
    expect(result.data).toEqual({ a: 'no', b: 'yes', c: 10, d: 8, e: 16, f: null });
  });

  it('loads JSON, which is YAML 1.2', () => {
    expect(loaded(parse('{"format": "involvement-evidence/1", "ladder": [{"rung": 1}]}')).data).toEqual({
      format: 'involvement-evidence/1',
      ladder: [{ rung: 1 }],
    });
  });

  it('accepts a document end marker and a leading document start', () => {
    expect(loaded(parse('---\na: 1\n...\n')).data).toEqual({ a: 1 });
  });

  it('reads CRLF line ends', () => {
    expect(loaded(parse('a: 1\r\nb:\r\n  - x\r\n')).data).toEqual({ a: 1, b: ['x'] });
  });
});

describe('parseYaml: encodings', () => {
  const text = `${HEADER}\nladder:\n  - rung: 1\n    activity: Café leaflets — “all rooms”\n`;

  it('strips a UTF-8 byte order mark', () => {
    const result = loaded(parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])));
    expect(Object.keys(result.data)[0]).toBe('format');
  });

  it('decodes UTF-16 LE and BE with a byte order mark to the same data as UTF-8', () => {
    const utf8 = loaded(parse(text)).data;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(loaded(parse(le)).data).toEqual(utf8);
    expect(loaded(parse(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).data).toEqual(utf8);
  });

  it('locates an error in a UTF-16 file by character, not byte', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\nperiod: 2026-Q2\n`, 'utf16le')]);
    expect(firstError(parse(le))).toMatchObject({ code: 'duplicate-key', line: 9, column: 1 });
  });

  it.each([
    ['UTF-32 LE', [0xff, 0xfe, 0x00, 0x00], 'utf32le'],
    ['UTF-32 BE', [0x00, 0x00, 0xfe, 0xff], 'utf32be'],
  ])('refuses %s with "save it as UTF-8"', (_name, bom) => {
    const bytes = Buffer.concat([Buffer.from(bom), Buffer.from('a\0\0\0:\0\0\0')]);
    const error = firstError(parse(bytes));
    expect(error).toMatchObject({ code: 'encoding', line: 1, column: 1 });
    expect(error.message).toContain('UTF-32');
    expect(error.message).toContain('save it as UTF-8');
  });

  it('refuses UTF-16 without a byte order mark at its first NUL', () => {
    expect(firstError(parse(Buffer.from('a: 1\n', 'utf16le')))).toMatchObject({ code: 'control-character', line: 1, column: 2 });
  });

  it.each([
    ['a stray 0xFF', [0xff], 'byte 0xFF at line 2 is probably a ÿ saved from Excel or Word: save the file as UTF-8'],
    ['a lone continuation byte', [0x80], 'byte 0x80 at line 2 is probably a € saved from Excel or Word: save the file as UTF-8'],
    ['an overlong NUL (C0 80)', [0xc0, 0x80], 'byte 0xC0 at line 2 is probably an À saved from Excel or Word: save the file as UTF-8'],
    ['an overlong slash (E0 80 AF)', [0xe0, 0x80, 0xaf], 'byte 0xE0 at line 2 is probably an à saved from Excel or Word: save the file as UTF-8'],
    ['an encoded UTF-16 surrogate (ED A0 80)', [0xed, 0xa0, 0x80], 'byte 0xED at line 2 is probably an í saved from Excel or Word: save the file as UTF-8'],
    ['a code point past U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], 'byte 0xF4 at line 2 is probably an ô saved from Excel or Word: save the file as UTF-8'],
    ['a sequence cut short by the line end', [0xe2, 0x82], 'byte 0xE2 at line 2 is probably an â saved from Excel or Word: save the file as UTF-8'],
    ['a byte Windows-1252 leaves unassigned', [0x81], 'byte 0x81 at line 2 is not text in UTF-8 or Windows-1252: save the file as UTF-8'],
    ['a no-break space', [0xa0], 'byte 0xA0 at line 2 is probably a no-break space saved from Excel or Word: save the file as UTF-8'],
  ])('refuses invalid UTF-8 (%s) at the bad byte, naming what it likely was', (_name, bad, message) => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: x'), Buffer.from(bad), Buffer.from('\nc: 2\n')]);
    const result = parse(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(formatDiagnostic)).toEqual([`evidence.yaml:2:5: error: ${message}`]);
  });

  it.each([
    [0xa3, '£', 'a £'],
    [0x80, '€', 'a €'],
    [0x92, '’', 'a ’'],
    [0x93, '“', 'a “'],
    [0x94, '”', 'a ”'],
    [0x96, '–', 'a –'],
    [0x97, '—', 'a —'],
    [0xe9, 'é', 'an é'],
    [0x85, '…', 'a …'],
  ])('reads byte %d as Windows-1252 (%s) and names it', (byte, char, named) => {
    const result = parse(Buffer.concat([Buffer.from('a: 1\nnote: Tea '), Buffer.from([byte]), Buffer.from('\n')]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatDiagnostic)).toEqual([
      `evidence.yaml:2:11: error: byte 0x${byte.toString(16).toUpperCase()} at line 2 is probably ${named} saved from Excel or Word: save the file as UTF-8`,
    ]);
    expect(result.readable?.data).toEqual({ a: 1, note: `Tea ${char}` });
  });

  it('keeps the UTF-8 text around a stray byte, and reports the other errors of the file too', () => {
    const result = parse(Buffer.concat([Buffer.from('title: Café “Hub”\nfee: '), Buffer.from([0xa3]), Buffer.from('5\n\tnote: x\n')]));
    expect(!result.ok && result.errors.map(formatDiagnostic)).toEqual([
      'evidence.yaml:2:6: error: byte 0xA3 at line 2 is probably a £ saved from Excel or Word: save the file as UTF-8',
      'evidence.yaml:3:1: error: YAML indents with spaces only: replace the tab at line 3 with spaces',
    ]);
  });

  it('counts the column of a bad byte in characters when multi-byte text comes before it', () => {
    const bytes = Buffer.concat([Buffer.from('name: Café “Hub”\nb: é'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(firstError(parse(bytes))).toMatchObject({ code: 'encoding', line: 2, column: 5 });
  });

  it('refuses invalid UTF-8 at the very end of the file', () => {
    expect(firstError(parse(Buffer.concat([Buffer.from('a: 1\nb: '), Buffer.from([0xf0, 0x9f])])))).toMatchObject({
      code: 'encoding',
      line: 2,
      column: 4,
    });
  });
});

describe('parseYaml: control characters', () => {
  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['BEL', '\u0007', 'U+0007'],
    ['ESC (terminal escape)', '\u001b[2J', 'U+001B'],
    ['DEL', '\u007f', 'U+007F'],
    ['C1 CSI', '\u009b31m', 'U+009B'],
  ])('refuses %s with its code point, line and column', (_name, control, code) => {
    const error = firstError(parse(`a: 1\nname: "Jo${control}"\n`));
    expect(error).toMatchObject({ code: 'control-character', line: 2, column: 10 });
    expect(error.message).toContain(code);
  });

  it('allows tab inside a value and CR before LF', () => {
    expect(loaded(parse('a: "x\ty"\r\nb: 1\r\n')).data).toEqual({ a: 'x\ty', b: 1 });
  });
});

describe('parseYaml: depth, refused before the yaml parser runs', () => {
  it('refuses 100,000-deep flow nesting at the level past the limit', () => {
    const error = firstError(parse(`a: ${flowDeep(100_000)}\n`));
    // indentation level 1 + the `:` indicator + 63 brackets = 65 > 64
    expect(error).toMatchObject({ code: 'too-deep', line: 1, column: 4 + 62 });
    expect(error.message).toBe('nesting is deeper than 64 levels; an evidence file needs fewer than 10');
  });

  it('refuses 100,000-deep flow mappings', () => {
    const source = `${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`;
    expect(firstError(parse(source)).code).toBe('too-deep');
  });

  it('refuses 100,000 compact sequences on one line (the CST parser overflows on these)', () => {
    // indentation levels 0 and 2, the `:` of line 1 is gone: 2 + 63 dashes = 65
    expect(firstError(parse(compactDeep(100_000)))).toMatchObject({ code: 'too-deep', line: 2, column: 3 + 62 * 2 });
  });

  it('refuses deep nesting hidden behind quoted brackets ("]" inside strings)', () => {
    expect(firstError(parse(`ladder: ${quotedBracketDeep(100_000)}\n`))).toMatchObject({ code: 'too-deep', line: 1, column: 9 + 62 * 5 });
  });

  it('refuses deep nesting in the second document too', () => {
    expect(firstError(parse(`a: 1\n---\n${quotedBracketDeep(5000)}\n`))).toMatchObject({ code: 'too-deep', line: 3 });
  });

  it('refuses deep indentation', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    expect(firstError(parse(`${lines.join('\n')} 1\n`))).toMatchObject({ code: 'too-deep', line: 64 });
  });

  it('accepts nesting at the limit and refuses one level more', () => {
    // indentation 1 + `:` 1 + 62 brackets = 64
    expect(parse(`a: ${flowDeep(62)}\n`).ok).toBe(true);
    expect(firstError(parse(`a: ${flowDeep(63)}\n`)).code).toBe('too-deep');
    expect(firstError(parse('a:\n  b:\n    c: 1\n', { ...DEFAULT_LIMITS, maxDepth: 3 }))).toMatchObject({ code: 'too-deep', line: 3 });
  });

  it('does not count brackets and dashes inside scalars', () => {
    const many = '['.repeat(100);
    expect(parse(`title: "${many}"\nnote: '${many}'\n`).ok).toBe(true);
    expect(parse(`note: |\n  ${many}\n  ${'- '.repeat(100)}x\nnext: 1\n`).ok).toBe(true);
    expect(parse(`note: >\n  ${many}\n`).ok).toBe(true);
    expect(parse(`title: a plain title\n  continued ${many}\n`).ok).toBe(true);
    // Unclosed brackets in plain text, one per line, never add up.
    expect(parse(Array.from({ length: 100 }, (_, i) => `k${i}: see [${i}`).join('\n')).ok).toBe(true);
  });
});

describe('parseYaml: the slips people make, in words, without the errors that follow from them', () => {
  const errorsOf = (source: string) => {
    const result = parse(source);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.errors.map(formatDiagnostic);
  };

  it.each([
    [
      'a tab indenting a line, not its three parser errors',
      'surveys:\n  - title: A\n\tkind: satisfaction\n    respondents: 3\n',
      ['evidence.yaml:3:1: error: YAML indents with spaces only: replace the tab at line 3 with spaces'],
    ],
    [
      'a tab after spaces, and one after a dash',
      'a:\n  b: 1\n  \tc: 2\nd:\n  -\te: 3\n',
      [
        'evidence.yaml:3:3: error: YAML indents with spaces only: replace the tab at line 3 with spaces',
        'evidence.yaml:5:4: error: YAML indents with spaces only: replace the tab at line 5 with spaces',
      ],
    ],
    [
      'a list under a key that already has [] (the waiver example uncommented)',
      'pack: core\nwaivers: []\n#  - provider: x\n  - provider: smart-cjs\n    rule: charter-displayed\n',
      ['evidence.yaml:4:3: error: `waivers:` already has a value on line 2 (`[]`); remove `[]` to give it the list below'],
    ],
    [
      'a list at the key\'s own indentation under a key with a value',
      'ladder: none\n- rung: 1\n',
      ['evidence.yaml:2:1: error: `ladder:` already has a value on line 1 (`none`); remove `none` to give it the list below'],
    ],
    [
      'fields under a key that already has a value',
      'provider: SMART\n  id: smart-cjs\n  name: SMART\n',
      ['evidence.yaml:2:3: error: `provider:` already has a value on line 1 (`SMART`); remove `SMART` to give it the fields below, or move this line back to line up with `provider:`'],
    ],
    [
      'a missing space after a colon',
      'format: x\nperiod:2026-Q3\nsubmitted:\n  on:2026-10-07\n  by: X\n',
      [
        'evidence.yaml:2:8: error: a space is missing after `period:`; write `period: 2026-Q3`',
        'evidence.yaml:4:6: error: a space is missing after `on:`; write `on: 2026-10-07`',
      ],
    ],
    [
      'an unclosed double quote, at the quote rather than the end of the file',
      'a: 1\nname: "SMART Service\nperiod: 2026-Q3\nb: 2\n',
      ['evidence.yaml:2:7: error: the " that opens this value is never closed; add a closing " at the end of the value'],
    ],
    [
      'an unclosed single quote',
      "a: 1\nname: 'SMART Service\nperiod: 2026-Q3\n",
      ["evidence.yaml:2:7: error: the ' that opens this value is never closed; add a closing ' at the end of the value"],
    ],
    [
      'an apostrophe inside single quotes',
      "a: 1\nname: 'Sam's service'\nb: 2\n",
      ['evidence.yaml:2:11: error: the \' after "Sam" ends the quoted value early; write it as \'\', or quote the value with " instead'],
    ],
    [
      'a double quote inside double quotes',
      'name: "The "best" service"\n',
      ['evidence.yaml:1:12: error: the " after "The " ends the quoted value early; write it as \\", or quote the value with \' instead'],
    ],
    [
      'a colon and a space inside a plain value',
      'a: 1\ntitle: Survey: results # autumn\nb: 2\n',
      ['evidence.yaml:2:8: error: the value of `title:` holds a colon and a space, which YAML reads as another key; put the value in quotes: `title: "Survey: results"`'],
    ],
    [
      'an unclosed [ list, at the [ rather than the next line',
      'a: [1,\n  2]\nb: [3, "4]"\nc: 1\n',
      ['evidence.yaml:3:4: error: the [ that opens this list is never closed; add ] at its end'],
    ],
    [
      'an unclosed { mapping',
      'a: {x: 1\nb: 3\n',
      ['evidence.yaml:1:4: error: the { that opens this mapping is never closed; add } at its end'],
    ],
  ])('%s', (_name, source, expected) => {
    expect(errorsOf(source)).toEqual(expected);
  });

  it('keeps a parser error before the first slip, once for its line', () => {
    expect(errorsOf('a:\n  b: 1\n c: 2\nd:\n\te: 1\n')).toEqual([
      'evidence.yaml:3:1: error: All mapping items must start at the same column',
      'evidence.yaml:5:1: error: YAML indents with spaces only: replace the tab at line 5 with spaces',
    ]);
  });

  it('does not take a legal tab, quote or colon for a slip', () => {
    expect(loaded(parse('a:\tx\nb: "two\n  lines"\nc: http://example.org\nd: see:this\n')).data).toEqual({ a: 'x', b: 'two lines', c: 'http://example.org', d: 'see:this' });
  });
});

describe('parseYaml: YAML features evidence never needs', () => {
  it('reports a tab used as indentation', () => {
    expect(firstError(parse(`${HEADER}\ninvolvement_lead:\n\tname: Jo\n`))).toMatchObject({ code: 'yaml-syntax', line: 10, column: 1 });
  });

  it('reports a duplicate key at the second one', () => {
    const error = firstError(parse(`${HEADER}\nperiod: 2026-Q2\n`));
    expect(error).toMatchObject({ code: 'duplicate-key', line: 9, column: 1 });
    expect(error.message).toBe('duplicate key "period": it is already at line 5, column 1; keep one');
  });

  it('reports an implicit key over 1024 characters', () => {
    expect(firstError(parse(`${'k'.repeat(1100)}: 1\n`))).toMatchObject({ code: 'yaml-syntax', line: 1, column: 1 });
  });

  it('reports an alias at the alias and an anchor at the &', () => {
    const result = parse('a: &x 1\nb: *x\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ code, line, column, message }) => ({ code, line, column, message }))).toEqual([
      { code: 'alias', line: 1, column: 4, message: 'YAML anchors (&x) are not allowed in evidence; remove it' },
      { code: 'alias', line: 2, column: 4, message: 'YAML aliases (*x) are not allowed in evidence; write the value out' },
    ]);
  });

  it('reports an anchor on a block mapping at the &, on the line above the mapping', () => {
    expect(firstError(parse('a: &x\n  b: 1\n'))).toMatchObject({ code: 'alias', line: 1, column: 4 });
  });

  it('reports an anchor and a tag on one node each at its own column', () => {
    const result = parse('x: !!str a\ny: &x !!map\n  b: 1\n');
    expect(result.ok === false && result.errors.map(({ code, line, column }) => `${code} ${line}:${column}`)).toEqual(['tag 1:4', 'alias 2:4', 'tag 2:7']);
  });

  it('refuses a self-referencing alias instead of building a cyclic object', () => {
    const result = parse('provider: &p\n  parent: *p\n');
    expect(firstError(result)).toMatchObject({ code: 'alias', line: 1, column: 11 });
  });

  it('refuses billion laughs quickly, without expanding it', () => {
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const started = performance.now();
    expect(firstError(parse(levels.join('\n'))).code).toBe('alias');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('does not merge `<<` keys (YAML 1.1), and refuses the alias they need', () => {
    expect(loaded(parse('a:\n  <<: {b: 1}\n')).data).toEqual({ a: { '<<': { b: 1 } } });
    expect(firstError(parse('base: &b {x: 1}\na:\n  <<: *b\n')).code).toBe('alias');
  });

  it.each([
    ['!!js/function "function () {}"', '!!js/function'],
    ['!!js/undefined ""', '!!js/undefined'],
    ['!!python/object/apply:os.system ["ls"]', '!!python/object/apply:os.system'],
    ['!!timestamp 2026-02-30', '!!timestamp'],
    ['!!binary aGVsbG8=', '!!binary'],
    ['!!set {a, b}', '!!set'],
    ['!!omap [a: 1]', '!!omap'],
    ['!!str 2026-07-01', '!!str'],
    ['!include other.yaml', '!include'],
    ['!<tag:example.com,2026:x> y', 'tag:example.com,2026:x'],
  ])('refuses the tag in `name: %s` at the tag, naming it as written', (value, shown) => {
    const error = firstError(parse(`a: 1\nname: ${value}\n`));
    expect(error).toMatchObject({ code: 'tag', line: 2, column: 7 });
    expect(error.message).toBe(`YAML tags (${shown}) are not allowed in evidence; remove the tag`);
  });

  it('keeps 2026-02-30 an impossible date under a %YAML 1.1 directive, not 2 March', () => {
    const result = loaded(parse('%YAML 1.1\n---\ndate: 2026-02-30\nflag: no\nn: 010\n'));
    expect(result.data).toEqual({ date: '2026-02-30', flag: 'no', n: 10 });
  });

  it('turns a yaml warning into a located warning, and the file still loads', () => {
    const result = loaded(parse('%FOO bar\n---\na: 1\n'));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'yaml-warning', severity: 'warning', line: 1, column: 1, message: 'Unknown directive %FOO' });
  });

  it('prints no process warning for a collection used as a key', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      loaded(parse('? [a, b]\n: 1\n'));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('stores __proto__ as an own key and changes no prototype', () => {
    const result = loaded(parse('__proto__:\n  polluted: true\n'));
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(Object.keys(result.data)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads .nan and .inf as numbers, for the validator to refuse', () => {
    expect(loaded(parse('a: .nan\nb: -.inf\nc: 1e400\n')).data).toEqual({ a: NaN, b: -Infinity, c: Infinity });
  });
});

describe('parseYaml: not one mapping', () => {
  it.each([
    ['an empty file', ''],
    ['only whitespace', '  \n\n'],
    ['only comments', '# one\n  # two\n'],
    ['only a directive', '%YAML 1.2\n'],
  ])('reports no document for %s at 1:1', (_name, source) => {
    const error = firstError(parse(source));
    expect(error).toMatchObject({ code: 'no-document', line: 1, column: 1 });
    expect(error.message).toBe('the file is empty or holds only comments; expected the fields of an evidence file (format:, provider:, period:, …)');
  });

  it('reports a second document at its ---', () => {
    expect(firstError(parse(`${HEADER}\n---\n${HEADER}\n`))).toMatchObject({ code: 'multiple-documents', line: 9, column: 1 });
  });

  it.each([
    ['a list', '# a list\n- a\n- b\n', 2, 1],
    ['a scalar', 'just text\n', 1, 1],
    ['a number', '42\n', 1, 1],
    ['a bare ---', '---\n', 1, 4],
  ])('reports %s as not a mapping where it starts', (_name, source, line, column) => {
    const error = firstError(parse(source));
    expect(error).toMatchObject({ code: 'not-a-mapping', line, column });
  });

  it('reports a syntax error, not "not a mapping", when the file is broken', () => {
    const result = parse('a: [1, 2\nb: 3\n');
    expect(firstError(result).code).toBe('yaml-syntax');
    if (!result.ok) expect(result.errors.map((e) => e.code)).not.toContain('not-a-mapping');
  });
});

describe('parseYaml: limits', () => {
  it('refuses bytes over the size limit before decoding', () => {
    const error = firstError(parse('a: 1\n'.repeat(10), { ...DEFAULT_LIMITS, maxBytes: 20 }));
    expect(error).toMatchObject({ code: 'file-too-large', line: 1, column: 1 });
    expect(error.message).toBe('the file is 50 bytes; the limit is 20 (evidence files are a few KB)');
  });
});

describe('parseYaml: the kind of file, named in its messages', () => {
  it.each([
    ['evidence', 'evidence files', 'an evidence file (format:, provider:, period:, …)'],
    ['config', 'config files', 'a config file (pack:, fail_on:, waivers:, …)'],
    ['pack', 'rule pack files', 'a pack.yaml (id:, title:, version:, …)'],
    ['rule', 'rule pack files', 'a rule file (id:, title:, severity:, check:, …)'],
    ['register', 'rule pack files', 'an obligations.yaml (obligations:)'],
    ['expected', 'expected results', "a pack test's expected results (status:, rules:)"],
  ] as const)('%s', (kind, plural, fields) => {
    const said = (source: string, limits = DEFAULT_LIMITS) => {
      const result = parseYaml(Buffer.from(source), 'f.yaml', limits, { kind });
      return result.ok ? [] : result.errors.map((e) => e.message);
    };
    expect(said('a: 1\n'.repeat(10), { ...DEFAULT_LIMITS, maxBytes: 20 })).toEqual([`the file is 50 bytes; the limit is 20 (${plural} are a few KB)`]);
    expect(said('# only a comment\n')).toEqual([`the file is empty or holds only comments; expected the fields of ${fields}`]);
  });
});

describe('parseYaml over the YAML test suite (data release 2022-01-17)', () => {
  it('holds all 402 cases', () => {
    expect(suiteCases).toHaveLength(402);
    expect(suiteCases.filter((c) => c.fail)).toHaveLength(94);
  });

  it.each(suiteCases)('$id: no throw, every diagnostic on one line at a real position', ({ yaml, fail }) => {
    const result = parse(yaml);
    for (const d of result.ok ? result.warnings : result.errors) expectPlain(d);
    // Every case the suite says must not parse is refused; of the two yaml itself lets through, 9MMA (a
    // directive and no document) is "no document" here and SF5V (a repeated %YAML) holds an empty document.
    if (fail) expect(result.ok).toBe(false);
  });
});

describe('deep files through the built CLI, in a child process', () => {
  let dir: string;
  beforeAll(() => {
    // bin/involve.js runs dist/; rebuild when src/ is newer.
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), 'involve-deep-'));
    mkdirSync(join(dir, '2026-Q3'));
    cpSync(dirname(example), join(dir, '2026-Q3'), { recursive: true });
    const deep: Record<string, string> = {
      'deep-flow.yaml': `ladder: ${flowDeep(100_000)}\n`,
      'deep-compact.yaml': compactDeep(100_000),
      'deep-two-documents.yaml': `${flowDeep(5000)}\n---\n${flowDeep(5000)}\n`,
      'deep-quoted-brackets.yaml': `a: 1\n---\n${quotedBracketDeep(5000)}\n---\n${quotedBracketDeep(5000)}\n`,
    };
    for (const [name, text] of Object.entries(deep)) writeFileSync(join(dir, '2026-Q3', name), text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 (not a signal), audits the good file green and refuses each deep file as too deep', () => {
    const run = spawnSync(process.execPath, [join(repo, 'bin', 'involve.js'), 'audit', '.', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { file: string; status: string; errors: { code: string; line: number }[] }[] };
    const byFile = new Map(report.files.map((f) => [f.file, f]));
    expect(byFile.get('2026-Q3/smart-cjs.yaml')?.status).toBe('green');
    for (const name of ['deep-flow', 'deep-compact', 'deep-two-documents', 'deep-quoted-brackets']) {
      const file = byFile.get(`2026-Q3/${name}.yaml`);
      expect(file?.status, name).toBe('invalid');
      expect(file?.errors.map((e) => e.code), name).toEqual(['too-deep']);
    }
  });
});
