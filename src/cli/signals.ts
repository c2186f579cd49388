// CLI: what an interrupted run leaves on disk. A temporary file is registered while a report is written to it;
// SIGINT, SIGTERM or SIGHUP removes every registered file, then ends the process by that same signal.
//
// Ending by the signal, not by exit(130), is what write-file-atomic does through signal-exit: the parent sees a
// death by SIGINT (a shell shows 130, 143 or 129) and a shell loop running `involve` stops, where bash carries on
// after a child that exits 130 because it takes the child to have handled the interrupt itself.
import { rmSync } from 'node:fs';
import { constants } from 'node:os';

export const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const satisfies readonly NodeJS.Signals[];
export type Interrupt = (typeof INTERRUPTS)[number];

/**
 * Lets an interrupt that came during synchronous work end the run now. Node hands a signal to its listener only
 * when the event loop next polls, and a run that writes its reports synchronously and then ends may never poll
 * again: on Node 24 an audit interrupted while writing its first report wrote all seven and exited 1. A turn of
 * the loop after each report delivers it.
 */
export const letSignalsIn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The part of `process` this needs; only bin/involve.js passes the real one. */
export interface SignalTarget {
  readonly pid: number;
  on(signal: Interrupt, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: Interrupt, listener: (signal: NodeJS.Signals) => void): unknown;
  kill(pid: number, signal: NodeJS.Signals): unknown;
  exit(code: number): unknown;
}

export interface TemporaryFiles {
  add(path: string): void;
  delete(path: string): void;
}

// In-process runs (tests, a library caller) get no listeners: their process is not ours to end.
const UNWATCHED: TemporaryFiles = { add() {}, delete() {} };
const registries = new WeakMap<SignalTarget, Set<string>>();

/**
 * The temporary files of `target`'s run. The listeners go on at the first call, never at import, and stay on
 * for the rest of the run: a signal that arrives during a synchronous write is only delivered once the write
 * has returned, and taking the listener off before then loses it (measured on Node 20: the run goes on).
 */
export function temporaryFiles(target: SignalTarget | undefined): TemporaryFiles {
  if (!target) return UNWATCHED;
  let pending = registries.get(target);
  if (!pending) {
    const files = new Set<string>();
    const end = (signal: NodeJS.Signals) => {
      for (const file of files) {
        try {
          rmSync(file, { force: true });
        } catch {
          // Nothing more can be done for this one; the others are still removed.
        }
      }
      files.clear();
      for (const s of INTERRUPTS) target.off(s, end);
      registries.delete(target);
      try {
        // With no listener left, Node restores the default action, so this ends the process at once.
        target.kill(target.pid, signal);
      } catch {
        // Windows cannot send itself SIGHUP; end with the status a shell would show for it.
        target.exit(128 + (constants.signals[signal] ?? 0));
      }
    };
    for (const s of INTERRUPTS) target.on(s, end);
    registries.set(target, files);
    pending = files;
  }
  const files = pending;
  return { add: (path) => void files.add(path), delete: (path) => void files.delete(path) };
}
