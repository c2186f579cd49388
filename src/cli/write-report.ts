// CLI: sends a report to stdout, or writes it to a file atomically (temporary file, then rename), whole or a piece at
// a time, so a reader never sees half a report and an interrupted run leaves the old file as it was.
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Io } from './io.ts';
import { temporaryFiles, type SignalTarget } from './signals.ts';

/** Text, or text already encoded as UTF-8 (a worker's, written out without being made a string). */
export type Piece = string | Uint8Array;

export interface Output {
  write(piece: Piece): void;
  /** Puts what was written in place. */
  finish(): void;
  /** Removes the temporary file; a file already at the path stays as it was. */
  abort(): void;
}

/**
 * mkdir -p, one level at a time. Node's own recursive mkdir never returns where a folder cannot be made in a parent
 * that exists (under /proc, measured on Node 20): the run would hang.
 */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw error;
    makeFolder(dirname(dir));
    mkdirSync(dir);
  }
}

function writeAll(fd: number, piece: Piece): void {
  const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

/**
 * Where a file is written before it is renamed into place: beside it. The random part keeps a temporary left by a
 * run killed with SIGKILL from blocking a later run given the same pid; it need not be unguessable, because the
 * file is created with 'wx', which refuses any path that exists, a planted link included.
 */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(16).slice(2, 10)}.tmp`);
}

/**
 * Writes `path` so that it holds either its old contents or all of the new ones, whatever happens: the temporary
 * file sits beside it (a rename is atomic only within one file system) and is removed on an error, on `abort`, or,
 * with `signals`, when SIGINT, SIGTERM or SIGHUP ends the run. `replace: false` never overwrites: a hard link fails
 * with EEXIST where a rename would replace, all or nothing, and never over someone's work.
 */
export function openAtomically(path: string, signals?: SignalTarget, replace = true): Output {
  try {
    return openAtomicallyAt(path, signals, replace);
  } catch (error) {
    throw cannotWrite(error, path);
  }
}

/** A report or file that cannot be written where the user asked: said with that path, not a temporary file's. */
export class CannotWrite extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`cannot write ${path}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

const cannotWrite = (error: unknown, path: string) => (error instanceof CannotWrite ? error : new CannotWrite(path, (error as NodeJS.ErrnoException)?.code, error));

function openAtomicallyAt(path: string, signals: SignalTarget | undefined, replace: boolean): Output {
  if (replace && isSpecial(path)) return openDirectly(path);
  makeFolder(dirname(path));
  const temporary = temporaryPathFor(path);
  const pending = temporaryFiles(signals);
  pending.add(temporary);
  let fd: number | undefined;
  const abort = () => {
    try {
      if (fd !== undefined) closeSync(fd);
    } finally {
      fd = undefined;
      rmSync(temporary, { force: true });
      pending.delete(temporary);
    }
  };
  const guarded = (step: () => void) => {
    try {
      step();
    } catch (error) {
      abort();
      throw cannotWrite(error, path);
    }
  };
  guarded(() => (fd = openSync(temporary, 'wx')));
  return {
    write: (piece) => guarded(() => writeAll(fd!, piece)),
    finish: () =>
      guarded(() => {
        // Renaming before the data is on disk can leave an empty file after a power cut (ext4, XFS).
        fsyncSync(fd!);
        closeSync(fd!);
        fd = undefined;
        if (replace) renameSync(temporary, path);
        else {
          linkSync(temporary, path);
          rmSync(temporary, { force: true });
        }
        pending.delete(temporary);
      }),
    abort,
  };
}

/** A device or a pipe (`--output /dev/null`, `--report junit=/dev/stdout`): renaming over it would replace it with a file. */
function isSpecial(path: string): boolean {
  try {
    const stat = statSync(path);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

/** Writes straight into a device or pipe, which has no old contents to keep. */
function openDirectly(path: string): Output {
  let fd: number | undefined = openSync(path, 'w');
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    write: (piece) => writeAll(fd!, piece),
    finish: close,
    abort: close,
  };
}

export function writeFileAtomically(path: string, text: string, signals?: SignalTarget, replace = true): void {
  const file = openAtomically(path, signals, replace);
  file.write(text);
  file.finish();
}

// Small enough that the pieces waiting here die young (cheap to collect); large enough for few system calls.
const FLUSH_AT = 1 << 16;

const utf8 = new TextDecoder();

/** Where a report's gathered pieces go: stdout, or a file written atomically. */
function destination(output: string | undefined, io: Io): Pick<Output, 'finish' | 'abort'> & { write(pieces: Piece[]): void } {
  if (output === undefined || output === '-') {
    return { write: (pieces) => io.stdout.write(pieces.map((p) => (typeof p === 'string' ? p : utf8.decode(p))).join('')), finish() {}, abort() {} };
  }
  const file = openAtomically(resolve(io.cwd, output), io.signals);
  const bytes = (pieces: Piece[]) => (pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  return { write: (pieces) => file.write(bytes(pieces)), finish: file.finish, abort: file.abort };
}

/** A report to stdout (`-` or no file) or atomically to a file, whole or in pieces (gathered into writes of about 64 KB); it ends with a newline. */
export function openReport(output: string | undefined, io: Io): Output {
  const target = destination(output, io);
  let pending: Piece[] = [];
  let size = 0;
  let endsLine = false;
  const flush = () => {
    if (pending.length > 0) target.write(pending);
    pending = [];
    size = 0;
  };
  return {
    write(piece) {
      if (piece.length === 0) return;
      pending.push(piece);
      size += piece.length;
      endsLine = typeof piece === 'string' ? piece.endsWith('\n') : piece.at(-1) === 0x0a;
      if (size >= FLUSH_AT) flush();
    },
    finish() {
      if (!endsLine) pending.push('\n');
      flush();
      target.finish();
    },
    abort() {
      pending = [];
      target.abort();
    },
  };
}

export function writeReport(text: string, output: string | undefined, io: Io): void {
  const report = openReport(output, io);
  report.write(text);
  report.finish();
}
