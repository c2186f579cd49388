// The built CLI on worker threads (INVOLVE_WORKERS=n) writes byte for byte what it writes in one thread (=0); a
// worker that dies or hangs costs only the file it stopped on.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceFile, random } from '../../scripts/bench/generate.mjs';
import { auditFiles, MIN_FILES_FOR_WORKERS, type Threads } from '../../src/cli/audit-pool.ts';
import type { FileOutcome, RunSettings } from '../../src/cli/audit-run.ts';
import { toDay } from '../../src/evaluate/calendar.ts';
import { findEvidence } from '../../src/load/find-evidence.ts';
import { DEFAULT_LIMITS } from '../../src/load/read-yaml.ts';
import { compilePack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';
import type { FileReport, Report } from '../../src/report/model.ts';
import { repo, spawnCli } from './run-cli.ts';

let dir: string;
let evidence: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'involve-workers-'));
  evidence = join(dir, 'evidence');
  cpSync(join(repo, 'fixtures', 'sample'), evidence, { recursive: true });
  // The run's own config, with its waivers, is the one above the evidence, not the sample's.
  rmSync(join(evidence, 'involve.config.yaml'));
  const rng = random(3);
  for (const period of ['2026-Q2', '2026-Q3']) {
    // Enough for the CLI to choose workers by itself (MIN_FILES_FOR_WORKERS).
    for (let i = 0; i < 260; i++) {
      const id = `generated-${period.toLowerCase()}-${String(i).padStart(3, '0')}`;
      // Attachments the generator names are missing here, which the report must say the same way both times.
      writeFileSync(join(evidence, period, `${id}.yaml`), evidenceFile(rng, id, `Generated provider ${i}`, period).text);
    }
  }
  // Hostile files among them: too deep for the parser (refused before it runs), two documents, not UTF-8.
  writeFileSync(join(evidence, '2026-Q3', 'hostile-deep.yaml'), `ladder: ${'['.repeat(100_000)}1${']'.repeat(100_000)}\n`);
  writeFileSync(join(evidence, '2026-Q3', 'hostile-two-deep.yaml'), `${'['.repeat(5000)}1${']'.repeat(5000)}\n---\n${'['.repeat(5000)}1${']'.repeat(5000)}\n`);
  writeFileSync(join(evidence, '2026-Q3', 'hostile-latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
  writeFileSync(
    join(dir, 'involve.config.yaml'),
    'pack: core\nwaivers:\n  - provider: generated-2026-q3-001\n    rule: attachments-present\n    reason: photos being rescanned\n    approved_by: Commissioner\n    expires: 2026-12-31\n  - provider: nobody\n    rule: charter-displayed\n    reason: never used\n    approved_by: Commissioner\n    expires: 2026-12-31\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function audit(workers: string, args: string[], extra: Record<string, string> = {}) {
  const out = join(dir, `out-${workers}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out);
  // Reports go to files: spawnSync ends a child whose output passes 1 MB.
  const env = { ...(workers === '' ? {} : { INVOLVE_WORKERS: workers }), ...extra };
  const result = spawnCli(['audit', 'evidence', '--as-of', '2026-11-01', ...args.map((a) => a.replace('OUT', out))], { cwd: dir, env });
  expect(result.signal, result.stderr).toBeNull();
  return { ...result, read: (name: string) => readFileSync(join(out, name), 'utf8') };
}

describe('involve audit on worker threads', () => {
  it('writes the same JSON report, byte for byte, as in one thread', () => {
    const one = audit('0', ['--format', 'json', '--output', 'OUT/report.json']);
    const two = audit('2', ['--format', 'json', '--output', 'OUT/report.json']);
    expect(two.status).toBe(one.status);
    const report = JSON.parse(one.read('report.json')) as Report;
    expect(report.files.length).toBeGreaterThan(MIN_FILES_FOR_WORKERS);
    expect(report.summary.invalid).toBeGreaterThanOrEqual(3);
    expect(report.waivers.map((w) => w.state)).toEqual(['applied']);
    expect(two.read('report.json')).toBe(one.read('report.json'));
  });

  it('chooses workers by itself for a run this size, with the same result', () => {
    // --period filters after the audit: all the files are audited, which is enough for workers.
    const args = ['--format', 'json', '--period', '2026-Q3', '--output', 'OUT/report.json'];
    const one = audit('0', args);
    const auto = audit('', args);
    expect(auto.read('report.json')).toBe(one.read('report.json'));
    expect(auto.status).toBe(one.status);
  });

  it('renders the other formats from the same report, and writes JSON as a whole report would be rendered', () => {
    const args = ['--format', 'markdown', '--output', 'OUT/report.md', '--report', 'json=OUT/whole.json', '--report', 'sarif=OUT/report.sarif'];
    const one = audit('0', args);
    const two = audit('3', args);
    for (const name of ['report.md', 'whole.json', 'report.sarif']) expect(two.read(name), name).toBe(one.read(name));
    // The JSON written file by file as the run goes is the JSON of the whole report.
    expect(audit('2', ['--format', 'json', '--output', 'OUT/streamed.json']).read('streamed.json')).toBe(one.read('whole.json'));
  });

  it('compares with last quarter the same way', () => {
    const args = ['--format', 'json', '--previous', 'evidence/2026-Q2', '--period', '2026-Q3', '--output', 'OUT/report.json'];
    expect(audit('2', args).read('report.json')).toBe(audit('0', args).read('report.json'));
  });

});

// The pool itself on real worker threads (the built worker entry), with a fault it is told of through workerData.
describe('a worker that dies or stops answering, on real threads', () => {
  const victim = 'generated-2026-q3-042.yaml';
  let run: RunSettings;
  let alone: FileOutcome[];

  const outcomes = async (threads: Threads) => {
    const list: FileOutcome[] = [];
    for await (const outcome of auditFiles(findEvidence(['evidence'], dir), run, threads)) list.push(outcome);
    return list;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: repo, stdio: 'pipe' });
    run = { pack: compilePack(loadPack('core', repo)), limits: DEFAULT_LIMITS, root: dir, streamed: { waivers: [], asOf: toDay('2026-11-01') } };
    alone = await outcomes({ workers: 0 });
  }, 120_000);

  const script = () => pathToFileURL(join(repo, 'dist', 'chunks', 'audit-worker.js'));
  const json = (outcome: FileOutcome) => Buffer.from(outcome.json!).toString('utf8');

  it.each([
    ['dies', 'exit', /^the audit worker stopped \(exit code 70\)$/],
    ['stops answering', 'hang', /^the audit worker stopped answering \(nothing for 3 s\)$/],
  ] as const)('reports the file on which a worker %s as invalid, and audits every other file as one thread does', async (_, kind, reason) => {
    const started = performance.now();
    const faulty = await outcomes({ workers: 2, script: script(), fault: { file: victim, kind }, silenceMs: 3000 });
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(faulty).toHaveLength(alone.length);
    for (const [i, outcome] of faulty.entries()) {
      const file = JSON.parse(json(outcome)) as FileReport;
      if (file.file.endsWith(victim)) {
        expect(file.status).toBe('invalid');
        expect(file.errors).toEqual([{ code: 'internal-error', line: 1, column: 1, message: expect.stringMatching(/^internal error while auditing this file \(please report it\): /) }]);
        expect(file.errors[0]!.message.replace(/^[^:]*: /, '')).toMatch(reason);
      } else {
        expect(json(outcome), file.file).toBe(json(alone[i]!));
        expect(outcome.brief).toEqual(alone[i]!.brief);
      }
    }
  }, 90_000);
});
