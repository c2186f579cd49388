// CLI: the process's streams and environment, passed in so every command runs the same in tests.
import type { SignalTarget } from './signals.ts';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The process itself, from bin/involve.js only: a report file being written is removed if a signal ends the run. */
  signals?: SignalTarget;
}
