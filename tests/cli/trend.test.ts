// `involve trend` end to end, in-process: what it writes and its exit status (docs/command-line.md).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Trend } from '../../src/report/trend/model.ts';
import { runCli } from './run-cli.ts';

const RETURNS = 'fixtures/trend/returns';
const AS_OF = ['--as-of', '2026-11-01'];
const out = mkdtempSync(join(tmpdir(), 'involve-trend-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('involve trend', () => {
  it('prints the table of every quarter found, by the config found above the returns, and exits 0', async () => {
    const r = await runCli(['trend', RETURNS, ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Involvement trend · pack trend-test \(Involvement over a year\), version 2026-09 \(hash [0-9a-f]{12}\) · Q2 2025\/26 to Q2 2026\/27\n/);
    expect(r.stdout).toContain('  hillview · levels-evidenced: failing for 4 quarters, since Q3 2025/26 (no result in Q1 2026/27)\n');
  });

  it('exits 0 with red providers in it: --fail-on belongs to audit', async () => {
    expect((await runCli(['trend', RETURNS, ...AS_OF, '--fail-on', 'red'])).status).toBe(2);
    expect((await runCli(['trend', RETURNS, ...AS_OF, '--format', 'json'])).status).toBe(0);
  });

  it('keeps to --from and --to, and writes any format to --output', async () => {
    const file = join(out, 'trend.json');
    const r = await runCli(['trend', RETURNS, ...AS_OF, '--from', '2025-Q4', '--to', '2026-Q4', '--format', 'json', '--output', file]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    const trend = JSON.parse(readFileSync(file, 'utf8')) as Trend;
    expect(trend.quarters.map((q) => q.period)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(trend.providers.find((p) => p.provider === 'riverside')!.statuses).toEqual(['green', 'green', 'green', 'red', 'none']);
  });

  it('labels quarters by the calendar without the config', async () => {
    const r = await runCli(['trend', RETURNS, ...AS_OF, '--no-config', '--rules', 'fixtures/trend/pack', '--format', 'markdown']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Involvement trend: Involvement over a year, 2025-Q3 to 2026-Q3\n/);
  });

  it('names the pack version in every format', async () => {
    for (const format of ['table', 'markdown', 'html']) expect((await runCli(['trend', RETURNS, ...AS_OF, '--format', format])).stdout).toContain('version 2026-09 (hash ');
  });
});

describe('involve trend, usage errors (exit 2)', () => {
  it('refuses a quarter that is not one, and --from after --to', async () => {
    const bad = await runCli(['trend', RETURNS, '--from', '2026-Q5']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("option '--from <quarter>' argument '2026-Q5' is invalid. expected a calendar quarter such as 2026-Q3.");
    const backwards = await runCli(['trend', RETURNS, '--from', '2026-Q3', '--to', '2026-Q1']);
    expect([backwards.status, backwards.stderr]).toEqual([2, 'involve: --from 2026-Q3 is after --to 2026-Q1\n']);
  });

  it('says when nothing was found, in the words audit uses', async () => {
    const none = await runCli(['trend', RETURNS, '--from', '2030-Q1', ...AS_OF]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('involve: no evidence files (*.yaml, *.yml) found for 2030-Q1 or later in fixtures/trend/returns (the 18 files found are for other quarters); check the path and the quarters\n');
    const missing = await runCli(['trend', 'no/such/folder']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^involve: .*no\/such\/folder/);
    const empty = mkdtempSync(join(out, 'empty-'));
    const nothing = await runCli(['trend', empty, '--no-config']);
    expect([nothing.status, nothing.stderr]).toEqual([2, `involve: no evidence files (*.yaml, *.yml) found in ${empty}; check the path\n`]);
  });

  it('refuses an unknown pack before auditing anything', async () => {
    const r = await runCli(['trend', RETURNS, '--rules', 'no-such-pack']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nothing was audited');
  });
});
