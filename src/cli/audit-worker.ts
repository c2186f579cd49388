// CLI: a worker thread of an audit run (audit-pool.ts): the run's settings come once, as data; then batches of files.
import { parentPort, workerData } from 'node:worker_threads';
import { ANSWER_EVERY, compactOutcome, type Batch, type FromWorker } from './audit-pool.ts';
import { auditForRun, type RunSettings } from './audit-run.ts';

const port = parentPort!;
const { run } = workerData as { run: RunSettings };
// For the test that a dead worker neither hangs the run nor loses its files: the worker dies on this file.
const fault = process.env.INVOLVE_TEST_WORKER_FAULT;

port.on('message', ({ id, files }: Batch) => {
  let outcomes = [];
  for (const [i, found] of files.entries()) {
    if (fault && found.file.endsWith(fault)) process.exit(70);
    outcomes.push(compactOutcome(auditForRun(found, run), run.pack));
    // Sent a few at a time: a file's JSON kept here until the whole batch is done lives long enough to be
    // promoted to the old generation, which then fills with garbage.
    if (outcomes.length === ANSWER_EVERY || i === files.length - 1) {
      port.postMessage({ id, from: i + 1 - outcomes.length, outcomes } satisfies FromWorker);
      outcomes = [];
    }
  }
});
port.postMessage({ ready: true } satisfies FromWorker);
