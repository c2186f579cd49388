// Bench: runs a command as a child process and measures its wall time and peak resident memory.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const HAVE_GNU_TIME = existsSync(GNU_TIME);

/**
 * Wall time from spawn to exit (hrtime); peak RSS from GNU time's %M (the kernel's own high-water mark,
 * worker threads included) or, without it, from polling /proc/<pid>/status VmHWM, which can miss a late peak.
 */
export function measure(command, args, { cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const stats = join(tmpdir(), `involve-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const [file, argv] = HAVE_GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', stats, command, ...args]] : [command, args];
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const poll = HAVE_GNU_TIME
      ? undefined
      : setInterval(() => {
          try {
            const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
            polledKb = Math.max(polledKb, kb);
          } catch {
            // The child has exited between two polls.
          }
        }, 10);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (poll) clearInterval(poll);
      let peakRssKb = polledKb;
      if (HAVE_GNU_TIME) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the figure when the child fails.
          peakRssKb = Number(readFileSync(stats, 'utf8').trim().split('\n').pop());
        } catch {
          peakRssKb = NaN;
        }
        rmSync(stats, { force: true });
      }
      resolve({ wallMs, peakRssKb, status, signal, stdout, stderr });
    });
  });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function machine() {
  let model = cpus()[0]?.model ?? 'unknown';
  let logical = cpus().length;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? model;
    logical = (info.match(/^processor\s*:/gm) ?? []).length || logical;
  } catch {
    // Not Linux: os.cpus() is the best there is.
  }
  let memory = '';
  try {
    memory = `${Math.round(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))[1]) / 1024 / 1024)} GiB`;
  } catch {
    memory = 'unknown';
  }
  return { cpu: model, cores: logical, availableParallelism: availableParallelism(), memory, node: process.version, platform: `${process.platform} ${process.arch}`, loadavg: loadavg().map((l) => Number(l.toFixed(2))) };
}
