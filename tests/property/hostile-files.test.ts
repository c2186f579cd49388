// Hostile files that tests/load/ and tests/audit-file.test.ts do not already cover: device files reached through
// a link in the tree or named on the command line, a link swapped for a device between finding and reading, a
// huge number of keys, very long lines, and a file rewritten while it is read. Each must end in a result, soon.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFile } from '../../src/audit-file.ts';
import { findEvidence, type FoundFile } from '../../src/load/find-evidence.ts';
import { compilePack, type CompiledPack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import type { Report } from '../../src/report/model.ts';
import { expectSound, repo } from './evidence.ts';

const example = join(repo, 'fixtures', 'examples', '2026-Q3');
const exampleText = readFileSync(join(example, 'smart-cjs.yaml'), 'utf8');
const DEVICES = ['/dev/zero', '/dev/null', '/dev/urandom', '/dev/full', '/dev/tty', '/proc/self/fd/0'].filter((d) => existsSync(d));

let root: string;
let quarter: string;
let pack: CompiledPack;
const found = (name: string) => findEvidence(['2026-Q3'], root).find((f) => f.file === `2026-Q3/${name}`)!;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'involve-hostile-'));
  quarter = join(root, '2026-Q3');
  mkdirSync(quarter);
  cpSync(example, quarter, { recursive: true });
  pack = compilePack(loadPack('core', repo));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Audits `file`, and says how long it took. */
function timed(file: FoundFile) {
  const started = performance.now();
  const report = auditFile(file, pack);
  return { report, ms: performance.now() - started };
}

describe('device files', () => {
  it('has device files to try', () => expect(DEVICES).toContain('/dev/zero'));

  it.each(DEVICES)('a link in the tree to %s is refused at once, unread', (device) => {
    const name = `device${device.replace(/\//g, '-')}.yaml`;
    symlinkSync(device, join(quarter, name));
    const { report, ms } = timed(found(name));
    expectSound(report);
    expect(report.errors).toEqual([{ code: 'not-a-file', line: 1, column: 1, message: 'symbolic link points outside the audited folder; not read' }]);
    expect(ms).toBeLessThan(1000);
  });

  it('a link to a FIFO inside the tree is refused at once, without waiting for a writer', () => {
    execFileSync('mkfifo', [join(quarter, 'pipe.fifo')]);
    symlinkSync('pipe.fifo', join(quarter, 'pipe-link.yaml'));
    const { report, ms } = timed(found('pipe-link.yaml'));
    expect(report.errors[0]).toMatchObject({ code: 'not-a-file', message: expect.stringMatching(/^not a regular file/) });
    expect(ms).toBeLessThan(1000);
  });

  it('a link checked while it pointed inside the tree, then swapped for /dev/zero before the read, is refused', () => {
    writeFileSync(join(quarter, 'real.yaml'), exampleText);
    symlinkSync('real.yaml', join(quarter, 'swapped.yaml'));
    const file = found('swapped.yaml');
    expect(file.refused).toBeUndefined();
    // What a provider's sync tool, or an attacker, could do between the walk and the read.
    unlinkSync(join(quarter, 'real.yaml'));
    symlinkSync('/dev/zero', join(quarter, 'real.yaml'));
    const { report, ms } = timed(file);
    expect(report.errors[0]).toMatchObject({ code: 'not-a-file', message: expect.stringMatching(/^not a regular file/) });
    expect(ms).toBeLessThan(1000);
  });

  it('/proc files, which say they are empty and are not, are read without a hang', () => {
    for (const path of ['/proc/self/status', '/proc/self/environ', '/proc/self/maps'].filter((p) => existsSync(p))) {
      const { report, ms } = timed({ file: path, absolute: path, root: '/proc/self' });
      expectSound(report);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('device files named on the command line are each one invalid file, and the rest of the audit goes on', () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
    const run = spawnSync(process.execPath, [join(repo, 'bin', 'involve.js'), 'audit', ...DEVICES.filter((d) => d !== '/dev/tty'), join(example, 'smart-cjs.yaml'), '--format', 'json'], {
      encoding: 'utf8',
      timeout: 20_000,
      // stdin is the CLI's own: /proc/self/fd/0 then names a pipe nobody writes to.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    const statuses = Object.fromEntries(report.files.map((f) => [f.file, [f.status, f.errors[0]?.code]]));
    expect(statuses[join(example, 'smart-cjs.yaml')]).toEqual(['green', undefined]);
    // The pipe spawnSync gives as stdin is a socket, which /proc/self/fd/0 cannot open (ENXIO): unreadable.
    for (const device of DEVICES.filter((d) => d !== '/dev/tty')) expect(statuses[device]).toEqual(['invalid', device === '/proc/self/fd/0' ? expect.stringMatching(/^(not-a-file|file-unreadable)$/) : 'not-a-file']);
  });
});

describe('size', () => {
  const sized = (name: string, text: string): FoundFile => {
    writeFileSync(join(quarter, name), text);
    return found(name);
  };

  it('a line of nearly 1 MiB in one value is read, its message quoted short', () => {
    const name = 'x'.repeat(1024 * 1024 - exampleText.length - 100);
    const { report, ms } = timed(sized('long-line.yaml', exampleText.replace('name: SMART Criminal Justice Service', `name: ${name}`)));
    expectSound(report);
    expect(report.status).toBe('green');
    expect(report.provider_name).toBe(name);
    expect(ms).toBeLessThan(3000);
  });

  it('a line of nearly 1 MiB of flow list items is read', () => {
    const items = Array.from({ length: 120_000 }, (_, i) => `s${i}`).join(', ');
    const { report, ms } = timed(sized('long-flow.yaml', `${exampleText}advocacy:\n  services_promoted: [${items}]\n`));
    expectSound(report);
    expect(report.status).not.toBe('invalid');
    expect(ms).toBeLessThan(5000);
  });

  it('15,000 list items, as many as 1 MiB holds, are audited in seconds', () => {
    const items = Array.from({ length: 15_000 }, (_, i) => `  - {rung: ${(i % 7) + 1}, activity: Activity ${i}, date: 2026-07-01}\n`).join('');
    const { report, ms } = timed(sized('many-items.yaml', `${exampleText.replace(/ladder:[\s\S]*$/, 'ladder:\n')}${items}`));
    expectSound(report);
    expect(report.status).not.toBe('invalid');
    expect(ms).toBeLessThan(8000);
  });

  it('10,000 unknown keys are 10,000 located warnings, in seconds', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `unknown_${i}: 1\n`).join('');
    const { report, ms } = timed(sized('many-keys.yaml', `${exampleText}${keys}`));
    expectSound(report);
    expect(report.warnings).toHaveLength(10_000);
    expect(report.warnings.at(-1)).toMatchObject({ code: 'unknown-key', line: exampleText.split('\n').length + 9_999, column: 1 });
    expect(ms).toBeLessThan(8000);
  });

  // yaml's own duplicate-key check compared each key with every earlier one: 30,000 keys written twice took
  // 12 s and 100,000 keys over a minute, where the loader's one pass takes about a second.
  it('100,000 keys, half of them repeats, as many as 1 MiB holds, are audited in seconds', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i % 50_000}: 1\n`).join('');
    const { report, ms } = timed(sized('repeated-keys.yaml', `${exampleText}${keys}`));
    expectSound(report);
    expect(report.status).toBe('invalid');
    expect(report.errors).toHaveLength(50_000);
    expect(report.errors[0]).toMatchObject({ code: 'duplicate-key', line: exampleText.split('\n').length + 50_000, column: 1 });
    expect(ms).toBeLessThan(8000);
  });
});

describe('a file rewritten while it is read', () => {
  it('is read as one version, the other, or the part written so far: never a throw, always a sound report', async () => {
    // The example, and a longer version with thirty more claims: a non-atomic rewrite truncates, then writes.
    const longer = exampleText.replace('ladder:', `${Array.from({ length: 30 }, (_, i) => `    - {volunteer: V-${100 + i}, activity: Forum, date: 2026-08-0${(i % 9) + 1}, categories: [travel], claimed: 2.00, reimbursed: 2.00, paid_on: 2026-08-20}\n`).join('')}\nladder:`);
    const path = join(quarter, 'changing.yaml');
    writeFileSync(path, exampleText);
    const file = found('changing.yaml');
    const expected = new Map<string, string>();
    for (const [label, text] of [['short', exampleText], ['long', longer]] as const) {
      writeFileSync(path, text);
      const r = auditFile(file, pack);
      expect(r.status, label).toBe('green');
      expected.set(JSON.stringify(r.results.map((x) => [x.rule, x.status, x.message])), label);
    }
    writeFileSync(join(root, 'longer.yaml'), longer);
    const writer = spawn(process.execPath, ['-e', `
      const fs = require('node:fs');
      const [a, b] = [fs.readFileSync(process.argv[1]), fs.readFileSync(process.argv[2])];
      for (let i = 0, end = Date.now() + 1500; Date.now() < end; i++) fs.writeFileSync(process.argv[3], i % 2 ? a : b);
    `, join(example, 'smart-cjs.yaml'), join(root, 'longer.yaml'), path], { stdio: 'ignore' });
    const seen = new Set<string>();
    const closed = new Promise((done) => writer.on('close', done));
    let audits = 0;
    for (let running = true; running; ) {
      const report = auditFile(file, pack);
      expectSound(report);
      audits++;
      if (report.status === 'invalid') seen.add('invalid');
      else {
        // A read that caught the file part-written can still be valid YAML (a prefix of it), and is then audited
        // as the file it was at that moment; it is never a mixture of the two versions' claims.
        const key = JSON.stringify(report.results.map((x) => [x.rule, x.status, x.message]));
        seen.add(expected.get(key) ?? 'a prefix');
      }
      running = await Promise.race([closed.then(() => false), new Promise<boolean>((go) => setImmediate(() => go(true)))]);
    }
    expect(audits).toBeGreaterThan(20);
    expect([...seen].every((s) => ['short', 'long', 'invalid', 'a prefix'].includes(s))).toBe(true);
  });
});
