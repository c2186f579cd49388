// Test helpers: run the CLI in-process through run(), or spawn the built bin/involve.js as a user would.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/model.ts';

export const repo = join(import.meta.dirname, '..', '..');
/** The example return from the evidence format, with its attachments (fixtures/examples/README.md). */
export const examples = join(repo, 'fixtures', 'examples');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; tty?: boolean; columns?: number } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: options.columns ?? 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: options.cwd ?? repo,
    env: options.env ?? {},
  });
  return { status, stdout, stderr };
}

/** `involve audit ARGS --format json --fail-on never`, in-process, as the report it prints; a run that fails throws. */
export async function auditReport(...args: string[]): Promise<Report> {
  const { status, stdout, stderr } = await runCli(['audit', ...args, '--format', 'json', '--fail-on', 'never']);
  if (status !== 0) throw new Error(`involve audit ${args.join(' ')} exited ${status}: ${stderr}`);
  return JSON.parse(stdout) as Report;
}

/** The built CLI in a child process, with a clean environment: what CI and users run. */
export function spawnCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult & { signal: NodeJS.Signals | null } {
  const child = spawnSync(process.execPath, [join(repo, 'bin', 'involve.js'), ...args], {
    cwd: options.cwd ?? repo,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
    // Node's default of 1 MiB would end a child that prints a large report, and look like a hang.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr, signal: child.signal };
}

/**
 * A report without its missing returns: for the format tests about what each file gives, on the sample, whose
 * register makes returns missing. Missing returns in every format have their own tests (tests/config/register.test.ts).
 */
export function withoutMissing(report: Report): Report {
  return { ...report, missing: [], summary: { ...report.summary, missing: 0 }, history: { ...report.history, providers: report.history.providers.filter((p) => p.statuses.some((s) => s !== null)) } };
}
