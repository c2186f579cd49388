// CLI command `involve test-rules PACK...`: runs each pack's own tests and says, case by case, where the pack
// and its expectations part. The counterpart of `conftest verify`.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { auditFile } from '../../audit-file.ts';
import { formatDiagnostic } from '../../diagnostic.ts';
import { compilePack } from '../../packs/compile-pack.ts';
import { loadPack, PackError, readDefinition } from '../../packs/load-pack.ts';
import { expectedSchema, missingNotes, packTestCases, type Expected, type PackTestCase } from '../../packs/pack-tests.ts';
import type { FileReport } from '../../report/model.ts';
import type { Io } from '../io.ts';

function mismatches(report: FileReport, expected: Expected, ruleIds: string[]): string[] {
  const out: string[] = [];
  if (expected.status && expected.status !== report.status) out.push(`the file: expected ${expected.status}, got ${report.status}`);
  if (report.status === 'invalid' && expected.status !== 'invalid') out.push(`the file did not load: ${report.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  if (report.status === 'invalid') return out;
  for (const id of ruleIds) {
    const want = Object.hasOwn(expected.rules, id) ? expected.rules[id] : undefined;
    const got = report.results.find((r) => r.rule === id)!;
    if (want === undefined) {
      out.push(`${id}: no expected result is given (it gave ${got.status})`);
      continue;
    }
    const { status, ...notes } = typeof want === 'string' ? { status: want } : want;
    if (status !== got.status) out.push(`${id}: expected ${status}, got ${got.status} ("${got.message}")`);
    else out.push(...missingNotes(notes, got).map((line) => `${id}: ${line}`));
  }
  for (const id of Object.keys(expected.rules)) if (!ruleIds.includes(id)) out.push(`${id}: the pack runs no such rule`);
  return out;
}

export function testRules(packs: string[], io: Io): number {
  let passed = 0;
  let failed = 0;
  for (const ref of packs) {
    let cases: PackTestCase[];
    let pack;
    try {
      const loaded = loadPack(ref, io.cwd);
      pack = compilePack(loaded);
      cases = packTestCases(loaded.dir);
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      return 2;
    }
    if (cases.length === 0) {
      io.stderr.write(`involve: pack ${pack.id} has no tests: put evidence files and their .expected.yaml in its tests/ folder\n`);
      return 2;
    }
    io.stdout.write(`Pack ${pack.id}: ${cases.length} test case${cases.length === 1 ? '' : 's'}\n`);
    const ruleIds = pack.rules.map((r) => r.id);
    for (const c of cases) {
      let problems: string[];
      if (!existsSync(c.expected)) problems = [`no expected results: write ${c.name.replace(/\.ya?ml$/, '.expected.yaml')}`];
      else {
        try {
          const expected = readDefinition(c.expected, io.cwd, expectedSchema, 'expected').definition;
          const report = auditFile({ file: c.name, absolute: c.evidence, root: dirname(c.evidence) }, pack);
          problems = mismatches(report, expected, ruleIds);
        } catch (error) {
          if (!(error instanceof PackError)) throw error;
          problems = error.diagnostics.map(formatDiagnostic);
        }
      }
      if (problems.length === 0) passed++;
      else failed++;
      io.stdout.write(`  ${problems.length === 0 ? '✓' : '✗'} ${c.name}\n${problems.map((p) => `      ${p}\n`).join('')}`);
    }
  }
  // The closing line CI systems read: "N passed, N failed".
  io.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
