// Tests for cli/signals.ts and the atomic writes of cli/write-report.ts, whole or in pieces: an interrupted run leaves no temporary
// file and no partial report, ends by the signal it was sent (a shell shows 130 for SIGINT, 143 for SIGTERM), and
// no run ever writes inside the folder it audits. The interruptions go to the built CLI in a child process,
// because only a real process receives real signals.
import { execFileSync, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTS, temporaryFiles, type Interrupt, type SignalTarget } from '../../src/cli/signals.ts';
import { openReport, writeFileAtomically } from '../../src/cli/write-report.ts';
import { FORMAT_NAMES, type FormatName } from '../../src/report/formats/index.ts';
import { examples, repo, runCli, spawnCli } from './run-cli.ts';

const example = join(examples, '2026-Q3');
const exampleText = readFileSync(join(example, 'smart-cjs.yaml'), 'utf8');
// The file each format's report is written to.
const EXTENSION = { table: 'txt', json: 'json', markdown: 'md', html: 'html', junit: 'xml', sarif: 'sarif', github: 'log' } satisfies Record<FormatName, string>;

/** A stand-in for `process`: records what would have ended the run instead of ending the test. */
class FakeProcess extends EventEmitter implements SignalTarget {
  readonly pid = 4242;
  readonly killed: [number, NodeJS.Signals][] = [];
  readonly exits: number[] = [];
  refuseKill = false;
  kill(pid: number, signal: NodeJS.Signals): true {
    if (this.refuseKill) throw Object.assign(new Error('kill ENOSYS'), { code: 'ENOSYS' });
    this.killed.push([pid, signal]);
    return true;
  }
  exit(code: number): void {
    this.exits.push(code);
  }
  listening(): number {
    return INTERRUPTS.reduce((n, s) => n + this.listenerCount(s), 0);
  }
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'involve-signals-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file and folder under `dir` with what a write would change, as one comparable list. */
function snapshot(dir: string): string[] {
  const entries: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const s = lstatSync(path, { bigint: true });
      entries.push(`${relative(dir, path)} ${s.mode} ${s.size} ${s.mtimeNs} ${s.ctimeNs} ${s.ino}`);
      if (s.isDirectory()) walk(path);
    }
  };
  walk(dir);
  // The folder's own times change when anything is created in it, even a file removed again at once.
  const top = lstatSync(dir, { bigint: true });
  return [`. ${top.mtimeNs} ${top.ctimeNs}`, ...entries];
}

const temporaries = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'));

describe('temporaryFiles', () => {
  it('installs nothing for an in-process run, which has no process of its own to end', () => {
    const files = temporaryFiles(undefined);
    expect(() => {
      files.add('/nonexistent/a.tmp');
      files.delete('/nonexistent/a.tmp');
    }).not.toThrow();
  });

  it('listens for SIGINT, SIGTERM and SIGHUP once per process, however many files are written', () => {
    const fake = new FakeProcess();
    expect(fake.listening()).toBe(0);
    temporaryFiles(fake).add('x');
    temporaryFiles(fake).add('y');
    expect(INTERRUPTS.map((s) => fake.listenerCount(s))).toEqual([1, 1, 1]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s removes every file still being written, keeps the finished ones, then ends by that signal', (signal, status) => {
    const fake = new FakeProcess();
    const dir = mkdtempSync(join(scratch, 'registry-'));
    const [writing, alsoWriting, finished] = ['a.tmp', 'b.tmp', 'c.tmp'].map((n) => join(dir, n));
    for (const f of [writing, alsoWriting, finished]) writeFileSync(f!, 'partial');
    const files = temporaryFiles(fake);
    files.add(writing!);
    files.add(alsoWriting!);
    files.add(finished!);
    files.delete(finished!);
    files.add(join(dir, 'never-created.tmp'));

    fake.emit(signal, signal);
    expect(readdirSync(dir)).toEqual(['c.tmp']);
    expect(fake.killed).toEqual([[4242, signal]]);
    expect(fake.exits).toEqual([]);
    // Off again, so the signal sent to itself meets Node's default action and ends the process.
    expect(fake.listening()).toBe(0);
    expect(128 + constants.signals[signal]).toBe(status);
  });

  it('ends with the status a shell would show when the process cannot send itself the signal (Windows and SIGHUP)', () => {
    const fake = new FakeProcess();
    fake.refuseKill = true;
    temporaryFiles(fake).add(join(scratch, 'none.tmp'));
    fake.emit('SIGHUP', 'SIGHUP');
    expect(fake.exits).toEqual([129]);
  });

  it('starts afresh for a process whose listeners a signal has already taken off', () => {
    const fake = new FakeProcess();
    temporaryFiles(fake).add('x');
    fake.emit('SIGTERM', 'SIGTERM');
    temporaryFiles(fake).add('y');
    expect(fake.listening()).toBe(3);
  });
});

describe('writeFileAtomically', () => {
  it('writes the whole text, creating folders, and leaves no temporary file', () => {
    const path = join(scratch, 'atomic', 'deep', 'report.json');
    writeFileAtomically(path, '{"a": 1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1}\n');
    expect(temporaries(join(scratch, 'atomic'))).toEqual([]);
  });

  it('replaces an existing report whole, and is not blocked by a temporary file an earlier run left behind', () => {
    const dir = mkdtempSync(join(scratch, 'replace-'));
    const path = join(dir, 'report.txt');
    writeFileSync(path, 'old report\n');
    // The name an earlier version used, and a process killed with SIGKILL can leave: the same pid may come round.
    writeFileSync(join(dir, `.report.txt.${process.pid}.tmp`), 'left behind');
    writeFileAtomically(path, 'new report\n');
    expect(readFileSync(path, 'utf8')).toBe('new report\n');
    expect(readdirSync(dir).sort()).toEqual([`.report.txt.${process.pid}.tmp`, 'report.txt']);
  });

  it('removes its temporary file and releases it when the rename fails', () => {
    const fake = new FakeProcess();
    const dir = mkdtempSync(join(scratch, 'fails-'));
    mkdirSync(join(dir, 'report.txt'));
    writeFileSync(join(dir, 'report.txt', 'inside'), 'x');
    expect(() => writeFileAtomically(join(dir, 'report.txt'), 'text', fake)).toThrow();
    expect(temporaries(dir)).toEqual([]);
    fake.emit('SIGINT', 'SIGINT');
    expect(readdirSync(join(dir, 'report.txt'))).toEqual(['inside']);
  });

  it('hands a signal that comes after the write nothing to remove: the report stays', () => {
    const fake = new FakeProcess();
    const dir = mkdtempSync(join(scratch, 'after-'));
    writeFileAtomically(join(dir, 'report.txt'), 'done\n', fake);
    fake.emit('SIGINT', 'SIGINT');
    expect(readdirSync(dir)).toEqual(['report.txt']);
    expect(fake.killed).toEqual([[4242, 'SIGINT']]);
  });
});

describe('openReport', () => {
  const io = (cwd: string, signals?: SignalTarget) => {
    const out: string[] = [];
    return { out, io: { stdout: { write: (s: string) => void out.push(s) }, stderr: { write: () => {} }, cwd, env: {}, ...(signals ? { signals } : {}) } };
  };

  it('writes pieces of text and of UTF-8, across many writes, as one file ending in a newline', () => {
    const dir = mkdtempSync(join(scratch, 'pieces-'));
    const { io: where } = io(dir);
    const report = openReport('out/report.json', where);
    const pieces = Array.from({ length: 3000 }, (_, i) => (i % 2 ? new TextEncoder().encode(`é${i},`) : `“${i}”,`));
    for (const piece of pieces) report.write(piece);
    expect(temporaries(dir)).toHaveLength(1);
    report.finish();
    const text = pieces.map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p))).join('');
    expect(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).toBe(`${text}\n`);
    expect(temporaries(dir)).toEqual([]);
  });

  it('adds no second newline, and sends a report for stdout there', () => {
    const { out, io: where } = io(scratch);
    const report = openReport('-', where);
    report.write('a\n');
    report.write(new TextEncoder().encode('b\n'));
    report.finish();
    expect(out.join('')).toBe('a\nb\n');
  });

  it('leaves the old report as it was, and no temporary file, when aborted', () => {
    const fake = new FakeProcess();
    const dir = mkdtempSync(join(scratch, 'aborted-'));
    writeFileSync(join(dir, 'report.json'), 'last quarter\n');
    const report = openReport('report.json', io(dir, fake).io);
    report.write('x'.repeat(200_000));
    report.abort();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('last quarter\n');
    // Released: a signal now finds nothing of it to remove.
    fake.emit('SIGTERM', 'SIGTERM');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether the signal was sent while the child still ran. */
  sent: boolean;
  stderr: string;
}

/** Runs the built CLI in `cwd` and sends it `signal` after `delay` ms, or as the nth temporary file appears in `watchDir`. */
function interrupt(args: string[], cwd: string, signal: Interrupt, when: { delay: number } | { temporary: number; watchDir: string }): Promise<Ended> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'involve.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    const send = () => {
      if (sent || child.exitCode !== null || child.signalCode !== null) return;
      sent = true;
      child.kill(signal);
    };
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let stop = () => {};
    if ('delay' in when) {
      const timer = setTimeout(send, when.delay);
      stop = () => clearTimeout(timer);
    } else {
      const seen = new Set<string>();
      const watcher = watch(when.watchDir, (_event, name) => {
        if (name?.endsWith('.tmp')) seen.add(name);
        if (seen.size >= when.temporary) send();
      });
      stop = () => watcher.close();
    }
    child.on('error', fail);
    child.on('close', (code, endedBy) => {
      stop();
      done({ code, signal: endedBy, sent, stderr });
    });
  });
}

/** The status a shell shows for how the child ended: its exit code, or 128 + the signal's number. */
const shellStatus = (e: Ended) => e.code ?? 128 + constants.signals[e.signal!];

describe('an interrupted audit, through the built CLI', () => {
  let root: string;
  let big: string;
  let small: string;
  let reference: string;
  // Every format at once: the first to --output, the rest to --report, all outside the audited folder.
  const reportArgs = (out: string) => [
    '--output', join(out, `report.${EXTENSION[FORMAT_NAMES[0]!]}`),
    ...FORMAT_NAMES.slice(1).flatMap((f) => ['--report', `${f}=${join(out, `report.${EXTENSION[f]}`)}`]),
    '--format', FORMAT_NAMES[0]!, '--as-of', '2026-11-01',
  ];

  /** Many small returns, with the attachments they list. */
  function evidence(dir: string, count: number): void {
    mkdirSync(join(dir, '2026-Q3'), { recursive: true });
    for (const sub of ['photos', 'policies', 'reports']) cpSync(join(example, sub), join(dir, '2026-Q3', sub), { recursive: true });
    for (let i = 0; i < count; i++) {
      writeFileSync(join(dir, '2026-Q3', `provider-${String(i).padStart(4, '0')}.yaml`), exampleText.replace('id: smart-cjs', `id: provider-${i}`));
    }
  }

  beforeAll(() => {
    // bin/involve.js runs dist/; rebuild when src/ is newer.
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
    root = mkdtempSync(join(scratch, 'runs-'));
    big = join(root, 'big');
    small = join(root, 'small');
    evidence(big, 2500);
    evidence(small, 400);
    reference = join(root, 'reference');
    const run = spawnCli(['audit', small, ...reportArgs(reference)], { cwd: root });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(0);
  }, 120_000);

  /** Each report in `out` is absent, still the file that was there before, or the same bytes as the uninterrupted run's. */
  function expectWholeOrAbsent(out: string, before: Record<string, string> = {}): string[] {
    expect(temporaries(root), 'temporary files left behind').toEqual([]);
    const complete: string[] = [];
    for (const format of FORMAT_NAMES) {
      const name = `report.${EXTENSION[format]}`;
      if (!existsSync(join(out, name))) continue;
      const text = readFileSync(join(out, name), 'utf8');
      if (text === before[name]) continue;
      expect(text === readFileSync(join(reference, name), 'utf8'), `${name} is partial or different`).toBe(true);
      complete.push(format);
    }
    return complete;
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a long audit of 2,500 files ends it at once, status %i, and leaves the old report as it was', async (signal, status) => {
    const out = mkdtempSync(join(root, 'out-'));
    const before = { 'report.txt': 'last quarter’s report\n' };
    writeFileSync(join(out, 'report.txt'), before['report.txt']);
    const started = performance.now();
    const ended = await interrupt(['audit', big, ...reportArgs(out)], root, signal, { delay: 400 });
    expect(ended.sent, `the audit ended before the signal: ${ended.stderr}`).toBe(true);
    expect(ended.signal, ended.stderr).toBe(signal);
    expect(shellStatus(ended)).toBe(status);
    expect(ended.stderr).toBe('');
    // Nothing holds the signal back while files are audited: no report is being written yet.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(expectWholeOrAbsent(out, before)).toEqual([]);
    expect(readdirSync(out)).toEqual(['report.txt']);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while a JSON report streams to its file during the audit: its temporary file goes, the old report stays, status %i', async (signal, status) => {
    const out = mkdtempSync(join(root, 'out-'));
    const before = { 'report.json': '{"last": "quarter"}\n' };
    writeFileSync(join(out, 'report.json'), before['report.json']);
    // JSON alone is written file by file as the audit goes, so its temporary file is open all along.
    const ended = await interrupt(['audit', big, '--format', 'json', '--output', join(out, 'report.json')], root, signal, { temporary: 1, watchDir: out });
    expect(ended.sent, `the audit ended before the signal: ${ended.stderr}`).toBe(true);
    expect(ended.signal, ended.stderr).toBe(signal);
    expect(shellStatus(ended)).toBe(status);
    expect(temporaries(root), 'temporary files left behind').toEqual([]);
    expect(readdirSync(out)).toEqual(['report.json']);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(before['report.json']);
  });

  it.each([
    ['SIGINT', 1, 130],
    ['SIGTERM', 2, 143],
    ['SIGHUP', 4, 129],
  ] as const)('%s as report file %i is being written: no temporary file, every report whole or absent, status %i', async (signal, nth, status) => {
    const out = mkdtempSync(join(root, 'out-'));
    const ended = await interrupt(['audit', small, ...reportArgs(out)], root, signal, { temporary: nth, watchDir: out });
    expect(ended.sent, `the run ended before its report ${nth} was written: ${ended.stderr}`).toBe(true);
    expect(ended.signal, ended.stderr).toBe(signal);
    expect(shellStatus(ended)).toBe(status);
    const complete = expectWholeOrAbsent(out);
    // The report being written when the signal came is finished, not cut off; the run stops before the rest.
    expect(complete.length).toBeGreaterThanOrEqual(nth);
    expect(complete.length).toBeLessThan(FORMAT_NAMES.length);
    expect(complete).toEqual(FORMAT_NAMES.slice(0, complete.length));
  });
});

describe('an audit writes nothing inside the folder it audits', () => {
  let tree: string;
  let out: string;
  let before: string[];

  beforeAll(() => {
    const root = mkdtempSync(join(scratch, 'untouched-'));
    tree = join(root, 'evidence');
    out = join(root, 'out');
    cpSync(join(repo, 'fixtures', 'sample'), tree, { recursive: true });
    cpSync(example, join(tree, 'example', '2026-Q3'), { recursive: true });
    before = snapshot(tree);
  });

  it('with every format on stdout, in-process', async () => {
    for (const format of FORMAT_NAMES) {
      const r = await runCli(['audit', tree, '--format', format, '--previous', join(tree, '2026-Q2'), '--period', '2026-Q3'], { cwd: tree });
      expect(r.status, `${format}: ${r.stderr}`).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(100);
    }
    expect(snapshot(tree)).toEqual(before);
  });

  it('with --output and a --report in every format, through the built CLI run from inside the tree', () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
    const reports = FORMAT_NAMES.flatMap((f) => ['--report', `${f}=${join(out, `extra.${EXTENSION[f]}`)}`]);
    const run = spawnCli(['audit', '.', '--format', 'json', '--output', join(out, 'report.json'), ...reports, '--previous', '2026-Q2'], { cwd: tree });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['report.json', ...FORMAT_NAMES.map((f) => `extra.${EXTENSION[f]}`)].sort());
    expect(snapshot(tree)).toEqual(before);
  });
});
