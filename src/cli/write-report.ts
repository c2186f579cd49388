// CLI: sends a rendered report to stdout, or writes it to a file atomically (temporary file, then rename),
// so a reader never sees half a report and an interrupted run leaves the old file as it was.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Io } from './io.ts';

export function writeReport(text: string, output: string | undefined, io: Io): void {
  if (output === undefined || output === '-') {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  writeFileAtomically(resolve(io.cwd, output), text.endsWith('\n') ? text : `${text}\n`);
}

export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
