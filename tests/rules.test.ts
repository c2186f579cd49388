// The rule tester: every rule of every shipped pack over the small evidence files in fixtures/rules/<rule-id>/,
// through the real loader, validator and pack compiler. cases.yaml beside the files says what each shows.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { auditFile } from '../src/audit-file.ts';
import { compilePack, type CompiledPack } from '../src/packs/compile-pack.ts';
import { loadPack } from '../src/packs/load-pack.ts';

export interface RuleCase {
  file: string;
  /** The rule's expected status, or `invalid` when the file must not load. */
  status: 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'invalid';
  /** A fragment the result's message (or the file's first error) must contain. */
  message?: string;
  line?: number;
  /** A fragment one of the evidence entries (what satisfied the rule) must contain. */
  evidence?: string;
  /** A fragment one of the commendations must contain. */
  commendation?: string;
}

export interface RuleCases {
  /** Pack to run the rule under; default core. */
  pack?: string;
  cases: RuleCase[];
}

const root = join(import.meta.dirname, '..', 'fixtures', 'rules');
const packs = new Map<string, CompiledPack>();
const packFor = (id: string) => packs.get(id) ?? packs.set(id, compilePack(loadPack(id, process.cwd()))).get(id)!;

export const ruleFolders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

it('finds the rule fixtures, each with its cases', () => {
  expect(ruleFolders.length).toBeGreaterThan(10);
  for (const folder of ruleFolders) expect((parse(readFileSync(join(root, folder, 'cases.yaml'), 'utf8')) as RuleCases).cases.length, folder).toBeGreaterThan(0);
});

// A folder is named for its rule; `<rule-id>@<pack>` holds that pack's variant of a rule (its cases.yaml names the pack).
for (const folder of ruleFolders) {
  const [ruleId, packSuffix] = folder.split('@') as [string, string | undefined];
  const spec = parse(readFileSync(join(root, folder, 'cases.yaml'), 'utf8')) as RuleCases;
  if (packSuffix && spec.pack !== packSuffix) throw new Error(`fixtures/rules/${folder}/cases.yaml must say pack: ${packSuffix}`);
  describe(`rule ${ruleId} (${spec.pack ?? 'core'})`, () => {
    for (const c of spec.cases) {
      it(`${c.file} → ${c.status}`, () => {
        const file = `fixtures/rules/${folder}/${c.file}`;
        const report = auditFile({ file, absolute: join(root, folder, c.file), root: join(root, folder) }, packFor(spec.pack ?? 'core'));
        if (c.status === 'invalid') {
          expect(report.status).toBe('invalid');
          if (c.message) expect(report.errors[0]?.message).toContain(c.message);
          if (c.line) expect(report.errors[0]?.line).toBe(c.line);
          return;
        }
        expect(report.errors).toEqual([]);
        const result = report.results.find((r) => r.rule === ruleId);
        expect(result, `rule ${ruleId} produced no result`).toBeDefined();
        expect({ status: result!.status, message: result!.message }).toMatchObject({ status: c.status });
        if (c.message) expect(result!.message).toContain(c.message);
        if (c.line) expect(result!.line).toBe(c.line);
        if (c.evidence) expect(result!.evidence.map((e) => e.message).join('\n')).toContain(c.evidence);
        if (c.commendation) expect(result!.commendations.map((e) => e.message).join('\n')).toContain(c.commendation);
        // A template naming a placeholder the check never supplies prints "(not given)"; in a passing
        // result the evidence is all there, so that can only be a broken template.
        for (const text of [result!.message, ...result!.findings.map((f) => f.message)]) expect(text).not.toMatch(/\{\{|\}\}/);
        if (c.status === 'pass') {
          for (const text of [result!.message, ...result!.evidence.map((e) => e.message)]) expect(text).not.toContain('(not given)');
        }
      });
    }
  });
}
