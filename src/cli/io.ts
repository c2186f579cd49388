// CLI: the process's streams and environment, passed in so every command runs the same in tests.
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
}
