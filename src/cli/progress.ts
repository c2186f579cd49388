// CLI: a one-line "audited n of N files" on stderr while a long audit runs; only on a terminal and never in CI.
import type { Io } from './io.ts';

export interface Progress {
  tick(done: number): void;
  done(): void;
}

const SILENT: Progress = { tick() {}, done() {} };

export function progressOn(io: Io, total: number, now: () => number = Date.now): Progress {
  if (!io.stderr.isTTY || io.env.CI || total < 2) return SILENT;
  let shownAt = 0;
  let shown = false;
  return {
    tick(done) {
      // Redrawing for every file would cost more than auditing it; ten times a second is enough to see it move.
      if (now() - shownAt < 100) return;
      shownAt = now();
      shown = true;
      io.stderr.write(`\r\u001b[2Kauditing ${done} of ${total} files…`);
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}
