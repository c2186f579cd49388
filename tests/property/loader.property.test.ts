// Property tests for the load and validate stages through auditFile: random damage to valid evidence files
// (wrong types, missing and extra keys, impossible and boundary dates, hostile keys and text, broken syntax,
// stray bytes) never makes the audit throw; it always ends in a status, and each problem it reports is one plain
// line at a real position. fast-check prints the seed and path of any failure; rerun it with `seed` and `path`
// in fc.assert's options to reproduce it.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML, { LineCounter } from 'yaml';
import { parseYaml } from '../../src/load/read-yaml.ts';
import { showSubject } from '../../src/validate/item-path.ts';
import { emitYaml, expectPlainMessage, expectPosition, expectSound, readsBackAs, workspace, type Seed, type Workspace } from './evidence.ts';

/** PROPERTY_SEED and PROPERTY_PATH replay the failure fast-check reported (its `seed` and `path`). */
function replay(): { seed?: number; path?: string } {
  const { PROPERTY_SEED: seed, PROPERTY_PATH: path } = process.env;
  return seed ? { seed: Number(seed), ...(path ? { path } : {}) } : {};
}

let ws: Workspace;
beforeAll(() => {
  ws = workspace();
  // The example return and the sample's valid returns, from both quarters.
  expect(ws.seeds.length).toBeGreaterThanOrEqual(10);
  expect(ws.seeds.map((s) => s.name)).toContain(join('example', '2026-Q3', 'smart-cjs.yaml'));
});
afterAll(() => ws.remove());
const seedArb = () => fc.constantFrom(...ws.seeds);

// Enough to find what this found in development within a few seconds on two cores, the whole suite well under
// 20 s; PROPERTY_RUNS=5000 searches harder. A failure is shrunk for at most 20 s, then reported as it stands.
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 120), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, endOnFailure: !!process.env.PROPERTY_NO_SHRINK, ...replay() };

// Characters that have broken parsers and reports before: controls C0 and C1, line and paragraph separators,
// BOM, non-characters, lone surrogates, bidirectional overrides, YAML indicators, and some wide ones.
const SPECIAL = [
  '\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009b', '\u00a0', '\u2028', '\u2029', '\u202e', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udfff',
  '"', "'", '\\', ':', ': ', ' #', '- ', '? ', '[', ']', '{', '}', ',', '&a', '*a', '!', '!!str', '|', '>', '%', '@', '`', '---', '...', '<<', 'é', '😀', '\u0301',
];
const char = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);
const text = (maxLength = 12) => fc.array(char, { maxLength }).map((a) => a.join(''));

// First and last days of quarters, leap days real and not, impossible days, and dates in the wrong shape.
const REAL_DATES = ['2026-01-01', '2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01', '2026-12-31', '2024-02-29', '2028-02-29', '2000-02-29', '1900-03-01', '0001-01-01', '9999-12-31'];
const IMPOSSIBLE_DATES = ['2026-02-29', '2026-02-30', '2100-02-29', '1900-02-29', '2026-04-31', '2026-09-31', '2026-13-01', '2026-00-10', '2026-07-00', '2026-07-32'];
const MISSHAPEN_DATES = ['2026-7-1', '20260701', '2026-07-01T00:00:00Z', '01/07/2026', '2026-07-01 ', '２０２６-07-01'];

const scalar = fc.oneof(
  text(),
  fc.constantFrom(...REAL_DATES, ...IMPOSSIBLE_DATES, ...MISSHAPEN_DATES),
  fc.constantFrom('', ' ', 'TBC', 'true', 'no', 'null', '~', '0x10', '010', '1e400', '.nan', '-.inf', '2026-Q3', '2026-Q5', 'involvement-evidence/1', 'smart-cjs'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 0.001, 14.505, 2 ** 53, -0, 1e400),
  fc.boolean(),
  fc.constant(null),
);

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) keysOf(v, into.add(k));
  return into;
}

const isDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

type Container = Record<string, unknown> | unknown[];
/** Every place a value sits in `data`: its container, its key there, and its path from the top. */
function places(data: unknown, path: (string | number)[] = [], into: { container: Container; key: string | number; path: (string | number)[] }[] = []) {
  if (Array.isArray(data)) data.forEach((v, i) => (into.push({ container: data, key: i, path: [...path, i] }), places(v, [...path, i], into)));
  else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      into.push({ container: data as Record<string, unknown>, key: k, path: [...path, k] });
      places(v, [...path, k], into);
    }
  }
  return into;
}
const mappings = (data: unknown): Record<string, unknown>[] => [
  ...(data && typeof data === 'object' && !Array.isArray(data) ? [data as Record<string, unknown>] : []),
  ...places(data).map((p) => p.container[p.key as never] as unknown).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)),
];

/** The same value as another kind of thing: the wrong types providers' tools produce. */
function retyped(value: unknown, g: fc.GeneratorValue): unknown {
  const to = g(fc.constantFrom, 'text', 'number', 'list', 'mapping', 'boolean', 'empty');
  if (to === 'text') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (to === 'number') return typeof value === 'string' ? Number.parseFloat(value) : typeof value === 'number' ? value + 0.5 : 1;
  if (to === 'list') return Array.isArray(value) ? value[0] : [value];
  if (to === 'mapping') return value && typeof value === 'object' ? Object.values(value) : { value };
  if (to === 'boolean') return typeof value === 'string' ? value.length > 0 : !value;
  return null;
}

function mutate(data: Record<string, unknown>, g: fc.GeneratorValue, value: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>): void {
  const all = places(data);
  const op = g(fc.constantFrom, 'replace', 'delete', 'add', 'date', 'retype', 'duplicate');
  if (op === 'add') {
    const maps = mappings(data);
    const target = maps[g(fc.nat, { max: maps.length - 1 })]!;
    Object.defineProperty(target, g(() => key), { value: g(() => value), enumerable: true, configurable: true, writable: true });
    return;
  }
  if (all.length === 0) return;
  const dates = all.filter((p) => isDate(p.container[p.key as never]));
  const at = op === 'date' && dates.length ? dates[g(fc.nat, { max: dates.length - 1 })]! : all[g(fc.nat, { max: all.length - 1 })]!;
  const { container, key: k } = at;
  const current = container[k as never] as unknown;
  if (op === 'delete') {
    if (Array.isArray(container)) container.splice(k as number, 1);
    else delete container[k as string];
  } else if (op === 'duplicate' && Array.isArray(container)) {
    container.splice(k as number, 0, structuredClone(current));
  } else if (op === 'date') {
    (container as Record<string | number, unknown>)[k] = g(fc.constantFrom, ...REAL_DATES, ...IMPOSSIBLE_DATES, ...MISSHAPEN_DATES);
  } else if (op === 'retype') {
    (container as Record<string | number, unknown>)[k] = retyped(current, g);
  } else {
    (container as Record<string | number, unknown>)[k] = g(() => value);
  }
}

describe('auditFile over damaged evidence never throws, and says where and what in one line', () => {
  it('random structural damage, written out in random YAML styles or as JSON, with any of the three packs', () => {
    const known = [...keysOf(ws.seeds.map((s) => s.data))];
    const key = fc.oneof(fc.constantFrom(...known), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '<<', '', ' ', '$schema'), text(8));
    const value = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(
      fc.property(seedArb(), fc.gen(), (seed: Seed, g) => {
        const data = structuredClone(seed.data);
        for (let i = g(fc.integer, { min: 1, max: 4 }); i > 0; i--) mutate(data, g, value, key);
        const written = g(fc.boolean) ? emitYaml(data, g) : JSON.stringify(data, null, g(fc.constantFrom, 0, 2));
        const pack = g(fc.constantFrom, ...ws.packs);
        expectSound(ws.audit(seed, written, pack));
      }),
      RUNS,
    );
  });

  it('random edits to the text: inserted characters, deleted spans, lines duplicated, swapped, reindented or cut short', () => {
    fc.assert(
      fc.property(seedArb(), fc.gen(), (seed: Seed, g) => {
        let source = seed.text;
        for (let i = g(fc.integer, { min: 1, max: 3 }); i > 0; i--) {
          const at = g(fc.nat, { max: source.length });
          const lines = source.split('\n');
          const line = g(fc.nat, { max: lines.length - 1 });
          switch (g(fc.constantFrom, 'insert', 'delete', 'duplicate', 'swap', 'indent', 'truncate')) {
            case 'insert':
              source = source.slice(0, at) + g(() => text(6)) + source.slice(at);
              break;
            case 'delete':
              source = source.slice(0, at) + source.slice(at + g(fc.integer, { min: 1, max: 40 }));
              break;
            case 'duplicate':
              lines.splice(line, 0, lines[line]!);
              source = lines.join('\n');
              break;
            case 'swap': {
              const other = g(fc.nat, { max: lines.length - 1 });
              [lines[line], lines[other]] = [lines[other]!, lines[line]!];
              source = lines.join('\n');
              break;
            }
            case 'indent':
              lines[line] = g(fc.constantFrom, '', ' ', '  ', '\t', '    ') + lines[line]!.trimStart();
              source = lines.join('\n');
              break;
            case 'truncate':
              source = source.slice(0, at);
          }
        }
        const parsed = parseYaml(Buffer.from(source), 'evidence.yaml');
        for (const d of parsed.ok ? parsed.warnings : parsed.errors) {
          expectPlainMessage(d.message, `${d.code}: ${JSON.stringify(d.message)}`);
          expectPosition(d, d.message);
        }
        expectSound(ws.audit(seed, source));
      }),
      RUNS,
    );
  });

  it('stray bytes: byte order marks, invalid UTF-8 and binary spliced into a valid file', () => {
    const BOMS = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0], [0, 0, 0xfe, 0xff]];
    fc.assert(
      fc.property(seedArb(), fc.constantFrom(...BOMS), fc.uint8Array({ maxLength: 16 }), fc.nat(), (seed: Seed, bom, bytes, where) => {
        const text = Buffer.from(seed.text);
        const at = where % (text.length + 1);
        const file = Buffer.concat([Buffer.from(bom), text.subarray(0, at), bytes, text.subarray(at)]);
        expectSound(ws.audit(seed, file));
      }),
      RUNS,
    );
  });
});

describe('found by the properties above: what a provider wrote, quoted in a message', () => {
  // An anchor or alias name, and yaml's "Unexpected … token in YAML stream: <source>", are the provider's text.
  // YAML 1.2 allows U+2028 and U+2029 there (they are not line breaks in 1.2), and the quoted source can run to
  // the end of the file.
  it.each([
    ['an anchor', 'a: &x\u2029 1\n'],
    ['an alias', 'a: &x 1\nb: *x\u2028\n'],
    ['a stray token', '# c\n  a: 1\nb: 2\nc\u2028d: 3\n'],
  ])('%s holding a line separator is shown on one line', (_, source) => {
    const result = parseYaml(Buffer.from(source), 'evidence.yaml');
    expect(result.ok).toBe(false);
    for (const e of result.ok ? [] : result.errors) expectPlainMessage(e.message, e.message);
  });

  it('a stray token is quoted short, not to the end of the file', () => {
    const result = parseYaml(Buffer.from(`  a: 1\nb: 2\n'${'an unclosed quote running on '.repeat(200)}\n`), 'evidence.yaml');
    expect(result.ok).toBe(false);
    for (const e of result.ok ? [] : result.errors) expect(e.message.length, e.message.slice(0, 80)).toBeLessThan(200);
  });
});

describe('dates at and past the edges', () => {
  /** The line and column of the value at `path` in `source`, found by yaml itself. */
  function valueAt(source: string, path: (string | number)[]): { line: number; column: number } {
    const lines = new LineCounter();
    const doc = YAML.parseDocument(source, { lineCounter: lines, version: '1.2', schema: 'core' });
    const node = doc.getIn(path, true) as { range?: [number, number] };
    const { line, col } = lines.linePos(node.range![0]);
    return { line, column: col };
  }

  it('a real date is never refused as a date, an impossible or misshapen one always is, at the value itself, in any style', () => {
    fc.assert(
      fc.property(seedArb(), fc.constantFrom(...REAL_DATES, ...IMPOSSIBLE_DATES, ...MISSHAPEN_DATES), fc.gen(), (seed: Seed, date, g) => {
        const data = structuredClone(seed.data);
        const dates = places(data).filter((p) => isDate(p.container[p.key as never]));
        const { container, key, path } = dates[g(fc.nat, { max: dates.length - 1 })]!;
        (container as Record<string | number, unknown>)[key] = date;
        const source = emitYaml(data, g);
        fc.pre(readsBackAs(source, data));
        const report = ws.audit(seed, source);
        expectSound(report);
        const name = showSubject(path, data);
        const refused = report.errors.filter((e) => e.code === 'invalid-value' && e.message.startsWith(name));
        if (REAL_DATES.includes(date)) {
          expect(refused).toEqual([]);
        } else {
          expect(report.status).toBe('invalid');
          expect(refused).toHaveLength(1);
          expect(refused[0]!.message).toMatch(/must be a (real )?calendar date written YYYY-MM-DD/);
          expect({ line: refused[0]!.line, column: refused[0]!.column }).toEqual(valueAt(source, path));
        }
      }),
      RUNS,
    );
  });
});
