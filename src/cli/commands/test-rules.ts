// CLI command `involve test-rules PACK...`: runs each pack's own tests and says, case by case, where the pack
// and its expectations part. The counterpart of `conftest verify`.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { auditFile } from '../../audit-file.ts';
import { formatDiagnostic } from '../../diagnostic.ts';
import { compilePack, type CompiledPack } from '../../packs/compile-pack.ts';
import { loadPack, PackError, readDefinition, type Located } from '../../packs/load-pack.ts';
import { expectedSchema, missingNotes, packTestCases, type Expected, type PackTestCase } from '../../packs/pack-tests.ts';
import type { FileReport } from '../../report/model.ts';
import { didYouMean } from '../../validate/did-you-mean.ts';
import type { Io } from '../io.ts';

/** An expected result for a rule the pack does not run, located in the expectations file, with the pack's rule ids. */
function unknownRule(id: string, { file, positions }: Located<Expected>, pack: CompiledPack): string {
  const ruleIds = pack.rules.map((r) => r.id);
  const suggestion = didYouMean(id, ruleIds);
  const why = pack.off.includes(id) ? ' (it is off in this pack)' : suggestion ? `; did you mean "${suggestion}"?` : ` (its rules: ${ruleIds.join(', ')})`;
  return formatDiagnostic({ code: 'unknown-rule', severity: 'error', message: `${id}: the pack runs no such rule${why}`, file, ...positions.locate(['rules', id], 'key') });
}

function mismatches(report: FileReport, located: Located<Expected>, pack: CompiledPack): string[] {
  const expected = located.definition;
  const ruleIds = pack.rules.map((r) => r.id);
  const out: string[] = [];
  if (expected.status && expected.status !== report.status) out.push(`the file: expected ${expected.status}, got ${report.status}`);
  if (report.status === 'invalid' && expected.status !== 'invalid') out.push(`the file did not load: ${report.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  // Said even of a file expected not to load: the expectations name a rule the pack lacks.
  for (const id of Object.keys(expected.rules)) if (!ruleIds.includes(id)) out.push(unknownRule(id, located, pack));
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
      for (const warning of pack.warnings ?? []) io.stderr.write(`${formatDiagnostic(warning)}\n`);
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
    for (const c of cases) {
      let problems: string[];
      if (!existsSync(c.expected)) problems = [`no expected results: write ${c.name.replace(/\.ya?ml$/, '.expected.yaml')}`];
      else {
        try {
          const expected = readDefinition(c.expected, io.cwd, expectedSchema, 'expected');
          const report = auditFile({ file: c.name, absolute: c.evidence, root: dirname(c.evidence) }, pack);
          problems = mismatches(report, expected, pack);
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
