// Packs stage: a pack's own tests (as `conftest verify` runs a policy's): evidence files in <pack>/tests/, each
// beside <name>.expected.yaml saying what the pack must make of it, rule by rule.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

const ruleStatus = z.enum(['pass', 'fail', 'warn', 'info', 'skip', 'waived']);

export const expectedSchema = z.strictObject({
  /** The file's RAG status. */
  status: z.enum(['green', 'amber', 'red', 'invalid']).optional(),
  /** Every rule the pack runs, with its status, or its status and a fragment of its message. */
  rules: z.record(z.string(), z.union([ruleStatus, z.strictObject({ status: ruleStatus, message: z.string().optional() })])).default({}),
});
export type Expected = z.infer<typeof expectedSchema>;

export interface PackTestCase {
  name: string;
  evidence: string;
  expected: string;
}

export function packTestCases(packDir: string): PackTestCase[] {
  const dir = join(packDir, 'tests');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !/\.expected\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ name: `tests/${name}`, evidence: join(dir, name), expected: join(dir, name.replace(/\.ya?ml$/, '.expected.yaml')) }));
}
