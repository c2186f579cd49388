// Property tests for the evaluate stage through auditFile: a return is judged on what it says, never on how it
// is written. Reordering its keys, changing block to flow style, plain to quoted or block scalars, YAML to JSON,
// or adding a field the format does not know, leaves every rule's result as it was but for line and column;
// a green file stays green. fast-check prints the seed and path of any failure; PROPERTY_SEED and PROPERTY_PATH
// replay it, PROPERTY_RUNS searches harder.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML, { isScalar, LineCounter, type Scalar, type YAMLMap } from 'yaml';
import type { CompiledPack } from '../../src/packs/compile-pack.ts';
import type { FileReport } from '../../src/report/model.ts';
import { emitYaml, expectSound, readsBackAs, shuffled, withoutPositions, workspace, type Seed, type Workspace } from './evidence.ts';

const { PROPERTY_SEED: seed, PROPERTY_PATH: path, PROPERTY_RUNS: runs } = process.env;
const RUNS = { numRuns: Number(runs ?? 150), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, ...(seed ? { seed: Number(seed), ...(path ? { path } : {}) } : {}) };

let ws: Workspace;
const originals = new Map<string, FileReport>();
beforeAll(() => {
  ws = workspace();
  expect(ws.seeds.filter((s) => ws.audit(s, s.text).status === 'green').length).toBeGreaterThanOrEqual(3);
});
afterAll(() => ws.remove());

/** The seed as written, audited once per pack, from the same path its variants are written to. */
function original(seed: Seed, pack: CompiledPack): FileReport {
  const key = `${seed.name} ${pack.id}`;
  if (!originals.has(key)) originals.set(key, ws.audit(seed, seed.text, pack));
  return originals.get(key)!;
}

const packNamed = (id: string) => ws.packs.find((p) => p.id === id)!;
/** Where yaml itself finds the key `name` of the mapping at `path` in `text`. */
function keyAt(text: string, path: (string | number)[], name: string): { line: number; column: number } {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines, version: '1.2', schema: 'core' });
  const map = (path.length ? doc.getIn(path, true) : doc.contents) as YAMLMap;
  const key = map.items.find((p) => isScalar(p.key) && p.key.value === name)!.key as Scalar;
  const { line, col } = lines.linePos(key.range![0]);
  return { line, column: col };
}

const lineCount = (text: string) => text.split('\n').length;

/** Every position in the report is a line of `text`. */
function expectInside(report: FileReport, text: string): void {
  const last = lineCount(text);
  for (const r of report.results) for (const n of [r, ...r.findings, ...r.evidence, ...r.commendations]) expect(n.line, `${r.rule}: ${n.message}`).toBeLessThanOrEqual(last);
  for (const p of [...report.errors, ...report.warnings]) expect(p.line, p.message).toBeLessThanOrEqual(last);
}

describe('the audit judges what a return says, not how it is written', () => {
  it('reordered keys in any YAML style, or as JSON, give the same status and results but for line and column', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ws.seeds), fc.gen(), (s: Seed, g) => {
        const pack = packNamed(g(fc.constantFrom, ...ws.packs.map((p) => p.id)));
        const before = original(s, pack);
        const text = g(fc.boolean) ? emitYaml(s.data, g, { shuffle: true }) : JSON.stringify(shuffled(s.data, g), null, g(fc.constantFrom, 0, 1, 4));
        fc.pre(readsBackAs(text, s.data));
        const after = ws.audit(s, text, pack);
        expectSound(after);
        expectInside(after, text);
        if (before.status === 'green') expect(after.status).toBe('green');
        expect(withoutPositions(after)).toEqual(withoutPositions(before));
      }),
      RUNS,
    );
  });

  it('a field the format does not know is one warning at that field, and changes no result', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ws.seeds), fc.gen(), (s: Seed, g) => {
        const pack = packNamed(g(fc.constantFrom, ...ws.packs.map((p) => p.id)));
        const before = original(s, pack);
        const data = structuredClone(s.data);
        // Any mapping in the file: the top, a section, an item of a list.
        const mappings: [Record<string, unknown>, (string | number)[]][] = [];
        const collect = (node: unknown, at: (string | number)[]) => {
          if (Array.isArray(node)) node.forEach((item, i) => collect(item, [...at, i]));
          else if (node && typeof node === 'object') {
            mappings.push([node as Record<string, unknown>, at]);
            for (const [k, v] of Object.entries(node)) collect(v, [...at, k]);
          }
        };
        collect(data, []);
        const [target, where] = mappings[g(fc.nat, { max: mappings.length - 1 })]!;
        const name = `x-${g(fc.string, { minLength: 1, maxLength: 8, unit: 'grapheme-ascii' })}`;
        // Not null: `field:` with nothing after it is a field left out, not one the audit must mention.
        target[name] = g(() => fc.oneof(fc.string(), fc.integer(), fc.array(fc.boolean(), { maxLength: 2 })));
        const text = emitYaml(data, g);
        fc.pre(readsBackAs(text, data));
        const after = ws.audit(s, text, pack);
        expectSound(after);
        expectInside(after, text);
        expect(after.warnings).toHaveLength(1);
        expect(after.warnings[0]).toMatchObject({ code: 'unknown-key', message: expect.stringContaining(JSON.stringify(name)), ...keyAt(text, where, name) });
        expect(withoutPositions({ ...after, warnings: [] })).toEqual(withoutPositions(before));
      }),
      RUNS,
    );
  });
});
