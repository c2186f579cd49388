// The rule tester: every rule of every shipped pack over the small evidence files in fixtures/rules/<rule-id>/,
// through the real loader, validator and pack compiler. cases.yaml beside the files says what each shows, by meaning:
// the rule's status, and its notes by message id with data, never fragments of wording (issue 10).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { auditFile } from '../src/audit-file.ts';
import { compilePack, type CompiledPack } from '../src/packs/compile-pack.ts';
import { loadPack } from '../src/packs/load-pack.ts';
import { expectedNotesSchema, missingNotes } from '../src/packs/pack-tests.ts';

const root = join(import.meta.dirname, '..', 'fixtures', 'rules');
// Strict, so a case written in the old form (a `message` fragment) or with a misspelt key fails loudly.
const ruleCasesSchema = z.strictObject({
  /** Pack to run the rule under; default core. */
  pack: z.string().optional(),
  cases: z.array(
    expectedNotesSchema.extend({
      file: z.string(),
      /** The rule's expected status, or `invalid` when the file must not load. */
      status: z.enum(['pass', 'fail', 'warn', 'info', 'skip', 'invalid']),
      /** The line of the result (or of the file's first error). */
      line: z.int().optional(),
      /** For an invalid file: a fragment of its first error (the format's errors are not a rule's messages). */
      error: z.string().optional(),
    }),
  ),
});
export type RuleCases = z.infer<typeof ruleCasesSchema>;
export const readCases = (folder: string): RuleCases => ruleCasesSchema.parse(parse(readFileSync(join(root, folder, 'cases.yaml'), 'utf8')));

const packs = new Map<string, CompiledPack>();
const packFor = (id: string) => packs.get(id) ?? packs.set(id, compilePack(loadPack(id, process.cwd()))).get(id)!;

export const ruleFolders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

it('finds the rule fixtures, each with its cases', () => {
  expect(ruleFolders.length).toBeGreaterThan(10);
  for (const folder of ruleFolders) expect(readCases(folder).cases.length, folder).toBeGreaterThan(0);
});

// A folder is named for its rule; `<rule-id>@<pack>` holds that pack's variant of a rule (its cases.yaml names the pack).
for (const folder of ruleFolders) {
  const [ruleId, packSuffix] = folder.split('@') as [string, string | undefined];
  const spec = readCases(folder);
  if (packSuffix && spec.pack !== packSuffix) throw new Error(`fixtures/rules/${folder}/cases.yaml must say pack: ${packSuffix}`);
  describe(`rule ${ruleId} (${spec.pack ?? 'core'})`, () => {
    for (const c of spec.cases) {
      it(`${c.file} → ${c.status}`, () => {
        const file = `fixtures/rules/${folder}/${c.file}`;
        const report = auditFile({ file, absolute: join(root, folder, c.file), root: join(root, folder) }, packFor(spec.pack ?? 'core'));
        if (c.status === 'invalid') {
          expect(report.status).toBe('invalid');
          if (c.error) expect(report.errors[0]?.message).toContain(c.error);
          if (c.line) expect(report.errors[0]?.line).toBe(c.line);
          return;
        }
        expect(report.errors).toEqual([]);
        const result = report.results.find((r) => r.rule === ruleId);
        expect(result, `rule ${ruleId} produced no result`).toBeDefined();
        expect({ status: result!.status, message: result!.message }).toMatchObject({ status: c.status });
        if (c.line) expect(result!.line).toBe(c.line);
        expect(missingNotes(c, result!)).toEqual([]);
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
