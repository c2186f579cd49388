// The bench script on a tiny repository: it runs end to end and reports every measurement docs/speed.md quotes.
// Its figures are not checked here (timing belongs to the bench, never to a test); only that it still works.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'involve-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('measures floors, the audit, the trend, start-up and stages, and writes its results', () => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
  const printed = execFileSync(process.execPath, ['scripts/bench.mjs', '--files', '20', '--runs', '1', '--startup-runs', '1'], {
    cwd: repo,
    env: { ...process.env, INVOLVE_BENCH_DIR: dir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const row of ['(a) floor', '(b) floor', '`involve audit --format json`', '`involve trend --format json`', 'trend page', '`involve audit FILE`', 'whole: auditFile + JSON', 'audit of one file within']) {
    expect(printed).toContain(row);
  }
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { sizes: { files: number; audited: Record<string, number> }[] };
  expect(results.sizes.map((s) => s.files)).toEqual([20]);
  const { green, amber, red, invalid } = results.sizes[0]!.audited;
  expect(green! + amber! + red! + invalid!).toBe(20);
}, 180_000);
