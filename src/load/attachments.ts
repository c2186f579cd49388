// Load stage: what each `evidence:` attachment is on disk, found before evaluation so the rules stay pure.
// A path is never followed out of the evidence repository, and no attachment is opened except to hash it.
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';

// One realpath(3) call instead of an lstat per path component: audits resolve every attachment of every file.
const realpath = realpathSync.native;
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type AttachmentProblem = 'absolute' | 'escapes' | 'outside' | 'missing' | 'not-a-file' | 'hash-mismatch' | 'unreadable';

export interface AttachmentState {
  /** Key path of the entry in the evidence file. */
  path: (string | number)[];
  /** The path as the provider wrote it. */
  ref: string;
  problem?: AttachmentProblem;
}

const inside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

function sha256Of(file: string): string {
  // Loaded only when a return gives a hash to check: most never do, and crypto is slow to load.
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 16);
  const fd = openSync(file, 'r');
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * What a run has learnt of its folders, kept from file to file: a repository has few folders and many returns,
 * which list the same attachments (an lstat and a realpath for each took a sixth of a file's audit).
 */
export class FolderCache {
  private readonly reals = new Map<string, string>();
  private readonly plainFiles = new Map<string, Set<string> | null>();

  /** Where `dir` really is. */
  real(dir: string): string {
    let real = this.reals.get(dir);
    if (real === undefined) this.reals.set(dir, (real = realpath(dir)));
    return real;
  }

  /**
   * Whether `dir`, listed once, holds a regular file named `name` (not a link). No is not an answer: the file may
   * have been made since, or be there under another case on a file system that ignores case; ask lstat.
   */
  holdsPlainFile(dir: string, name: string): boolean {
    let names = this.plainFiles.get(dir);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name));
      } catch {
        names = null;
      }
      this.plainFiles.set(dir, names);
    }
    return names?.has(name) ?? false;
  }
}

function inspect(ref: string, sha256: string | undefined, fileDir: string, root: string, realRoot: string, folders: FolderCache): AttachmentProblem | undefined {
  // Windows drive and UNC paths are absolute wherever the audit runs.
  if (isAbsolute(ref) || /^[a-zA-Z]:[\\/]/.test(ref) || ref.startsWith('\\\\')) return 'absolute';
  const target = resolve(fileDir, ref);
  if (!inside(root, target)) return 'escapes';
  const [dir, name] = [dirname(target), basename(target)];
  let real: string;
  let stats: Stats | undefined;
  try {
    // What realpath(target) gives, for a target that is not itself a link: its real folder and its name.
    if (folders.holdsPlainFile(dir, name)) real = join(folders.real(dir), name);
    else {
      stats = lstatSync(target);
      real = stats.isSymbolicLink() ? realpath(target) : join(folders.real(dir), name);
    }
  } catch {
    return 'missing';
  }
  if (!inside(realRoot, real)) return 'outside';
  try {
    if (stats && !(stats.isSymbolicLink() ? statSync(real) : stats).isFile()) return 'not-a-file';
    if (sha256 && sha256Of(real) !== sha256.toLowerCase()) return 'hash-mismatch';
  } catch {
    return 'unreadable';
  }
  return undefined;
}

/**
 * Every entry of every `evidence:` list in `evidence`, with what is wrong with it, if anything. Pass the same
 * `folders` for every file of a run.
 */
export function inspectAttachments(evidence: unknown, fileDir: string, root: string, folders = new FolderCache()): AttachmentState[] {
  const states: AttachmentState[] = [];
  let realRoot: string;
  try {
    realRoot = folders.real(root);
  } catch {
    realRoot = root;
  }
  const visit = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...path, i]));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'evidence' && Array.isArray(value)) {
          value.forEach((entry: unknown, i) => {
            const { path: ref, sha256 } = typeof entry === 'string' ? { path: entry, sha256: undefined } : (entry as { path: string; sha256?: string });
            const problem = inspect(ref, sha256, fileDir, root, realRoot, folders);
            states.push({ path: [...path, key, i], ref, ...(problem ? { problem } : {}) });
          });
        } else visit(value, [...path, key]);
      }
    }
  };
  visit(evidence, []);
  return states;
}
