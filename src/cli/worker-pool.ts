// CLI: does a list of jobs on worker threads, a batch at a time, and gives their results back in the list's order. A
// worker that dies or stops answering costs only the jobs it had not answered; the scheduling is here, apart from
// node:worker_threads, so that tests drive it with fake workers.

/** The part of a worker thread the pool uses: node:worker_threads' Worker has it. */
export interface PoolWorker {
  postMessage(message: ToWorker<unknown>): void;
  on(event: 'message', listener: (message: FromWorker<unknown>) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): unknown;
}

export interface ToWorker<J> {
  id: number;
  jobs: J[];
}

/**
 * A worker's first message says it has loaded; then it answers each batch, in the order sent, a few jobs at a time
 * (`from`: the first one's place in the batch), so that results leave the worker, and a dead worker's unanswered
 * jobs are known, within a few jobs.
 */
export type FromWorker<R> = { ready: true } | { id: number; from: number; results: R[] };

export interface PoolOptions<J, R> {
  /** Worker threads to start; 0: every job is done in this thread. */
  workers: number;
  start(): PoolWorker;
  /** Does a job in this thread: when no worker could start, or too many died. */
  inThread(job: J): R;
  /** The result of a job that stopped a worker on its own; `how` says how it stopped, e.g. "stopped (exit code 70)". */
  failed(job: J, how: string): R;
  /** How long a worker with work to do may stay silent before it is taken for stuck, and ended. */
  silenceMs: number;
}

/** Jobs a worker does before it answers (serveBatches); a worker that takes long over one answers sooner. */
export const ANSWER_EVERY = 4;
const ANSWER_WITHIN_MS = 1000;

/** The worker's side: answers each batch a few results at a time, and says first that it is ready. */
export function serveBatches<J, R>(port: { on(event: 'message', listener: (batch: ToWorker<J>) => void): unknown; postMessage(message: FromWorker<R>): void }, run: (job: J) => R): void {
  port.on('message', ({ id, jobs }) => {
    let results: R[] = [];
    let since = performance.now();
    for (const [i, job] of jobs.entries()) {
      results.push(run(job));
      // Sent a few at a time: results kept here until the whole batch is done live long enough to be promoted to
      // the old generation, which then fills with garbage.
      if (results.length === ANSWER_EVERY || i === jobs.length - 1 || performance.now() - since > ANSWER_WITHIN_MS) {
        port.postMessage({ id, from: i + 1 - results.length, results });
        results = [];
        since = performance.now();
      }
    }
  });
  port.postMessage({ ready: true });
}

/** Jobs start..end-1; `alone`: a suspect, sent only to a worker with nothing else to do. */
interface Span {
  start: number;
  end: number;
  alone?: boolean;
  /** Jobs answered so far, from `start`. */
  answered?: number;
}

interface Slot {
  worker: PoolWorker;
  /** In the order sent, which is the order the worker takes them in. */
  inFlight: Map<number, Span>;
  ready: boolean;
  /** Watchdog ticks since it last said anything while it had work. */
  silent: number;
  error?: string;
}

// The watchdog looks this many times in a silence: counting its own ticks, not the clock, it never blames a worker
// for a time the main thread itself was busy (a tick comes late then, and counts once).
const TICKS = 10;

/**
 * Takes the list over: each job is let go once its result is given, so a long run's memory shrinks as it goes. The
 * jobs of a worker that dies or falls silent are retried one by one, each alone on a worker, and a job that stops a
 * worker on its own gets `failed`; past a budget of deaths the rest is done in this thread.
 */
export async function* inOrder<J, R>(jobs: (J | undefined)[], options: PoolOptions<J, R>): AsyncGenerator<R> {
  const { workers: count } = options;
  // Small enough that every worker stays busy to the end and results wait little for the jobs before them.
  const size = Math.max(1, Math.min(32, Math.ceil(jobs.length / (Math.max(count, 1) * 8))));
  const queue: Span[] = [];
  for (let start = 0; start < jobs.length; start += size) queue.push({ start, end: Math.min(jobs.length, start + size) });
  // Results wait here until every job before them is out. Workers may run only this far ahead of the oldest job
  // not yet out: results kept waiting long enough for a collection or two are the main thread's garbage.
  const ready = new Map<number, R>();
  const window = count * size * 2;
  let next = 0;
  let batchIds = 0;
  let deaths = 0;
  let inThread = count === 0;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const slots = new Set<Slot>();
  const requeue = (spans: Span[]) => {
    queue.push(...spans);
    queue.sort((a, b) => a.start - b.start);
  };

  const dispatch = (slot: Slot) => {
    while (slot.inFlight.size < 2 && queue.length > 0 && queue[0]!.start < next + window) {
      // A suspect goes to an idle worker and keeps it to itself, so that if the worker dies it is to blame.
      if ([...slot.inFlight.values()].some((b) => b.alone) || (queue[0]!.alone && slot.inFlight.size > 0)) return;
      const batch = queue.shift()!;
      const id = batchIds++;
      slot.inFlight.set(id, batch);
      slot.worker.postMessage({ id, jobs: jobs.slice(batch.start, batch.end) as J[] });
    }
  };
  const dispatchAll = () => {
    for (const slot of slots) dispatch(slot);
  };

  const lost = (slot: Slot, how: string) => {
    slots.delete(slot);
    const batches = [...slot.inFlight.values()];
    if (!slot.ready) {
      // It never got going (the bundle is broken, or threads are refused): its jobs are not to blame.
      requeue(batches);
    } else {
      deaths++;
      // It stopped on the first job of its first batch it had not answered (it takes them in order); the jobs
      // after that one it may not have begun, the later batches it had not.
      const [suspect, ...untouched] = batches;
      if (suspect) {
        const first = suspect.start + (suspect.answered ?? 0);
        if (suspect.alone) ready.set(first, options.failed(jobs[first]!, how));
        else for (let i = first; i < suspect.end; i++) queue.push({ start: i, end: i + 1, alone: true });
      }
      requeue(untouched);
      // Each death retires a job or splits a batch, so this ends; past the budget, this thread finishes the run.
      if (deaths <= count + 16) spawn();
    }
    if (slots.size === 0) inThread = true;
    dispatchAll();
    notify();
  };

  const spawn = () => {
    let worker: PoolWorker;
    try {
      worker = options.start();
    } catch {
      // Threads refused: the run is done here, as with a worker that never got going.
      return;
    }
    const slot: Slot = { worker, inFlight: new Map(), ready: false, silent: 0 };
    slots.add(slot);
    worker.on('message', (message) => {
      slot.silent = 0;
      if ('ready' in message) {
        slot.ready = true;
        return;
      }
      const { id, from, results } = message as { id: number; from: number; results: R[] };
      const batch = slot.inFlight.get(id);
      if (!batch) return;
      results.forEach((result, i) => ready.set(batch.start + from + i, result));
      batch.answered = from + results.length;
      if (batch.start + batch.answered >= batch.end) {
        slot.inFlight.delete(id);
        dispatch(slot);
      }
      notify();
    });
    worker.on('error', (error) => {
      slot.error = error?.message ?? String(error);
    });
    worker.on('exit', (code) => {
      if (!finished && slots.has(slot)) lost(slot, `stopped (${slot.error ?? `exit code ${code}`})`);
    });
    dispatch(slot);
  };

  const silence = options.silenceMs < 1000 ? `${options.silenceMs} ms` : `${Math.round(options.silenceMs / 1000)} s`;
  const watchdog = setInterval(() => {
    for (const slot of [...slots]) {
      if (slot.ready && slot.inFlight.size === 0) continue;
      if (++slot.silent < TICKS) continue;
      lost(slot, `stopped answering (nothing for ${silence})`);
      void slot.worker.terminate();
    }
  }, options.silenceMs / TICKS);
  // The watchdog alone must not keep the process alive.
  watchdog.unref?.();

  try {
    for (let i = 0; i < count; i++) spawn();
    if (slots.size === 0) inThread = true;
    while (next < jobs.length) {
      if (ready.has(next)) {
        const result = ready.get(next)!;
        ready.delete(next);
        jobs[next] = undefined;
        next++;
        dispatchAll();
        yield result;
      } else if (inThread && queue.length > 0) {
        // One job, the first waiting, which is the one wanted now: this thread never works ahead of the caller.
        const span = queue[0]!;
        const at = span.start++;
        if (span.start === span.end) queue.shift();
        ready.set(at, options.inThread(jobs[at]!));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    finished = true;
    clearInterval(watchdog);
    for (const slot of slots) void slot.worker.terminate();
  }
}
