// CLI: a worker thread of an audit run (audit-pool.ts): the run's settings come once, as data; then batches of files.
import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from '../load/find-evidence.ts';
import { forTheWire, type WorkerStart } from './audit-pool.ts';
import { auditForRun } from './audit-run.ts';
import { serveBatches } from './worker-pool.ts';

const { run, fault } = workerData as WorkerStart;

serveBatches(parentPort!, (found: FoundFile) => {
  if (fault && found.file.endsWith(fault.file)) {
    if (fault.kind === 'exit') process.exit(70);
    // Blocks this thread without using a core, until it is ended.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  return forTheWire(auditForRun(found, run), run.pack);
});
