// The build cannot lie: a dependency patch that no longer applies fails it, and --if-needed builds again whenever
// anything the bundle is made of has changed (scripts/build.mjs, patch-dependencies.mjs, build-inputs.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUILD_INPUTS, isBuilt } from '../scripts/build-inputs.mjs';
import { applyPatch, PATCHES, patchDependencies, type Patch } from '../scripts/patch-dependencies.mjs';
import { repo } from './cli/run-cli.ts';

const patch: Patch = { package: 'left-pad', file: 'lib/pad.js', from: 'slow();', to: 'fast();' };

describe('applyPatch', () => {
  it('replaces the one place its text is, and takes the replacement literally', () => {
    expect(applyPatch('a();\nslow();\nb();\n', patch)).toBe('a();\nfast();\nb();\n');
    expect(applyPatch('slow();', { ...patch, to: "x.replace(/a/, '$&$1');" })).toBe("x.replace(/a/, '$&$1');");
  });

  it('fails, in one line naming the package, the file and the text, when the text is gone', () => {
    expect(() => applyPatch('slow(1);', patch)).toThrow(new Error('the patch of left-pad lib/pad.js does not apply: the file no longer holds "slow();"'));
  });

  it('fails when the text is there twice, since which one was meant is no longer known', () => {
    expect(() => applyPatch('slow();\nslow();\n', patch)).toThrow(new Error('the patch of left-pad lib/pad.js does not apply: the file holds more than once "slow();"'));
  });

  it.each(PATCHES.map((p) => [`${p.package} ${p.file}`, p]))('applies %s to the installed package', (_, shipped) => {
    const source = readFileSync(join(repo, 'node_modules', shipped.package, shipped.file), 'utf8');
    expect(applyPatch(source, shipped)).toContain(shipped.to);
  });

  it('patches only packages pinned to one exact version, in package.json and in the lock', () => {
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
    for (const name of new Set(PATCHES.map((p) => p.package))) {
      const installed = JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')).version;
      const pinned = manifest.dependencies[name] ?? manifest.overrides['cli-table3'][name];
      expect(pinned, name).toBe(installed);
      expect(lock.packages[`node_modules/${name}`].version, name).toBe(installed);
      // No second copy at another version, which the patch would meet unpinned.
      expect(Object.keys(lock.packages).filter((path) => path.endsWith(`node_modules/${name}`)), name).toEqual([`node_modules/${name}`]);
    }
    expect(lock.packages[''].dependencies).toEqual(manifest.dependencies);
  });
});

describe('the patch-dependencies plugin', () => {
  /** Bundles an entry requiring left-pad/lib/pad.js (holding `source`), or nothing when `source` is undefined. */
  function bundle(source: string | undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'involve-patch-'));
    if (source !== undefined) {
      mkdirSync(join(dir, 'node_modules', 'left-pad', 'lib'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'left-pad', 'lib', 'pad.js'), source);
    }
    writeFileSync(join(dir, 'entry.js'), source === undefined ? 'module.exports = 1;\n' : "require('left-pad/lib/pad.js');\n");
    return build({ entryPoints: [join(dir, 'entry.js')], absWorkingDir: dir, bundle: true, write: false, platform: 'node', logLevel: 'silent', plugins: [patchDependencies([patch])] });
  }

  it('bundles the patched file', async () => {
    const result = await bundle('slow();\n');
    expect(result.outputFiles[0]!.text).toContain('fast();');
    expect(result.outputFiles[0]!.text).not.toContain('slow();');
  });

  it('fails the build when the patch does not apply', async () => {
    await expect(bundle('slow(1);\n')).rejects.toMatchObject({
      errors: [expect.objectContaining({ pluginName: 'patch-dependencies', text: 'the patch of left-pad lib/pad.js does not apply: the file no longer holds "slow();"' })],
    });
  });

  it('fails the build when the patched file is not bundled at all', async () => {
    await expect(bundle(undefined)).rejects.toMatchObject({
      errors: [expect.objectContaining({ pluginName: 'patch-dependencies', text: 'the patch of left-pad lib/pad.js does not apply: no such file was bundled' })],
    });
  });
});

/**
 * A copy of what the build reads, in a temporary folder, with the repository's packages linked in; `changed` names a
 * package copied instead, for the test to change.
 */
function checkoutCopy(changed?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'involve-build-'));
  for (const input of BUILD_INPUTS) cpSync(join(repo, input), join(dir, input), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(repo, 'node_modules'))) {
    if (name.startsWith('.')) continue;
    if (name === changed) cpSync(join(repo, 'node_modules', name), join(dir, 'node_modules', name), { recursive: true });
    else symlinkSync(join(repo, 'node_modules', name), join(dir, 'node_modules', name), 'junction');
  }
  return dir;
}

const runBuild = (dir: string, ...args: string[]) => spawnSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: dir, encoding: 'utf8' });

describe('node scripts/build.mjs', () => {
  it('fails, with one line naming the package, the file and the text, when a patch no longer applies', () => {
    const dir = checkoutCopy('cli-table3');
    const cell = join(dir, 'node_modules', 'cli-table3', 'src', 'cell.js');
    writeFileSync(cell, readFileSync(cell, 'utf8').replace('utils.truncate(this.content, 10, this.truncate)', 'utils.truncate(this.content, 12, this.truncate)'));
    const { status, stdout, stderr } = runBuild(dir);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('build: the patch of cli-table3 src/cell.js does not apply: the file no longer holds "let content = utils.truncate(this.content, 10, this.truncate);"\n');
    expect(existsSync(join(dir, 'dist', 'involve.js'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('with --if-needed, builds when the lock changed after the bundle and not otherwise', () => {
    const dir = checkoutCopy();
    const bundled = join(dir, 'dist', 'involve.js');
    mkdirSync(dirname(bundled));
    writeFileSync(bundled, '// an older bundle\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(bundled, later, later);
    expect(runBuild(dir, '--if-needed').status).toBe(0);
    expect(readFileSync(bundled, 'utf8')).toBe('// an older bundle\n');
    const latest = new Date(Date.now() + 120_000);
    utimesSync(join(dir, 'package-lock.json'), latest, latest);
    const { status, stderr } = runBuild(dir, '--if-needed');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(readFileSync(bundled, 'utf8')).toMatch(/^export \{[^}]*\brun\b/m);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('bin/involve.js', () => {
  it('says in one line that a copy was never built, rather than a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'involve-unbuilt-'));
    cpSync(join(repo, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(repo, 'package.json'), join(dir, 'package.json'));
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'involve.js'), '--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('involve: this copy was never built (it has no dist/): install it from a tarball made by npm pack, or run npm ci in a clone\n');
    expect(run.status).toBe(2);
  });
});

describe('isBuilt', () => {
  /** A tree holding every build input (folders with a file in them), all changed at `time`. */
  function tree(time: Date): string {
    const dir = mkdtempSync(join(tmpdir(), 'involve-inputs-'));
    for (const input of BUILD_INPUTS) {
      const file = /\.\w+$/.test(input) ? join(dir, input) : join(dir, input, 'a.ts');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, '');
      utimesSync(file, time, time);
      if (file !== join(dir, input)) utimesSync(join(dir, input), time, time);
    }
    return dir;
  }
  // Long past, so that a change made now is later still.
  const [before, after, later] = [new Date('2000-01-01T00:00:00Z'), new Date('2000-01-02T00:00:00Z'), new Date('2000-01-03T00:00:00Z')];

  function built(dir: string, time: Date): void {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'involve.js'), '');
    utimesSync(join(dir, 'dist', 'involve.js'), time, time);
  }

  it('holds when the bundle was written after every input, and not when there is no bundle', () => {
    const dir = tree(before);
    expect(isBuilt('dist/involve.js', dir)).toBe(false);
    built(dir, after);
    expect(isBuilt('dist/involve.js', dir)).toBe(true);
  });

  it.each(BUILD_INPUTS.map((input) => [input]))('does not hold once %s changed after the bundle', (input) => {
    const dir = tree(before);
    built(dir, after);
    const changed = /\.\w+$/.test(input) ? join(dir, input) : join(dir, input, 'a.ts');
    utimesSync(changed, later, later);
    expect(isBuilt('dist/involve.js', dir)).toBe(false);
  });

  it('does not hold once a file was removed from a source folder', () => {
    const dir = tree(before);
    writeFileSync(join(dir, 'rules', 'b.yaml'), '');
    utimesSync(join(dir, 'rules', 'b.yaml'), before, before);
    built(dir, after);
    rmSync(join(dir, 'rules', 'b.yaml'));
    expect(statSync(join(dir, 'rules')).mtimeMs).toBeGreaterThan(after.getTime());
    expect(isBuilt('dist/involve.js', dir)).toBe(false);
  });

  it('counts every script the build imports among its inputs', () => {
    const imported = (file: string): string[] => {
      const text = readFileSync(join(repo, file), 'utf8');
      const local = [...text.matchAll(/from '(\.\/[^']+)'/g)].map((m) => join(dirname(file), m[1]!).split('\\').join('/'));
      return [file, ...local.flatMap(imported)];
    };
    expect(BUILD_INPUTS).toEqual(expect.arrayContaining(imported('scripts/build.mjs')));
  });
});
