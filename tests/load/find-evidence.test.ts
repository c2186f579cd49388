// Tests for load/find-evidence.ts: which files an audit reads, in what order, under what name, and which it refuses.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEvidence, MissingPathError, type FoundFile } from '../../src/load/find-evidence.ts';

let root: string;
const files = (found: FoundFile[]) => found.map((f) => f.file);
const touch = (path: string) => writeFileSync(join(root, path), 'a: 1\n');

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'involve-find-')));
  for (const dir of ['ev/2026-Q3', 'ev/2026-Q2', 'ev/.git', 'ev/.hidden', 'ev/node_modules/pkg', 'ev/our-pack/tests', 'outside']) mkdirSync(join(root, dir), { recursive: true });
  for (const name of ['b.yaml', 'a.yml', 'B.YAML', 'ｚ.yaml', '😀.yaml', 'é.yaml', 'notes.txt', 'involve.config.yaml', 'obligations.yaml', 'cases.yaml', '..dots.yaml', 'b.expected.yaml']) {
    touch(`ev/2026-Q3/${name}`);
  }
  touch('ev/2026-Q2/old.yaml');
  // A rule pack kept beside the returns: its rule files and its tests are no returns.
  for (const name of ['pack.yaml', 'forum-met.yaml', 'obligations.yaml', 'tests/green.yaml', 'tests/green.expected.yaml']) touch(`ev/our-pack/${name}`);
  touch('ev/involve.config.yml');
  touch('ev/.gitlab-ci.yml');
  touch('ev/2026-Q3/.pre-commit-config.yaml');
  touch('ev/.git/config.yaml');
  touch('ev/.hidden/secret.yaml');
  touch('ev/node_modules/pkg/package.yaml');
  touch('outside/secret.yaml');
  // Links: to a file inside (read), to a name starting with two dots (still inside), out of the tree,
  // to a folder, broken, a loop, and folder links that would loop or leave the tree if followed.
  symlinkSync('b.yaml', join(root, 'ev/2026-Q3/inside-link.yaml'));
  symlinkSync('..dots.yaml', join(root, 'ev/2026-Q3/dots-link.yaml'));
  symlinkSync('../../outside/secret.yaml', join(root, 'ev/2026-Q3/outside-link.yaml'));
  symlinkSync('../2026-Q2', join(root, 'ev/2026-Q3/folder-link.yaml'));
  symlinkSync('nowhere.yaml', join(root, 'ev/2026-Q3/broken-link.yaml'));
  symlinkSync('loop-b.yaml', join(root, 'ev/2026-Q3/loop-a.yaml'));
  symlinkSync('loop-a.yaml', join(root, 'ev/2026-Q3/loop-b.yaml'));
  symlinkSync('..', join(root, 'ev/2026-Q3/up'));
  symlinkSync('../outside', join(root, 'ev/out'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findEvidence', () => {
  it('finds *.yaml and *.yml files in code-point order, skipping dot-folders, dot-files, node_modules and non-evidence YAML', () => {
    expect(files(findEvidence(['ev'], root))).toEqual([
      'ev/2026-Q2/old.yaml',
      'ev/2026-Q3/B.YAML',
      'ev/2026-Q3/a.yml',
      'ev/2026-Q3/b.yaml',
      'ev/2026-Q3/broken-link.yaml',
      'ev/2026-Q3/dots-link.yaml',
      'ev/2026-Q3/folder-link.yaml',
      'ev/2026-Q3/inside-link.yaml',
      'ev/2026-Q3/loop-a.yaml',
      'ev/2026-Q3/loop-b.yaml',
      'ev/2026-Q3/outside-link.yaml',
      // U+00E9, then U+FF5A, then U+1F600: code points, not UTF-16 units (which put the emoji first).
      'ev/2026-Q3/é.yaml',
      'ev/2026-Q3/ｚ.yaml',
      'ev/2026-Q3/😀.yaml',
    ]);
  });

  it("passes over a rule pack's folder (a folder holding pack.yaml), saying which, and every pack test's expected results", () => {
    const packs: string[] = [];
    expect(files(findEvidence(['ev'], root, packs)).filter((f) => f.includes('pack') || f.includes('expected'))).toEqual([]);
    expect(packs).toEqual(['ev/our-pack']);
    const named: string[] = [];
    expect(findEvidence(['ev/our-pack'], root, named)).toEqual([]);
    expect(named).toEqual(['ev/our-pack']);
    // A pack's tests folder audited on its own: its returns are returns, its expected results are not.
    expect(files(findEvidence(['ev/our-pack/tests'], root))).toEqual(['ev/our-pack/tests/green.yaml']);
  });

  it('reads a hidden file named on the command line, as given', () => {
    expect(files(findEvidence(['ev/.gitlab-ci.yml'], root))).toEqual(['ev/.gitlab-ci.yml']);
  });

  it('gives the same order whatever order the arguments come in', () => {
    const forward = files(findEvidence(['ev/2026-Q3/b.yaml', 'ev/2026-Q3/a.yml', 'ev/2026-Q2'], root));
    const backward = files(findEvidence(['ev/2026-Q2', 'ev/2026-Q3/a.yml', 'ev/2026-Q3/b.yaml'], root));
    expect(forward).toEqual(['ev/2026-Q2/old.yaml', 'ev/2026-Q3/a.yml', 'ev/2026-Q3/b.yaml']);
    expect(backward).toEqual(forward);
  });

  it('keeps the form of the argument given, with / separators', () => {
    expect(files(findEvidence(['./ev/2026-Q2/'], root))).toEqual(['./ev/2026-Q2/old.yaml']);
    expect(files(findEvidence(['ev//2026-Q2'], root))).toEqual(['ev//2026-Q2/old.yaml']);
    expect(files(findEvidence(['.'], join(root, 'ev', '2026-Q2')))).toEqual(['old.yaml']);
    expect(files(findEvidence(['../2026-Q2'], join(root, 'ev', '2026-Q3')))).toEqual(['../2026-Q2/old.yaml']);
    expect(files(findEvidence([join(root, 'ev', '2026-Q2')], '/'))).toEqual([`${root}/ev/2026-Q2/old.yaml`]);
    expect(findEvidence(['ev/2026-Q2/old.yaml'], root)).toEqual([{ file: 'ev/2026-Q2/old.yaml', absolute: join(root, 'ev/2026-Q2/old.yaml'), root: join(root, 'ev/2026-Q2') }]);
  });

  it('lists a file once when it is named twice', () => {
    expect(files(findEvidence(['ev/2026-Q2', 'ev/2026-Q2/old.yaml'], root))).toEqual(['ev/2026-Q2/old.yaml']);
  });

  it('takes a file named on the command line whatever its extension', () => {
    expect(files(findEvidence(['ev/2026-Q3/notes.txt'], root))).toEqual(['ev/2026-Q3/notes.txt']);
  });

  it('reads a symlinked file that stays inside the tree from its target', () => {
    const found = findEvidence(['ev'], root);
    const link = found.find((f) => f.file === 'ev/2026-Q3/inside-link.yaml');
    expect(link).toMatchObject({ file: 'ev/2026-Q3/inside-link.yaml', absolute: join(root, 'ev/2026-Q3/b.yaml') });
    // `..dots.yaml` is a name inside the folder, not a way out of it.
    expect(found.find((f) => f.file === 'ev/2026-Q3/dots-link.yaml')).toMatchObject({
      file: 'ev/2026-Q3/dots-link.yaml',
      absolute: join(root, 'ev/2026-Q3/..dots.yaml'),
    });
  });

  it('refuses symlinked files that leave the tree, point to a folder, are broken or loop, with the reason', () => {
    const refused = Object.fromEntries(findEvidence(['ev'], root).filter((f) => f.refused).map((f) => [f.file, f.refused]));
    expect(refused).toEqual({
      'ev/2026-Q3/outside-link.yaml': 'symbolic link points outside the audited folder; not read',
      'ev/2026-Q3/folder-link.yaml': 'symbolic link points to a folder; not read',
      'ev/2026-Q3/broken-link.yaml': 'symbolic link is broken or loops; not read',
      'ev/2026-Q3/loop-a.yaml': 'symbolic link is broken or loops; not read',
      'ev/2026-Q3/loop-b.yaml': 'symbolic link is broken or loops; not read',
    });
  });

  it('never follows a symlinked folder, so a link back up or out of the tree neither loops nor leaks', () => {
    const found = files(findEvidence(['ev'], root));
    expect(found.some((f) => f.includes('/up/') || f.includes('/out/') || f.includes('secret'))).toBe(false);
  });

  it('still walks a symlinked folder named on the command line', () => {
    expect(files(findEvidence(['ev/out'], root))).toEqual(['ev/out/secret.yaml']);
  });

  it('throws MissingPathError for a path that does not exist', () => {
    expect(() => findEvidence(['ev', 'no/such/folder'], root)).toThrow(MissingPathError);
    expect(() => findEvidence(['no/such/folder'], root)).toThrow('no such file or folder: no/such/folder');
  });

  it('finds nothing in an empty folder', () => {
    mkdirSync(join(root, 'empty'));
    expect(findEvidence(['empty'], root)).toEqual([]);
  });
});
