// The ordinary-file reader (ordinary-yaml.ts) gives what yaml's Composer gives, over real, generated and mutated YAML.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceFile, random, type Random } from '../../scripts/bench/generate.mjs';
import { readOrdinary } from '../../src/load/ordinary-yaml.ts';
import type { KeyPath } from '../../src/load/positions.ts';
import { DEFAULT_LIMITS, parseYaml, type ReadResult } from '../../src/load/read-yaml.ts';
import { suiteCases } from './yaml-test-suite.ts';

const repo = join(import.meta.dirname, '..', '..');

/** Every YAML file under a folder of the repository, as a path from the repository's root with `/` between folders. */
function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(repo, dir))) {
    const path = join(repo, dir, name);
    if (name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) yamlFiles(`${dir}/${name}`, out);
    else if (/\.ya?ml$/.test(name)) out.push(`${dir}/${name}`);
  }
  return out;
}

/** Values with their key order, prototypes, -0, NaN and infinities told apart (JSON would hide them). */
function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? '' : '!proto';
    return `{${proto}${Object.keys(value).map((k) => `${JSON.stringify(k)}:${show((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return `${typeof value}:${String(value)}`;
}

function pathsOf(value: unknown, path: KeyPath = [], out: KeyPath[] = []): KeyPath[] {
  out.push(path, [...path, 'missing'], [...path, 0], [...path, 99]);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

function same(fast: ReadResult, composed: ReadResult, label: string): void {
  expect(fast.ok, label).toBe(composed.ok);
  if (!fast.ok || !composed.ok) {
    expect(fast, label).toEqual(composed);
    return;
  }
  expect(show(fast.data), label).toBe(show(composed.data));
  expect(fast.warnings, label).toEqual(composed.warnings);
  for (const path of pathsOf(composed.data)) {
    for (const target of ['key', 'value'] as const) {
      expect(fast.positions.locate(path, target), `${label} ${JSON.stringify(path)} ${target}`).toEqual(composed.positions.locate(path, target));
    }
  }
}

const takesOrdinaryPath = (text: string): boolean => readOrdinary(text, DEFAULT_LIMITS.maxDepth) !== undefined;

const check = (text: string, label: string) => {
  const bytes = Buffer.from(text);
  same(parseYaml(bytes, 'f.yaml', DEFAULT_LIMITS), parseYaml(bytes, 'f.yaml', DEFAULT_LIMITS, { composeAlways: true }), label);
};

const PIECES = [':', ': ', '-', '- ', ' ', '  ', '\n', '#', ' #', '"', "'", '[', ']', '{', '}', ',', ', ', '&a ', '*a', '!x ', '? ', '|', '>', '%', '@', '`', 'x', '0', '~', 'null', '0x1F', '1e3', '.nan', '__proto__: 1\n', '\t', '\r\n', '---\n', '...\n', '\\'];

function mutate(text: string, rng: Random): string {
  const lines = text.split('\n');
  const at = rng.int(0, text.length);
  switch (rng.int(0, 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + rng.int(1, 3));
    case 1:
    case 2:
      return text.slice(0, at) + rng.pick(PIECES) + text.slice(at);
    case 3: {
      const i = rng.int(0, lines.length - 1);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 4: {
      const i = rng.int(0, lines.length - 1);
      lines[i] = rng.chance(0.5) ? ` ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    case 5: {
      lines.splice(rng.int(0, lines.length - 1), 1);
      return lines.join('\n');
    }
    default: {
      const i = rng.int(0, lines.length - 1);
      const j = rng.int(0, lines.length - 1);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

const files = [...yamlFiles('fixtures'), ...yamlFiles('rules')];
const read = (file: string) => readFileSync(join(repo, file), 'utf8');
const rng = random(7);
const generated = Array.from({ length: 150 }, (_, i) => evidenceFile(rng, `provider-${i}`, `Provider ${i}`, ['2026-Q2', '2026-Q3'][i % 2]!).text);

describe('the ordinary-file path gives what the Composer gives', () => {
  it('finds every YAML file of the fixtures, the example return and the rule packs', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('fixtures/examples/2026-Q3/smart-cjs.yaml');
    expect(files.filter((f) => f.startsWith('rules/')).length).toBeGreaterThan(10);
  });

  it.each(files)('%s', (file) => check(read(file), file));

  it('over bench-like generated returns, most of which it takes', () => {
    let taken = 0;
    for (const [i, text] of generated.entries()) {
      check(text, `generated ${i}`);
      if (takesOrdinaryPath(text)) taken++;
    }
    expect(taken).toBeGreaterThan(generated.length * 0.8);
  });

  it('over the sample evidence, which it takes', () => {
    const sample = files.filter((f) => f.startsWith('fixtures/sample/'));
    expect(sample.length).toBeGreaterThan(10);
    for (const f of sample) expect(takesOrdinaryPath(read(f)), f).toBe(true);
  });

  // Every form the core schema resolves, and near misses that stay text, as a value, a list item and in flow.
  const SCALARS = ['~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'no', 'on', 'off', 'y', '0', '-0', '+0', '007', '+12', '-12', '0o17', '0o8', '0O17', '0x1F', '0x1g', '0X1F', '0b101', '1_000', '123456789012345678901234567890', '1.', '-1.5', '+.5', '.5', '1.0e3', '1e3', '-1E-3', '.5e+2', '1e', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '-.nan', '.Nan', '2026-09-31', '12:30', '10:30-11:00', '£4.50', '-x', '-1x', 'a#b', 'a # b', 'x-', '50%', 'é', '"quoted"', "'it''s'", "''", '""', "'a # b'", '"a: b"'];

  it.each(['value: %s\n', 'list:\n  - %s\n', 'flow: [%s, %s]\n', 'map: {a: %s}\n'])('takes every scalar of the core schema in %j as yaml reads it', (template) => {
    for (const scalar of SCALARS) {
      const text = `id: x\n${template.replaceAll('%s', scalar)}`;
      check(text, text);
      // In a flow collection, `#` may start a comment and `:` a key; yaml decides those.
      if (!(template.includes('[') || template.includes('{')) || !/[#:]/.test(scalar)) expect(takesOrdinaryPath(text), text).toBe(true);
    }
  });

  it.each([
    ['a sequence at its key\'s indentation', 'list:\n- a\n- b\nnext: 1\n'],
    ['mappings in a sequence, with comments and blank lines between', 'list:\n  # first\n  - a: 1\n    b: [x, y]   # flow\n\n  -   c: 2\n      # inside\n      d: \'q\'\nafter: 2\n'],
    ['a document start line', '# header\n---\na: 1\n'],
    ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n  - y # c\r\n'],
    ['literal and folded block scalars, kept and stripped', 'a: |\n  one\n  #two\nb: >-\n  three\n  four\n\n\nc: |-\n  five\nd: >\n  six\n'],
    ['empty flow collections and nesting', 'a: []\nb: {}\nc: [[1, 2], {k: [v]}]\n'],
    ['a last line without a line break', 'a:\n  b: 1'],
    ['a block scalar on the last line, without a line break', 'a: |\n  x'],
    ['comments indented past the values above them', 'a: b\n    # c\nl:\n- "x"\n  # d\n- [y]\n      # e\n'],
  ])('takes %s as yaml reads it', (_, text) => {
    check(text, text);
    expect(takesOrdinaryPath(text), text).toBe(true);
  });

  it.each([
    ['keys the core schema reads as null or true', 'null: 1\nTRUE: 2\ntrue: 3\n'],
    ['a blank line inside a block scalar', 'a: |\n  x\n\n  y\nb: >\n  x\n\n  y\n'],
    ['spaces on a blank line inside a block scalar', 'a: |\n  x\n    \n  y\n'],
    ['a more indented line in a block scalar', 'a: >\n  x\n    y\n  z\n'],
    ['an indented first mapping', '  a: 1\n  b: 2\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a document end', 'a: 1\n...\n'],
    ['an escape', 'a: "x\\ty"\n'],
  ])('agrees with yaml on %s', (_, text) => check(text, text));

  it('stops at a missing key, even when the path names an existing key again further on', () => {
    const { positions } = readOrdinary('a:\n  b: 1\n', DEFAULT_LIMITS.maxDepth)!;
    expect(positions.locate(['a', 'x', 'a'], 'value')).toEqual({ line: 1, column: 1 });
    expect(positions.locate(['a', 'b', 'b'], 'value')).toEqual({ line: 2, column: 3 });
    expect(positions.locate(['a', 'b'], 'value')).toEqual({ line: 2, column: 6 });
  });

  it('judges a configured depth limit as yaml\'s path does, whatever the limit', () => {
    // Blocks, compact items and flow lists nested to every depth up to 12, in each of the shapes the reader takes.
    const nested = (depth: number, inner: string) => {
      let text = inner;
      for (let d = depth; d > 0; d--) text = d % 2 ? `k${d}:\n${indent(text)}` : `- ${text.replace(/\n(?!$)/g, '\n  ')}`;
      return text.startsWith('-') ? `top:\n${indent(text)}` : text;
    };
    const indent = (text: string) => text.replace(/^(?=.)/gm, '  ');
    for (let depth = 1; depth <= 12; depth++) {
      for (const inner of ['a: 1\n', 'a: [x, [y, {z: 1}]]\n', '- a: 1\n  b: 2\n']) {
        const text = nested(depth, inner);
        for (let maxDepth = 1; maxDepth <= 20; maxDepth++) {
          const limits = { ...DEFAULT_LIMITS, maxDepth };
          const [fast, composed] = [parseYaml(Buffer.from(text), 'f.yaml', limits), parseYaml(Buffer.from(text), 'f.yaml', limits, { composeAlways: true })];
          expect(fast.ok, `max ${maxDepth}:\n${text}`).toBe(composed.ok);
        }
      }
    }
  });

  it('over the YAML test suite: every input and every form the suite emits it back in', () => {
    const texts = new Map<string, string>();
    for (const c of suiteCases) for (const form of ['yaml', 'dump', 'emit'] as const) if (c[form] !== undefined && !texts.has(c[form])) texts.set(c[form], `${c.id} ${form}`);
    // The 402 inputs with the suite's out.yaml and emit.yaml files come to 647 different texts.
    expect(suiteCases).toHaveLength(402);
    expect(texts.size).toBe(647);
    for (const [text, label] of texts) check(text, label);
  });

  it('over 3,000 seeded mutations of evidence files', () => {
    const bases = [...files.filter((f) => f.startsWith('fixtures/')).map(read), ...generated.slice(0, 20)];
    const mutations = random(11);
    let taken = 0;
    for (let n = 0; n < 3000; n++) {
      let text = mutations.pick(bases);
      for (let k = mutations.int(1, 3); k > 0; k--) text = mutate(text, mutations);
      check(text, `mutation ${n}: ${JSON.stringify(text.slice(0, 4000))}`);
      if (takesOrdinaryPath(text)) taken++;
    }
    // Most mutants are still ordinary files, so the comparison is not only of refusals.
    expect(taken).toBeGreaterThan(500);
  });
});
