// The package as users install it (README "Install", docs/evidence-repository.md, docs/ci/): the tarball `npm pack`
// makes, installed globally; kept as an evidence repository's devDependency, with the GitLab and Jenkins jobs'
// own commands run there; and built by pre-commit from a git repository, as the documented config names it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examples, repo } from './cli/run-cli.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { cwd: repo, encoding: 'utf8' as const, stdio: 'pipe' as const };
// The dependencies are in npm's cache from `npm ci`: the registry is asked only for what is not.
const offline = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const isGitCheckout = spawnSync('git', ['ls-files', 'package.json'], quiet).stdout?.trim() === 'package.json';
const NO_PRE_COMMIT = !hasPreCommit
  ? 'pre-commit not found (apt-get install pre-commit, as .ci/run does): the pre-commit hook test is skipped'
  : !isGitCheckout
    ? 'not a git checkout: the pre-commit hook test, which builds the hook from git, is skipped'
    : undefined;
if (NO_PRE_COMMIT) console.warn(NO_PRE_COMMIT);

let tarball: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'involve-pack-'));
  execFileSync(npm, ['pack', '--pack-destination', dir, '--silent'], quiet);
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
}, 120_000);
afterAll(() => rmSync(dirname(tarball), { recursive: true, force: true }));

/** A shell command as a CI job runs it, in the evidence repository. */
function sh(command: string, cwd: string) {
  const run = spawnSync(command, { cwd, shell: true, encoding: 'utf8', env: offline, timeout: 240_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** An evidence repository as docs/evidence-repository.md describes it: the sample under evidence/. */
function evidenceRepository(evidence = join(repo, 'fixtures', 'sample')): string {
  const dir = mkdtempSync(join(tmpdir(), 'involve-evidence-'));
  cpSync(evidence, join(dir, 'evidence'), { recursive: true });
  return dir;
}

describe('the package, installed as the docs say', () => {
  it('installs globally from its tarball and runs involve --version and an audit', () => {
    const prefix = join(dirname(tarball), 'prefix');
    execFileSync(npm, ['install', '--global', '--prefix', prefix, tarball], { ...quiet, env: offline, timeout: 240_000 });
    const bin = join(prefix, 'bin', 'involve');
    const run = (args: string[]) => execFileSync(bin, args, { cwd: dirname(tarball), encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run(['--version']).trim()).toBe((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version);
    const report = JSON.parse(run(['audit', examples, '--format', 'json']));
    expect(report.summary).toMatchObject({ files: 1, green: 1 });
    expect(run(['rules', '--rules', 'oxfordshire-daat-2009'])).toContain('advocacy-services-promoted');
  }, 300_000);

  it("runs docs/ci's GitLab and Jenkins jobs in an evidence repository that keeps involve as a devDependency", () => {
    const dir = evidenceRepository();
    writeFileSync(join(dir, 'package.json'), '{ "name": "evidence", "private": true }\n');
    expect(sh(`npm install --save-dev "${tarball}"`, dir).status).toBe(0);

    const gitlab = (parse(readFileSync(join(repo, 'docs', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; artifacts: { reports: { junit: string }; paths: string[] } }>)['audit-evidence']!;
    const jenkinsfile = readFileSync(join(repo, 'docs', 'ci', 'Jenkinsfile'), 'utf8');
    const jenkins = {
      script: [...jenkinsfile.matchAll(/^\s*sh '([^']+)'/gm)].map((m) => m[1]!),
      kept: [...jenkinsfile.matchAll(/(?:testResults|artifacts): '([^']+)'/g)].map((m) => m[1]!),
    };
    for (const [job, script, kept] of [
      ['GitLab CI', gitlab.script, [gitlab.artifacts.reports.junit, ...gitlab.artifacts.paths]],
      ['Jenkins', jenkins.script, jenkins.kept],
    ] as const) {
      expect(script.length, job).toBe(2);
      const [install, audit] = script.map((command) => sh(command, dir));
      expect(install!.status, `${job}: ${script[0]}\n${install!.output}`).toBe(0);
      // The sample has red returns: the job fails, as it should, and still leaves the reports it publishes.
      expect(audit!.status, `${job}: ${script[1]}\n${audit!.output}`).toBe(1);
      expect(audit!.output, job).toContain('trent-house-rehab');
      for (const file of kept) expect(existsSync(join(dir, file)), `${job} keeps ${file}`).toBe(true);
    }
    expect(readFileSync(join(dir, gitlab.artifacts.reports.junit), 'utf8')).toContain('<testsuites');
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it.skipIf(NO_PRE_COMMIT)('runs as the pre-commit hook the docs configure, pinned to a commit, on the returns alone', () => {
    // This checkout as a git repository of its own (tracked files and new ones not ignored), so the hook is the code under test.
    const source = mkdtempSync(join(tmpdir(), 'involve-source-'));
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], quiet).split('\0').filter((f) => f && existsSync(join(repo, f)));
    for (const file of files) cpSync(join(repo, file), join(source, file));
    const git = (args: string[], cwd: string) => execFileSync('git', ['-c', 'user.name=involve tests', '-c', 'user.email=tests@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
    git(['init', '-q'], source);
    git(['add', '-A'], source);
    git(['commit', '-q', '-m', 'the checkout under test'], source);
    const commit = git(['rev-parse', 'HEAD'], source).trim();

    // An evidence repository with a green return, the docs' pre-commit config, and CI files the hook must not read.
    const dir = evidenceRepository(join(examples));
    const guide = readFileSync(join(repo, 'docs', 'evidence-repository.md'), 'utf8');
    const config = /```yaml\n(# \.pre-commit-config\.yaml[\s\S]*?)```/.exec(guide)![1]!;
    writeFileSync(join(dir, '.pre-commit-config.yaml'), config.replace('<repository-url>', source).replace('<commit-or-tag>', commit));
    cpSync(join(repo, 'docs', 'ci', 'gitlab-ci.yml'), join(dir, '.gitlab-ci.yml'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    cpSync(join(repo, 'docs', 'ci', 'github-actions.yml'), join(dir, '.github', 'workflows', 'involve.yml'));
    git(['init', '-q'], dir);
    git(['add', '-A'], dir);
    git(['commit', '-q', '-m', 'evidence'], dir);

    const env = { ...offline, PRE_COMMIT_HOME: join(dir, '..', `${dir.split(/[\\/]/).pop()}-pre-commit`) };
    const preCommit = (args: string[]) => {
      const run = spawnSync('pre-commit', ['run', '--color', 'never', ...args], { cwd: dir, encoding: 'utf8', env, timeout: 280_000 });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    };
    const green = preCommit(['--all-files']);
    expect(green.output).toMatch(/involve audit \(service user involvement evidence\)\.+Passed/);
    expect(green.status, green.output).toBe(0);

    cpSync(join(repo, 'fixtures', 'sample', '2026-Q3', 'trent-house-rehab.yaml'), join(dir, 'evidence', '2026-Q3', 'trent-house-rehab.yaml'));
    git(['add', '-A'], dir);
    const red = preCommit(['--files', 'evidence/2026-Q3/trent-house-rehab.yaml']);
    expect(red.output).toContain('charter-displayed');
    expect(red.status).toBe(1);
    for (const made of [source, dir, env.PRE_COMMIT_HOME]) rmSync(made, { recursive: true, force: true });
  }, 300_000);
});
