// Load stage: one found file → parsed YAML or located errors, refusing anything that is not a small regular file.
import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';
import type { Diagnostic } from '../diagnostic.ts';
import type { FoundFile } from './find-evidence.ts';
import { DEFAULT_LIMITS, parseYaml, tooLarge, type FileKind, type ReadLimits, type ReadResult } from './read-yaml.ts';

const refuse = (file: string, code: Diagnostic['code'], message: string): ReadResult => ({
  ok: false,
  errors: [{ code, severity: 'error', message, file, line: 1, column: 1 }],
});

/** `kind`: what the file is, named in its messages; the rule packs and the config are read here too. */
export function readEvidenceFile(found: Pick<FoundFile, 'file' | 'absolute' | 'refused'>, limits: ReadLimits = DEFAULT_LIMITS, kind: FileKind = 'evidence'): ReadResult {
  if (found.refused) return refuse(found.file, 'not-a-file', found.refused);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(found.absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'the file disappeared' : code ?? 'unknown error';
    return refuse(found.file, 'file-unreadable', `cannot read the file (${why})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse(found.file, 'not-a-file', 'not a regular file (a folder, FIFO, socket or device); not read');
    if (stats.size > limits.maxBytes) {
      return refuse(found.file, 'file-too-large', tooLarge(stats.size, limits.maxBytes, kind));
    }
    const bytes = Buffer.allocUnsafe(Math.min(stats.size, limits.maxBytes) + 1);
    let length = 0;
    for (let n; length < bytes.length && (n = readSync(fd, bytes, length, bytes.length - length, null)) > 0; ) length += n;
    return parseYaml(bytes.subarray(0, length), found.file, limits, { kind });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return refuse(found.file, 'file-unreadable', `cannot read the file (${code})`);
  } finally {
    closeSync(fd);
  }
}
