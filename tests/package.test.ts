// The package as a user gets it: `npm pack`, installed from the tarball into an empty prefix, then run from there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examples, repo } from './cli/run-cli.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the published package', () => {
  it('installs from its tarball and runs involve --version and an audit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-pack-'));
    const quiet = { cwd: repo, encoding: 'utf8' as const, stdio: 'pipe' as const };
    execFileSync(npm, ['pack', '--pack-destination', dir, '--silent'], quiet);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const prefix = join(dir, 'prefix');
    // --prefer-offline: the dependencies are in npm's cache from `npm ci`; the registry is asked only when not.
    execFileSync(npm, ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball)], { ...quiet, timeout: 240_000 });
    const bin = join(prefix, 'bin', 'involve');
    const run = (args: string[]) => execFileSync(bin, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run(['--version']).trim()).toBe(JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], quiet)).version);
    const report = JSON.parse(run(['audit', examples, '--format', 'json']));
    expect(report.summary).toMatchObject({ files: 1, green: 1 });
    expect(run(['rules', '--rules', 'oxfordshire-daat-2009'])).toContain('advocacy-services-promoted');
  }, 300_000);
});
