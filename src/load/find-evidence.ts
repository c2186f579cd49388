// Load stage: turns the paths on the command line into a stable, sorted list of evidence files.
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface FoundFile {
  /** The path as found from the argument given, with `/` separators (the JSON `file` field). */
  file: string;
  /** Absolute path to read. */
  absolute: string;
  /** The folder it was found under (or, for a file named on the command line, its folder). */
  root: string;
  /** Set when the file must not be read; the reason becomes its error. */
  refused?: string;
}

export class MissingPathError extends Error {}

const EVIDENCE = /\.ya?ml$/i;
// A pack test's expected results (<name>.expected.yaml beside <name>.yaml) are never a return.
const EXPECTED = /\.expected\.ya?ml$/i;
/** A folder holding this is a rule pack: its rule files and its tests are not returns. */
const PACK_FILE = 'pack.yaml';
// Not evidence, though they sit in an evidence repository.
const NOT_EVIDENCE = new Set(['involve.config.yaml', 'involve.config.yml', '.pre-commit-hooks.yaml', 'pack.yaml', 'obligations.yaml', 'cases.yaml']);

// UTF-8 byte order is code-point order; `<` on strings compares UTF-16 units and puts U+1F600 before U+FF5A.
// The two agree below U+D800, where nearly every path is, so `<` sorts those; otherwise the first differing
// units are ranked as code points (surrogates, which only code points from U+10000 use, above U+E000-U+FFFF).
const BEYOND_D800 = /[\ud800-\uffff]/;
const rank = (unit: number) => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

function sortByCodePoint(files: FoundFile[]): FoundFile[] {
  const unitOrderWillDo = !files.some((f) => BEYOND_D800.test(f.file));
  return files.sort(unitOrderWillDo ? (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) : (a, b) => compareCodePoints(a.file, b.file));
}
const slashes = (p: string) => p.split(sep).join('/');

/** `packs` gathers each rule-pack folder passed over (as found), for the run to say why it read nothing there. */
export function findEvidence(paths: readonly string[], cwd: string, packs: string[] = []): FoundFile[] {
  const found = new Map<string, FoundFile>();
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new MissingPathError(`no such file or folder: ${given}`);
    }
    if (stats.isDirectory()) {
      const root = realpathSync(absolute);
      walk(absolute, slashes(given).replace(/\/+$/, '') || '.', root, found, packs);
    } else {
      found.set(absolute, { file: slashes(given), absolute, root: dirname(absolute) });
    }
  }
  return sortByCodePoint([...found.values()]);
}

function walk(dir: string, shown: string, root: string, found: Map<string, FoundFile>, packs: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((entry) => entry.name === PACK_FILE && !entry.isDirectory())) {
    packs.push(shown);
    return;
  }
  // A folder's path and a name from readdir need no normalising; path.join would build each path from a dozen
  // pieces that stay in memory with it (100,000 files held 70 MB of paths), where this shares the folder's.
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const entry of entries) {
    const absolute = prefix + entry.name;
    const file = shown === '.' ? entry.name : `${shown}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(absolute, file, root, found, packs);
    } else if (EVIDENCE.test(entry.name) && !NOT_EVIDENCE.has(entry.name) && !entry.name.startsWith('.') && !EXPECTED.test(entry.name)) {
      // A hidden file in a folder (.gitlab-ci.yml, .pre-commit-config.yaml) is a tool's, not a return; one named on
      // the command line is read as given.
      // Symlinked folders are never entered (loops); a symlinked file is read only if it stays inside the tree.
      found.set(absolute, entry.isSymbolicLink() ? checkLink(absolute, file, root) : { file, absolute, root });
    }
  }
}

function checkLink(absolute: string, file: string, root: string): FoundFile {
  try {
    const target = realpathSync(absolute);
    const rel = relative(root, target);
    // `..notes.yaml` is a file name inside the tree, not a step out of it.
    const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
    if (!inside) return { file, absolute, root, refused: 'symbolic link points outside the audited folder; not read' };
    if (lstatSync(target).isDirectory()) return { file, absolute, root, refused: 'symbolic link points to a folder; not read' };
    return { file, absolute: target, root };
  } catch {
    return { file, absolute, root, refused: 'symbolic link is broken or loops; not read' };
  }
}
