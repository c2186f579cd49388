import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/formats/index.ts';
import { join } from 'node:path';
import { auditFile } from '../../src/audit-file.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import { redactPersonalData } from '../../src/report/redact.ts';
import type { FileReport } from '../../src/report/model.ts';
import { repo, runCli } from '../cli/run-cli.ts';

const file = 'fixtures/rules/no-personal-data/fail-nhs-number-spaced.yaml';

describe('personal data in a report', () => {
  it.each(FORMAT_NAMES)('never reaches the %s report, whichever rule quotes it', async (format) => {
    const r = await runCli(['audit', file, '--format', format]);
    expect(r.stdout).not.toMatch(/943\s?476\s?5919/);
    expect(r.stdout).toContain('NHS number');
  });

  it('is replaced where another rule quoted it', async () => {
    const r = await runCli(['audit', file, '--format', 'json']);
    const surveys = JSON.parse(r.stdout).files[0].results.find((x: { rule: string }) => x.rule === 'surveys-conducted');
    expect(surveys.message).toContain('"Follow-up call with client [personal data removed]"');
  });

  it('is replaced in the data a message was filled from, and the finding names only the field and the kind', () => {
    const report = auditFile({ file, absolute: join(repo, file), root: join(repo, 'fixtures') }, compilePack(loadPack('core', repo)));
    const counted = report.results.find((x) => x.rule === 'surveys-conducted')!.evidence.find((e) => e.id === 'counted')!;
    expect(counted.data.title).toBe('Follow-up call with client [personal data removed]');
    expect(report.results.find((x) => x.rule === 'no-personal-data')!.findings.map((f) => f.data)).toEqual([{ field: '"title" in surveys, item 1', kind: 'an NHS number' }]);
  });

  it('is removed from the errors of a file that did not validate', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'involve-pd-'));
    writeFileSync(join(dir, 'x.yaml'), 'format: involvement-evidence/1\nprovider: {id: x, name: X}\nperiod: 2026-Q3\nsubmitted: {on: 2026-10-07, by: S}\nladder:\n  - rung: "943 476 5919"\n');
    const r = await runCli(['audit', dir, '--format', 'json']);
    expect(r.stdout).toContain('[personal data removed]');
    expect(r.stdout).not.toContain('5919');
  });
});

describe("a volunteer's name where a reference belongs", () => {
  const named = 'fixtures/rules/no-personal-data/fail-name-in-reference.yaml';

  it.each(FORMAT_NAMES)('never reaches the %s report, and the finding says what a reference is', async (format) => {
    const r = await runCli(['audit', named, '--format', format]);
    expect(r.stdout).not.toMatch(/Dave|Hughes/);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('must be a reference such as V-014 (letters, digits and hyphens with at least one digit), not a name');
  });

  it('is a no-personal-data failure naming the field, and is removed from the expenses rule that quoted it', () => {
    const report = auditFile({ file: named, absolute: join(repo, named), root: join(repo, 'fixtures') }, compilePack(loadPack('core', repo)));
    const guard = report.results.find((x) => x.rule === 'no-personal-data')!;
    expect(guard.status).toBe('fail');
    expect(guard.message).toBe('"volunteer" in volunteer_expenses.claims, item 2 must be a reference such as V-014 (letters, digits and hyphens with at least one digit), not a name');
    const paid = report.results.find((x) => x.rule === 'expenses-reimbursed')!.evidence.map((e) => e.message);
    expect(paid).toEqual([
      'the expenses policy covers travel',
      'V-014: £14.60 claimed on 2026-07-12, paid in full after 8 days',
      '[personal data removed]: £14.60 claimed on 2026-07-13, paid in full after 7 days',
    ]);
  });

  it('is removed where it stands as words, leaving words it is only part of', () => {
    const file = { file: 'f.yaml', provider: 'p', period: '2026-Q3', status: 'red', errors: [], warnings: [], results: [] } as unknown as FileReport;
    const said = { ...file, errors: [{ code: 'c', message: 'Sample survey; Sam: £4.00 claimed; Sam-related', line: 1, column: 1 }] };
    const redacted = redactPersonalData(said, [{ kind: 'a name', text: 'Sam', path: [] }]);
    expect(redacted.errors[0]!.message).toBe('Sample survey; [personal data removed]: £4.00 claimed; [personal data removed]-related');
  });
});
