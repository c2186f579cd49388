#!/usr/bin/env node
// Sets the exit code from run() and nothing else, so every command is testable in-process. Only here is the
// process handed over for signals, so that an interrupted run can remove the report file it was writing.
import { existsSync } from 'node:fs';

// A copy of the source that was never built (GitHub's "Source code" archive, say) has no dist/: one line, not a stack.
const bundle = new URL('../dist/involve.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('involve: this copy was never built (it has no dist/): install it from a tarball made by npm pack, or run npm ci in a clone\n');
  process.exit(2);
}
const { run } = await import(bundle.href);

// A reader that stops early (`involve audit . | head`) closes the pipe. Node would print EPIPE with a stack; a
// closed reader only means no more output is wanted, so the run goes on silently to write its report files and
// end with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signals: process,
});
