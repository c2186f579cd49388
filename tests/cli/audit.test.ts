import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.ts';
import { examples, repo, runCli, spawnCli } from './run-cli.ts';

const json = async (args: string[]) => {
  const r = await runCli([...args, '--format', 'json']);
  return { ...r, report: JSON.parse(r.stdout) as Report };
};

describe('involve audit', () => {
  it('audits the example return green under core, exit 0', async () => {
    const { status, report } = await json(['audit', examples, '--rules', 'core']);
    expect(status).toBe(0);
    expect(report.summary).toEqual({ files: 1, red: 0, amber: 0, green: 1, invalid: 0, waived: 0, missing: 0 });
  });

  it('has exactly the stable JSON fields of the spec', async () => {
    const { report } = await json(['audit', 'fixtures/sample/2026-Q3/trent-house-rehab.yaml']);
    const [file] = report.files;
    expect(file).toMatchObject({ file: 'fixtures/sample/2026-Q3/trent-house-rehab.yaml', provider: 'trent-house-rehab', period: '2026-Q3', status: 'red', errors: [] });
    const charter = file!.results.find((r) => r.rule === 'charter-displayed')!;
    expect(charter).toMatchObject({ pack: 'core', severity: 'required', status: 'fail', citation: { document: expect.any(String), section: expect.any(String) } });
    expect(charter.message).toContain('9 of the 10 rooms');
    expect(charter.line).toBeGreaterThan(1);
    expect(charter.column).toBeGreaterThan(0);
  });

  it('names the evidence that satisfied a passing rule, with its line', async () => {
    const { report } = await json(['audit', examples]);
    const ladder = report.files[0]!.results.find((r) => r.rule === 'ladder-rungs-evidenced')!;
    expect(ladder.evidence.map((e) => e.message)).toEqual([
      expect.stringContaining('rung 1 (Information)'),
      expect.stringContaining('rung 2 (Positive Contributions)'),
      expect.stringContaining('rung 3 (Consultation)'),
      expect.stringContaining('rung 4 (Representation)'),
      expect.stringContaining('rung 5 (Decision Sharing)'),
    ]);
    expect(ladder.evidence[3]!.line).toBe(72); // "- rung: 4" in smart-cjs.yaml
    expect(ladder.commendations[0]!.message).toContain('rung 6 (Implementing)');
    const charter = report.files[0]!.results.find((r) => r.rule === 'charter-displayed')!;
    expect(charter.evidence.map((e) => e.message)).toEqual([
      expect.any(String),
      'Oxford hub: charter in 6 of 6 rooms, checked 2026-09-14',
      'Banbury outreach: charter in 2 of 2 rooms, checked 2026-09-15',
    ]);
  });

  it('reports an invalid file and still audits the others', async () => {
    const { status, report } = await json(['audit', 'fixtures/sample/2026-Q3']);
    expect(status).toBe(1);
    // The sample's register expects notts-street-outreach's last return too (fixtures/sample/involve.config.yaml).
    expect(report.summary).toEqual({ files: 9, green: 3, amber: 2, red: 3, invalid: 1, waived: 0, missing: 1 });
    const invalid = report.files.find((f) => f.status === 'invalid')!;
    expect(invalid.results).toEqual([]);
    expect(invalid.errors[0]).toMatchObject({ line: 33, column: 9 });
  });

  it('refuses a return submitted after the audit date (--as-of, else today in London), at its line', async () => {
    const file = join(examples, '2026-Q3', 'smart-cjs.yaml'); // submitted.on: 2026-10-07, on line 9
    const before = await json(['audit', file, '--as-of', '2026-10-06']);
    expect(before.status).toBe(1);
    expect(before.report.files[0]).toMatchObject({
      status: 'invalid',
      errors: [{ code: 'submitted-after-today', line: 9, column: 7, message: '"submitted.on" is 2026-10-07, after today (2026-10-06): a return cannot be submitted in the future; give the day it was signed off' }],
    });
    expect((await json(['audit', file, '--as-of', '2026-10-07'])).report.files[0]!.status).toBe('green');
  });

  it('lists files in a stable, sorted order with / separators', async () => {
    const { report } = await json(['audit', 'fixtures/sample']);
    const files = report.files.map((f) => f.file);
    expect(files).toEqual([...files].sort());
    expect(files[0]).toBe('fixtures/sample/2025-Q4/notts-cjs.yaml');
  });

  it('--period keeps only that quarter', async () => {
    const { report } = await json(['audit', 'fixtures/sample', '--period', '2026-Q2']);
    expect(new Set(report.files.map((f) => f.period))).toEqual(new Set(['2026-Q2']));
    expect(report.period).toBe('2026-Q2');
  });

  it.each([
    ['red', 1],
    ['amber', 1],
    ['never', 0],
  ])('--fail-on %s exits %i on a file that is amber', async (failOn, expected) => {
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3/oxon-young-people.yaml', '--fail-on', failOn, '--no-config']);
    expect(r.status).toBe(failOn === 'red' ? 0 : expected);
  });

  it('exits 2 for a missing path, an unknown pack, an unknown option, a bad period or format', async () => {
    for (const args of [
      ['audit', 'no/such/folder'],
      ['audit', 'fixtures/sample', '--rules', 'no-such-pack'],
      ['audit', '--no-such-option'],
      ['audit', '--period', 'Q3-2026'],
      ['audit', '--format', 'pdf'],
      ['audit', '--fail-on', 'green'],
    ]) {
      const r = await runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').length, args.join(' ')).toBeLessThanOrEqual(3);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('writes --output atomically and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-out-'));
    const out = join(dir, 'reports', 'q3.json');
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3', '--format', 'json', '--output', out, '--fail-on', 'never']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).summary.files).toBe(9);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['q3.json']);
  });

  it('writes into a pipe or device as it is, never renaming a file over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-fifo-'));
    const fifo = join(dir, 'report.pipe');
    spawnSync('mkfifo', [fifo]);
    const reader = new Promise<string>((done) => {
      let text = '';
      spawn('cat', [fifo]).stdout.on('data', (d: Buffer) => (text += d)).on('end', () => done(text));
    });
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3', '--format', 'json', '--output', fifo, '--fail-on', 'never']);
    expect(r.status).toBe(0);
    expect((JSON.parse(await reader) as Report).summary.files).toBe(9);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.pipe']);
  });

  it.each([
    ['a folder', (dir: string) => dir, 'it is a folder'],
    ['a path through a file', (dir: string) => join(dir, 'plain.txt', 'q3.json'), 'part of the path is a file, not a folder'],
  ])('says in one line that it cannot write a report to %s, and exits 2', async (_, target, reason) => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-bad-out-'));
    writeFileSync(join(dir, 'plain.txt'), 'mine\n');
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3', '--format', 'json', '--output', target(dir)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`involve: cannot write ${target(dir)}: ${reason}\n`);
    expect(readdirSync(dir)).toEqual(['plain.txt']);
    expect(readFileSync(join(dir, 'plain.txt'), 'utf8')).toBe('mine\n');
  });

  it('never modifies the evidence it reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-ro-'));
    const source = join(repo, 'fixtures/sample/2026-Q3/oxford-alcohol-liaison.yaml');
    copyFileSync(source, join(dir, 'a.yaml'));
    await runCli(['audit', dir]);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(readFileSync(source, 'utf8'));
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('prints one file with each rule, its line and the fix for what failed', async () => {
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3/oxford-alcohol-liaison.yaml', '--no-config']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗\s+involvement-lead-named\s+16\s+the involvement lead's name "TBC" is a placeholder/);
    expect(r.stdout).toContain('How to fix: Under involvement_lead');
    expect(r.stdout).toMatch(/✓\s+charter-displayed/);
    expect(r.stdout).toContain('1 file: 0 green, 0 amber, 1 red, 0 invalid');
  });

  it('prints a providers × rules matrix, the summary and the details for many files', async () => {
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3']);
    expect(r.stdout).toMatch(/│ trent-house-rehab\s+│ 2026-Q3 │ ✓  │ ✗  │ ✓  │ ✓  │ i  │ ✓  │ ✓  │ RED/);
    expect(r.stdout).toContain('R1 involvement-lead-named · R2 charter-displayed');
    expect(r.stdout).toContain('9 files: 3 green, 2 amber, 3 red, 1 invalid');
    expect(r.stdout).toContain('What needs attention, by provider');
    expect(r.stdout).toMatch(/INVALID Nottingham Women's Recovery Service/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('colours only when asked or on a terminal, and honours NO_COLOR', async () => {
    const file = 'fixtures/sample/2026-Q3/trent-house-rehab.yaml';
    expect((await runCli(['audit', file], { tty: true })).stdout).toMatch(/\u001b\[/);
    expect((await runCli(['audit', file], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
    expect((await runCli(['audit', file, '--no-color'], { tty: true })).stdout).not.toMatch(/\u001b\[/);
    expect((await runCli(['audit', file, '--color'])).stdout).toMatch(/\u001b\[/);
    expect((await runCli(['audit', file], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\u001b\[/);
    expect((await runCli(['audit', file, '--format', 'json', '--color'])).stdout).not.toMatch(/\u001b\[/);
  });

  it('removes terminal escape sequences that came from an evidence file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-esc-'));
    const text = readFileSync(join(examples, '2026-Q3/smart-cjs.yaml'), 'utf8')
      .replace('name: SMART Criminal Justice Service', 'name: "Evil \\e]0;pwned\\a\\e[31mRed\\e[0m \\e]8;;http://x.invalid\\e\\\\link\\e]8;;\\e\\\\"')
      .replace('name: Jo Bloggs', 'name: "TBC\\e[2J"');
    writeFileSync(join(dir, 'evil.yaml'), text);
    const r = await runCli(['audit', dir]);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(r.stdout).toContain('Evil Red link');
  });
});

describe('the built CLI, spawned as a user runs it', () => {
  it('audits the sample quarter: exit 1, the matrix on stdout, nothing on stderr', () => {
    const r = spawnCli(['audit', 'fixtures/sample/2026-Q3']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('9 files: 3 green, 2 amber, 3 red, 1 invalid');
    expect(r.stderr).toBe('');
  });

  it('exits 0 on the example return and prints JSON that parses', () => {
    const r = spawnCli(['audit', examples, '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Report).summary.green).toBe(1);
  });

  it('stops writing quietly when its reader goes away (`| head`), and still ends with its exit code and report files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-pipe-'));
    const child = spawn(process.execPath, [join(repo, 'bin', 'involve.js'), 'audit', 'fixtures/sample/2026-Q3', '--format', 'json', '--report', `json=${join(dir, 'r.json')}`], { cwd: repo, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close the pipe as `head -1` does; the JSON report (110 KB) is more than a pipe holds.
    child.stdout.once('data', () => child.stdout.destroy());
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (code, sig) => done([code, sig])));
    expect(signal).toBeNull();
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect((JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report).summary.files).toBe(9);
  });

  it('loads yaml only for a file that needs it: never for an ordinary one (start-up), and for one with an anchor', () => {
    const anchored = join(mkdtempSync(join(tmpdir(), 'involve-lazy-')), 'anchored.yaml');
    writeFileSync(anchored, readFileSync(join(examples, '2026-Q3', 'smart-cjs.yaml'), 'utf8').replace('provider:', 'provider: &p'));
    const script = `
      import { createRequire } from 'node:module';
      import { run } from './dist/involve.js';
      const out = { write() {}, isTTY: false };
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((path) => /yaml/.test(path)).length;
      const seen = [];
      for (const file of process.argv.slice(1)) {
        await run(['audit', file], { stdout: out, stderr: out, cwd: process.cwd(), env: {} });
        seen.push(loaded());
      }
      console.log(JSON.stringify(seen));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'fixtures/sample/2026-Q3/notts-cjs.yaml', anchored], { cwd: repo, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual([0, 1]);
  });

  it('exits 2 with one line and no stack trace for a broken rule pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-badpack-'));
    mkdirSync(join(dir, 'pack'));
    writeFileSync(join(dir, 'pack', 'pack.yaml'), 'id: ours\ntitle: Ours\nversion: "1"\nextends: core\noverrides:\n  surveys-conducted:\n    params:\n      window_month: 6\n');
    const r = spawnCli(['audit', examples, '--rules', join(dir, 'pack')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pack\.yaml:8:7: error: rule "surveys-conducted" has no parameter "window_month"; did you mean "window_months"\?/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a run that finds no evidence', () => {
  // An evidence repository whose next quarter's folder exists but is still empty.
  const evidence = () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-empty-'));
    mkdirSync(join(dir, 'evidence', '2026-Q4'), { recursive: true });
    mkdirSync(join(dir, 'evidence', '2026-Q3', 'photos'), { recursive: true });
    copyFileSync(join(examples, '2026-Q3', 'smart-cjs.yaml'), join(dir, 'evidence', '2026-Q3', 'smart-cjs.yaml'));
    writeFileSync(join(dir, 'evidence', '2026-Q3', 'photos', 'charter.jpg'), 'not evidence');
    return dir;
  };

  it.each([
    ['an empty folder', ['evidence/2026-Q4'], 'no evidence files (*.yaml, *.yml) found in evidence/2026-Q4; check the path, or pass --allow-empty to accept an empty run'],
    ['a folder holding only attachments', ['evidence/2026-Q3/photos'], 'no evidence files (*.yaml, *.yml) found in evidence/2026-Q3/photos; check the path, or pass --allow-empty to accept an empty run'],
    ['no path, in an empty folder', [], 'no evidence files (*.yaml, *.yml) found in the current folder; check the path, or pass --allow-empty to accept an empty run'],
    ['--period with no file of that quarter', ['evidence', '--period', '2026-Q4'], 'no evidence files (*.yaml, *.yml) found for 2026-Q4 in evidence (the 1 file found is for other quarters); check the path and the period, or pass --allow-empty to accept an empty run'],
    ['--period in an empty folder', ['evidence/2026-Q4', '--period', '2026-Q4'], 'no evidence files (*.yaml, *.yml) found for 2026-Q4 in evidence/2026-Q4; check the path and the period, or pass --allow-empty to accept an empty run'],
  ])('exits 2 with one line for %s', async (_, args, line) => {
    const dir = evidence();
    const cwd = args.length === 0 ? join(dir, 'evidence', '2026-Q4') : dir;
    const r = await runCli(['audit', ...args, '--format', 'json'], { cwd });
    expect(r.stderr).toBe(`involve: ${line}\n`);
    expect(r.status).toBe(2);
  });

  it('exits 0 with --allow-empty, whatever --fail-on says, and the report says nothing was found', async () => {
    const dir = evidence();
    for (const args of [['evidence/2026-Q4'], ['evidence', '--period', '2026-Q4', '--fail-on', 'amber']]) {
      const r = await runCli(['audit', ...args, '--allow-empty'], { cwd: dir });
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.stdout).toContain('No evidence files (*.yaml, *.yml) were found');
      expect(r.status).toBe(0);
    }
  });

  it('writes no report, so an empty SARIF cannot close the alerts code scanning has open', async () => {
    const dir = evidence();
    const written = () => (existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []);
    for (const format of ['json', 'table']) {
      // JSON alone is written as the files are audited; the other formats once they all are.
      const r = await runCli(['audit', 'evidence', '--period', '2026-Q4', '--format', format, '--report', 'sarif=out/involve.sarif', '--report', 'json=out/report.json'], { cwd: dir });
      expect(r.status, format).toBe(2);
      expect(r.stdout, format).toBe('');
      expect(written(), format).toEqual([]);
    }
    const streamed = await runCli(['audit', 'evidence', '--period', '2026-Q4', '--format', 'json', '--output', 'out/report.json'], { cwd: dir });
    expect(streamed.status).toBe(2);
    expect(written()).toEqual([]);
  });
});

describe('several outputs from one run, and what changed since last quarter', () => {
  it('writes --report files beside the main report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-multi-'));
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3', '--report', `json=${join(dir, 'out', 'report.json')}`, '--fail-on', 'never']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('9 files: 3 green');
    expect((JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report).summary.files).toBe(9);
  });

  it('refuses a --report that is not FORMAT=FILE before auditing anything', async () => {
    for (const bad of ['junit', 'pdf=out.pdf', '=x.json', 'json=']) {
      const r = await runCli(['audit', 'fixtures/sample/2026-Q3', '--report', bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('must be FORMAT=FILE');
    }
  });

  it('compares with last quarter by provider and rule', async () => {
    const { report } = await json(['audit', 'fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2']);
    const changes = report.changes!;
    expect(changes.new_providers).toEqual(['notts-womens-recovery']);
    expect(changes.not_submitted).toEqual(['notts-street-outreach']);
    expect(changes.providers.find((p) => p.provider === 'oxford-alcohol-liaison')).toMatchObject({ previous: 'green', current: 'red', previous_period: '2026-Q2', current_period: '2026-Q3' });
    const kinds = (kind: string) => changes.rules.filter((c) => c.change === kind).map((c) => `${c.provider}/${c.rule}`);
    expect(kinds('newly-failing')).toEqual([
      'notts-family-carers/surveys-conducted',
      'notts-recovery-community/attachments-present',
      'oxford-alcohol-liaison/involvement-lead-named',
      'oxon-young-people/expenses-reimbursed',
    ]);
    expect(kinds('fixed')).toContain('oxford-harm-reduction/ladder-rungs-evidenced');
    expect(kinds('still-failing')).toEqual(['notts-recovery-community/surveys-conducted']);
    expect(report.history.periods).toEqual(['2026-Q2', '2026-Q3']);
    expect(report.history.providers.find((p) => p.provider === 'trent-house-rehab')!.statuses).toEqual(['invalid', 'red']);
  });

  it('takes a saved JSON report as last quarter, and the whole repository as --previous', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-prev-'));
    await runCli(['audit', 'fixtures/sample/2026-Q2', '--format', 'json', '--output', join(dir, 'q2.json')]);
    const fromJson = (await json(['audit', 'fixtures/sample/2026-Q3', '--previous', join(dir, 'q2.json')])).report.changes!;
    const fromEvidence = (await json(['audit', 'fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2'])).report.changes!;
    const fromRepository = (await json(['audit', 'fixtures/sample/2026-Q3', '--previous', 'fixtures/sample'])).report.changes!;
    expect(fromJson.rules).toEqual(fromEvidence.rules);
    expect(fromRepository.rules).toEqual(fromEvidence.rules);
    expect(fromRepository.not_submitted).toEqual(['notts-street-outreach']);
  });

  // Issue 12: a run over several quarters compared with its own latest quarter listed a provider that did not
  // send that quarter's return as new, and every other provider as new too.
  it("compares like with like when the run spans several quarters: each provider's latest quarter with the one before", async () => {
    const quarterly = (await json(['audit', 'fixtures/sample/2026-Q3', '--previous', 'fixtures/sample/2026-Q2'])).report.changes!;
    const spanning = (await json(['audit', 'fixtures/sample', '--previous', 'fixtures/sample/2026-Q3'])).report.changes!;
    expect(spanning.new_providers).toEqual(['notts-womens-recovery']);
    expect(spanning.not_submitted).toEqual(['notts-street-outreach']);
    expect(spanning.providers).toEqual(quarterly.providers);
    expect(spanning.rules).toEqual(quarterly.rules);
  });

  it('exits 2 for a --previous that is missing or not a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-prev-'));
    writeFileSync(join(dir, 'bad.json'), '{"files": 3}');
    writeFileSync(join(dir, 'bad-status.json'), '{"files": [{"file": "f", "provider": "p", "period": null, "status": "purple", "results": []}], "summary": {}}');
    expect((await runCli(['audit', 'fixtures/sample/2026-Q3', '--previous', 'nowhere'])).status).toBe(2);
    const r = await runCli(['audit', 'fixtures/sample/2026-Q3', '--previous', join(dir, 'bad.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.json: not an involve JSON report ("files": Invalid input: expected array, received number)');
    const item = await runCli(['audit', 'fixtures/sample/2026-Q3', '--previous', join(dir, 'bad-status.json')]);
    expect(item.stderr).toContain('bad-status.json: not an involve JSON report ("status" in files, item 1: Invalid option: expected one of "green"|"amber"|"red"|"invalid")');
  });

  it('shows progress on a terminal, and none in CI or through a pipe', async () => {
    let seen = '';
    const io = (tty: boolean, env: Record<string, string>) => ({
      stdout: { write: () => true, isTTY: false },
      stderr: { write: (s: string) => (seen += s), isTTY: tty },
      cwd: repo,
      env,
    });
    const { run } = await import('../../src/cli/main.ts');
    await run(['audit', 'fixtures/sample'], io(true, {}));
    expect(seen).toContain('auditing 1 of 35 files…');
    expect(seen.endsWith('\r\u001b[2K')).toBe(true);
    seen = '';
    await run(['audit', 'fixtures/sample'], io(true, { CI: 'true' }));
    await run(['audit', 'fixtures/sample'], io(false, {}));
    expect(seen).toBe('');
  });
});
