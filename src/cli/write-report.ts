// CLI: sends a rendered report to stdout, or writes it to a file atomically (temporary file, then rename),
// so a reader never sees half a report and an interrupted run leaves the old file as it was.
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Io } from './io.ts';
import { temporaryFiles, type SignalTarget } from './signals.ts';

export function writeReport(text: string, output: string | undefined, io: Io): void {
  if (output === undefined || output === '-') {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  writeFileAtomically(resolve(io.cwd, output), text.endsWith('\n') ? text : `${text}\n`, io.signals);
}

/**
 * Where a report is written before it is renamed into place: beside it. The random part keeps a temporary left by
 * a run killed with SIGKILL from blocking a later run given the same pid; it need not be unguessable, because the
 * file is created with 'wx', which refuses any path that exists, a planted link included.
 */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(16).slice(2, 10)}.tmp`);
}

/**
 * Writes `text` to `path` so that `path` holds either its old contents or all of the new ones, whatever
 * happens: the temporary file sits beside it (a rename is atomic only within one file system) and is
 * removed on an error or, with `signals`, when SIGINT, SIGTERM or SIGHUP ends the run.
 */
export function writeFileAtomically(path: string, text: string, signals?: SignalTarget, replace = true): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryPathFor(path);
  const pending = temporaryFiles(signals);
  pending.add(temporary);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeFileSync(fd, text);
      // Renaming before the data is on disk can leave an empty report after a power cut (ext4, XFS).
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (replace) renameSync(temporary, path);
    else {
      // A hard link fails with EEXIST rather than replace: all or nothing, and never over someone's work.
      linkSync(temporary, path);
      rmSync(temporary, { force: true });
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    pending.delete(temporary);
  }
}
