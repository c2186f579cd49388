// Helpers for the property tests: the valid evidence files to start from, a scratch copy of their folders to
// write variants into (never the repository), random YAML styles, and the invariants every audit must keep.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { expect } from 'vitest';
import YAML, { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { auditFile } from '../../src/audit-file.ts';
import { compilePack, type CompiledPack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import type { Diagnostic } from '../../src/diagnostic.ts';
import type { FileProblem, FileReport } from '../../src/report/model.ts';

export const repo = join(import.meta.dirname, '..', '..');
const sources = [join(repo, 'fixtures', 'examples'), join(repo, 'fixtures', 'sample')];

export interface Seed {
  /** Where it lives in the scratch copy, e.g. sample/2026-Q3/notts-cjs.yaml. */
  name: string;
  text: string;
  data: Record<string, unknown>;
}

export interface Workspace {
  seeds: Seed[];
  packs: CompiledPack[];
  /** Audits `text` as a file beside `seed` (so its attachments resolve), with every pack given. */
  audit(seed: Seed, text: string | Uint8Array, pack?: CompiledPack): FileReport;
  remove(): void;
}

/** A scratch copy of the example return and the sample, and the seeds in it that audit without errors. */
export function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'involve-property-'));
  cpSync(sources[0]!, join(root, 'example'), { recursive: true });
  cpSync(sources[1]!, join(root, 'sample'), { recursive: true });
  const packs = ['core', 'nottingham-cdp-2015', 'oxfordshire-daat-2009'].map((id) => compilePack(loadPack(id, repo)));
  const audit = (seed: Seed, text: string | Uint8Array, pack = packs[0]!) => {
    const absolute = join(root, dirname(seed.name), `~variant-${basename(seed.name)}`);
    writeFileSync(absolute, text);
    return auditFile({ file: relative(root, absolute), absolute, root }, pack);
  };
  const seeds: Seed[] = [];
  for (const top of ['example', 'sample']) {
    for (const name of (readdirSync(join(root, top), { recursive: true }) as string[]).filter((n) => n.endsWith('.yaml')).sort()) {
      const path = join(root, top, name);
      const report = auditFile({ file: relative(root, path), absolute: path, root }, packs[0]!);
      if (report.status === 'invalid' || report.warnings.length > 0) continue;
      const text = readFileSync(path, 'utf8');
      const seed: Seed = { name: relative(root, path), text, data: YAML.parse(text) as Record<string, unknown> };
      // A counterexample names the seed instead of printing its whole text.
      Object.defineProperty(seed, fc.toStringMethod, { value: () => `seed(${seed.name})` });
      seeds.push(seed);
    }
  }
  return { seeds, packs, audit, remove: () => rmSync(root, { recursive: true, force: true }) };
}

type Gen = fc.GeneratorValue;

/**
 * `data` as YAML text in a style drawn from `g`: each collection block or flow, each string plain, single- or
 * double-quoted, literal or folded (yaml falls back to a quoted style where the one asked for cannot hold the
 * value), with a random indent and line width. Keys are reordered first when `shuffle` is set.
 */
export function emitYaml(data: unknown, g: Gen, { shuffle = false }: { shuffle?: boolean } = {}): string {
  const doc = new YAML.Document(shuffle ? shuffled(data, g) : data, { version: '1.2' });
  const STYLES = [Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED] as const;
  YAML.visit(doc, {
    Map(_, node) {
      node.flow = g(fc.boolean);
    },
    Seq(_, node) {
      node.flow = g(fc.boolean);
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && g(fc.boolean)) pair.key.type = g(fc.constantFrom, Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE);
    },
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string') node.type = g(fc.constantFrom, ...STYLES);
    },
  });
  if (!isMap(doc.contents) && !isSeq(doc.contents)) return doc.toString();
  return doc.toString({
    indent: g(fc.integer, { min: 1, max: 4 }),
    indentSeq: g(fc.boolean),
    // Not narrower: below about 40 yaml's folding writes text it reads back differently (yaml 2.9.1).
    lineWidth: g(fc.constantFrom, 0, 40, 80),
    flowCollectionPadding: g(fc.boolean),
  });
}

/**
 * Whether `text` reads back as `data`. yaml's emitter can write what its parser refuses (a long plain scalar
 * folded inside a flow sequence at a narrow line width), which says nothing about our loader, so a property
 * about meaning skips those texts.
 */
export function readsBackAs(text: string, data: unknown): boolean {
  try {
    return isDeepStrictEqual(YAML.parse(text, { version: '1.2', schema: 'core' }), data);
  } catch {
    return false;
  }
}

/** A deep copy with every mapping's keys in an order drawn from `g`; lists keep theirs. */
export function shuffled(data: unknown, g: Gen): unknown {
  if (Array.isArray(data)) return data.map((d) => shuffled(d, g));
  if (data && typeof data === 'object') {
    const keys = Object.keys(data);
    const order = keys.length < 2 ? keys : g(fc.shuffledSubarray, keys, { minLength: keys.length, maxLength: keys.length });
    return Object.fromEntries(order.map((k) => [k, shuffled((data as Record<string, unknown>)[k], g)]));
  }
  return data;
}

/** The report less every line and column: what must not change when only the layout of the file does. */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'line' && k !== 'column').map(([k, v]) => [k, withoutPositions(v)]));
  }
  return value;
}

const STATUSES = ['green', 'amber', 'red', 'invalid'];
const RESULT_STATUSES = ['pass', 'fail', 'warn', 'info', 'skip', 'waived'];

// Every Unicode line terminator (UAX #14 mandatory breaks): LF, VT, FF, CR, NEL, LS, PS.
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;

/** A message a person reads on one line: no line break, no stack, no "undefined", no [object Object]. */
export function expectPlainMessage(message: unknown, where: string): void {
  expect(typeof message, where).toBe('string');
  expect((message as string).length, where).toBeGreaterThan(0);
  expect(message, where).not.toMatch(LINE_BREAK);
  // `!!js/undefined` is a tag a provider wrote; a bare `undefined` is our own slip.
  expect(message, where).not.toMatch(/(?<![/\w])undefined\b|\bat \S+:\d+:\d+|\[object Object\]/);
}

export function expectPosition(at: { line: number; column: number }, where: string): void {
  expect(Number.isInteger(at.line) && at.line >= 1, `${where}: line ${at.line}`).toBe(true);
  expect(Number.isInteger(at.column) && at.column >= 1, `${where}: column ${at.column}`).toBe(true);
}

/** What every audit of any input must be: a status, and each problem one located plain line. */
export function expectSound(report: FileReport): void {
  expect(STATUSES).toContain(report.status);
  const problems: (FileProblem | Diagnostic)[] = [...report.errors, ...report.warnings];
  for (const p of problems) {
    // auditFile turns a throw into this code; any of them is a crash caught, so a bug.
    expect(p.code, p.message).not.toBe('internal-error');
    expectPlainMessage(p.message, `${p.code}: ${JSON.stringify(p.message)}`);
    expectPosition(p, `${p.code}: ${p.message}`);
  }
  if (report.status === 'invalid') {
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.results).toEqual([]);
  } else {
    expect(report.errors).toEqual([]);
  }
  for (const r of report.results) {
    expect(RESULT_STATUSES).toContain(r.status);
    for (const n of [r, ...r.findings, ...r.evidence, ...r.commendations]) expectPosition(n, `${r.rule}: ${n.message}`);
  }
  // Every report can be written as JSON: no cycle, no BigInt.
  expect(() => JSON.stringify(report)).not.toThrow();
}
