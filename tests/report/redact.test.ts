import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/formats/index.ts';
import { join } from 'node:path';
import { auditFile } from '../../src/audit-file.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
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
