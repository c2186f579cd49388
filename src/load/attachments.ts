// Load stage: what each `evidence:` attachment is on disk, found before evaluation so the rules stay pure.
// A path is never followed out of the evidence repository, and no attachment is opened except to hash it.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

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
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 16);
  const fd = openSync(file, 'r');
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function inspect(ref: string, sha256: string | undefined, fileDir: string, root: string, realRoot: string): AttachmentProblem | undefined {
  // Windows drive and UNC paths are absolute wherever the audit runs.
  if (isAbsolute(ref) || /^[a-zA-Z]:[\\/]/.test(ref) || ref.startsWith('\\\\')) return 'absolute';
  const target = resolve(fileDir, ref);
  if (!inside(root, target)) return 'escapes';
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return 'missing';
  }
  if (!inside(realRoot, real)) return 'outside';
  try {
    if (!statSync(real).isFile()) return 'not-a-file';
    if (sha256 && sha256Of(real) !== sha256.toLowerCase()) return 'hash-mismatch';
  } catch {
    return 'unreadable';
  }
  return undefined;
}

/** Every entry of every `evidence:` list in `evidence`, with what is wrong with it, if anything. */
export function inspectAttachments(evidence: unknown, fileDir: string, root: string): AttachmentState[] {
  const states: AttachmentState[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
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
            const problem = inspect(ref, sha256, fileDir, root, realRoot);
            states.push({ path: [...path, key, i], ref, ...(problem ? { problem } : {}) });
          });
        } else visit(value, [...path, key]);
      }
    }
  };
  visit(evidence, []);
  return states;
}
