import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { review } from '../report/review/review-cli.ts';

describe('involve review', () => {
  it('writes the dossier and exits 0, whatever the provider’s status', async () => {
    const r = await review('riverside-recovery');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Contract review · Riverside Recovery Service \(riverside-recovery\) · 2026-Q1 to 2026-Q4\n/);
  });

  it('exits 2 for a provider with no returns, with the nearest id found', async () => {
    const slip = await review('riverside-recovry');
    expect([slip.status, slip.stdout]).toEqual([2, '']);
    expect(slip.stderr).toBe('involve: no returns from riverside-recovry in fixtures/review; did you mean "riverside-recovery"?\n');
    // A provider in the register with no return is still one with nothing to review; the ids found are listed.
    expect((await review('meadow-family-service')).stderr).toBe('involve: no returns from meadow-family-service in fixtures/review (providers found: hillside-outreach, riverside-recovery)\n');
    expect((await review('riverside')).stderr).toContain('did you mean "riverside-recovery"?');
  });

  it('exits 2 for a bad --from or --to', async () => {
    const backwards = await review('riverside-recovery', '--from', '2026-Q4', '--to', '2026-Q1');
    expect([backwards.status, backwards.stderr]).toEqual([2, 'involve: --from 2026-Q4 is after --to 2026-Q1\n']);
    const late = await review('riverside-recovery', '--from', '2027-Q2');
    expect([late.status, late.stderr]).toEqual([2, 'involve: --from 2027-Q2 is after 2026-Q4, the latest quarter found for riverside-recovery\n']);
    const shape = await review('riverside-recovery', '--to', '2026Q4');
    expect(shape.status).toBe(2);
    expect(shape.stderr).toContain("option '--to <quarter>' argument '2026Q4' is invalid. expected a calendar quarter such as 2026-Q3.");
    expect((await review('riverside-recovery', '--format', 'sarif')).status).toBe(2);
    expect((await runCli(['review'])).stderr).toContain("missing required argument 'provider'");
  });

  it('exits 2 for a path that is not there', async () => {
    const r = await runCli(['review', 'riverside-recovery', 'fixtures/no-such-folder']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^involve: .*no-such-folder/);
  });

  it('writes --output atomically and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-review-'));
    try {
      const file = join(dir, 'papers', 'riverside.md');
      const r = await review('riverside-recovery', '--format', 'markdown', '--output', file);
      expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
      expect(readFileSync(file, 'utf8')).toMatch(/^# Riverside Recovery Service \(riverside-recovery\)\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is listed in the help with its formats', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/review \[options\] <provider> \[paths\.\.\.\]/);
    const help = (await runCli(['review', '--help'])).stdout;
    expect(help).toContain('(choices: "markdown", "html", "json", "table", default: "table")');
    expect(help).toContain('Exit status: 0 the dossier was written; 2 it could not be');
  });
});
