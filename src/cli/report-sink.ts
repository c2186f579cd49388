// CLI: writes a report piece by piece, for a run too large to hold its report in one string, as write-report.ts would.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Io } from './io.ts';
import { temporaryFiles } from './signals.ts';
import { temporaryPathFor } from './write-report.ts';

export interface ReportSink {
  /** Text, or text already encoded as UTF-8. */
  write(text: string | Uint8Array): void;
  /** Ends the report with a newline, as writeReport does, and puts the file in place. */
  finish(): void;
  /** Removes the temporary file; a report already at the path stays as it was. */
  abort(): void;
}

// Small enough that the pieces waiting here die young (cheap to collect); large enough for few system calls.
const FLUSH_AT = 1 << 16;

const utf8 = new TextDecoder();

/**
 * To stdout, or atomically to a file as writeFileAtomically does it: a temporary file beside it, removed on an
 * error or an interrupting signal, flushed to disk, then renamed into place.
 */
export function openReportSink(output: string | undefined, io: Io): ReportSink {
  let pending: (string | Uint8Array)[] = [];
  let size = 0;
  let emit: (pieces: (string | Uint8Array)[]) => void;
  let done = () => {};
  let abort = () => {};
  if (output === undefined || output === '-') {
    emit = (pieces) => io.stdout.write(pieces.map((p) => (typeof p === 'string' ? p : utf8.decode(p))).join(''));
  } else {
    const path = resolve(io.cwd, output);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = temporaryPathFor(path);
    const registry = temporaryFiles(io.signals);
    registry.add(temporary);
    let fd: number | undefined = openSync(temporary, 'wx');
    const close = () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    };
    emit = (pieces) => {
      const bytes = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
      for (let at = 0; at < bytes.length; ) at += writeSync(fd!, bytes, at);
    };
    done = () => {
      try {
        fsyncSync(fd!);
        close();
        renameSync(temporary, path);
      } catch (error) {
        abort();
        throw error;
      }
      registry.delete(temporary);
    };
    abort = () => {
      try {
        close();
      } finally {
        rmSync(temporary, { force: true });
        registry.delete(temporary);
      }
    };
  }
  const flush = () => {
    if (pending.length === 0) return;
    emit(pending);
    pending = [];
    size = 0;
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= FLUSH_AT) flush();
    },
    finish() {
      pending.push('\n');
      flush();
      done();
    },
    abort() {
      pending = [];
      size = 0;
      abort();
    },
  };
}
