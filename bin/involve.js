#!/usr/bin/env node
// Sets the exit code from run() and nothing else, so every command is testable in-process. Only here is the
// process handed over for signals, so that an interrupted run can remove the report file it was writing.
import { run } from '../dist/involve.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signals: process,
});
