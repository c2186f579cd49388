#!/usr/bin/env node
// Sets the exit code from run() and nothing else, so every command is testable in-process.
import { run } from '../dist/involve.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
