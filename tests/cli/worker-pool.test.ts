// The worker pool's scheduling (cli/worker-pool.ts), driven by fake workers: results in the jobs' order whatever order
// they come back in, a dead or silent worker's jobs retried alone, and this thread taking over without running ahead.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ANSWER_EVERY, inOrder, serveBatches, type FromWorker, type PoolOptions, type PoolWorker, type ToWorker } from '../../src/cli/worker-pool.ts';

/** What a fake worker does with a batch: answer (some of) it, die, or say nothing more. */
type Behaviour = (batch: ToWorker<number>, worker: FakeWorker) => void;

class FakeWorker extends EventEmitter implements PoolWorker {
  readonly batches: ToWorker<number>[] = [];
  /** How many batches it held unanswered when each was sent. */
  readonly heldWhenSent: number[] = [];
  terminated = false;
  private unanswered = 0;

  constructor(private readonly behaviour: Behaviour, startsUp = true) {
    super();
    setImmediate(() => (startsUp ? this.emit('message', { ready: true }) : this.emit('exit', 1)));
  }

  postMessage(batch: ToWorker<number>): void {
    this.heldWhenSent.push(this.unanswered++);
    this.batches.push(batch);
    this.behaviour(batch, this);
  }

  answer(batch: ToWorker<number>, from = 0, to = batch.jobs.length): void {
    if (this.terminated) return;
    if (to === batch.jobs.length) this.unanswered--;
    this.emit('message', { id: batch.id, from, results: batch.jobs.slice(from, to).map((job) => `result ${job}`) } satisfies FromWorker<string>);
  }

  die(code = 70): void {
    this.terminated = true;
    this.emit('exit', code);
  }

  terminate(): void {
    if (!this.terminated) this.die(1);
  }
}

/** A small deterministic random source, so that a failing order can be replayed. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const later = (ms: number, then: () => void) => void setTimeout(then, ms);
const answerLater = (rng: () => number): Behaviour => (batch, worker) => later(Math.floor(rng() * 5), () => worker.answer(batch));

function pool(behaviours: Behaviour[] | Behaviour, options: Partial<PoolOptions<number, string>> = {}) {
  const started: FakeWorker[] = [];
  const inThread: number[] = [];
  const settings: PoolOptions<number, string> = {
    workers: Array.isArray(behaviours) ? behaviours.length : 2,
    start: () => {
      const behaviour = Array.isArray(behaviours) ? behaviours[started.length % behaviours.length]! : behaviours;
      const worker = new FakeWorker(behaviour);
      started.push(worker);
      return worker;
    },
    inThread: (job) => {
      inThread.push(job);
      return `result ${job}`;
    },
    failed: (job, how) => `failed ${job}: ${how}`,
    silenceMs: 10_000,
    ...options,
  };
  return { started, inThread, settings };
}

const jobs = (n: number) => Array.from({ length: n }, (_, i) => i);
const expected = (n: number, failed: Record<number, string> = {}) => jobs(n).map((i) => failed[i] ?? `result ${i}`);

async function collect<R>(results: AsyncGenerator<R>): Promise<R[]> {
  const all: R[] = [];
  for await (const r of results) all.push(r);
  return all;
}

describe('the worker pool', () => {
  it('gives results in the jobs’ order when workers answer out of order, a few at a time', async () => {
    const rng = random(7);
    // Each batch is answered in two parts at random moments, and the workers race each other.
    const split: Behaviour = (batch, worker) => {
      const cut = Math.floor(rng() * batch.jobs.length);
      later(Math.floor(rng() * 5), () => worker.answer(batch, 0, cut));
      later(5 + Math.floor(rng() * 5), () => worker.answer(batch, cut));
    };
    const { started, inThread, settings } = pool([split, answerLater(rng), split]);
    expect(await collect(inOrder(jobs(500), settings))).toEqual(expected(500));
    expect(started).toHaveLength(3);
    expect(inThread).toEqual([]);
    // Every worker had work; none was sent a third batch while two were unanswered.
    for (const worker of started) {
      expect(worker.batches.length).toBeGreaterThan(1);
      expect(Math.max(...worker.heldWhenSent)).toBeLessThan(2);
    }
  });

  it('lets workers run only a bounded way ahead of the results taken', async () => {
    const { started, settings } = pool([answerLater(random(1)), answerLater(random(2))]);
    const results = inOrder(jobs(2000), settings);
    const sentUpTo = () => Math.max(...started.flatMap((w) => w.batches.map((b) => b.jobs.at(-1)!)));
    for (let taken = 1; taken <= 2000; taken++) {
      await results.next();
      // 2 workers, batches of 32: the window is 2 × 32 × 2 jobs past the oldest not yet taken.
      expect(sentUpTo()).toBeLessThan(taken + 128 + 32);
      if (taken % 100 === 0) await new Promise((go) => setTimeout(go, 5));
    }
    expect((await results.next()).done).toBe(true);
  });

  it('retries a dead worker’s unanswered jobs one by one, and gives the job that kills a worker alone `failed`', async () => {
    // Any worker dies on job 137, after answering the jobs before it in its batch.
    const deadly: Behaviour = (batch, worker) =>
      later(1, () => {
        const at = batch.jobs.indexOf(137);
        if (at < 0) return worker.answer(batch);
        worker.answer(batch, 0, at);
        worker.die(70);
      });
    const { started, settings } = pool([deadly, deadly]);
    const results = await collect(inOrder(jobs(300), settings));
    expect(results).toEqual(expected(300, { 137: 'failed 137: stopped (exit code 70)' }));
    // Two deaths: in its batch, then alone; each replaced.
    expect(started).toHaveLength(4);
    const retries = started.flatMap((w) => w.batches.filter((b) => b.jobs.includes(137)));
    expect(retries.map((b) => b.jobs.length)).toEqual([expect.any(Number), 1]);
    // The jobs after 137 in its first batch were each retried alone on a worker with nothing else to do.
    const [first] = retries;
    for (const job of first!.jobs.filter((j) => j > 137)) {
      const owner = started.find((w) => w.batches.some((b) => b.jobs.length === 1 && b.jobs[0] === job))!;
      const index = owner.batches.findIndex((b) => b.jobs.length === 1 && b.jobs[0] === job);
      expect(owner.heldWhenSent[index]).toBe(0);
    }
  });

  it('takes a worker that stops answering for stuck, ends it, and retries its jobs, with no hang', async () => {
    // Any worker given job 42 falls silent, alive; the rest answer at once.
    const stuck: Behaviour = (batch, worker) => {
      if (!batch.jobs.includes(42)) later(1, () => worker.answer(batch));
    };
    const { started, settings } = pool([stuck, stuck], { silenceMs: 100 });
    const began = performance.now();
    const results = await collect(inOrder(jobs(200), settings));
    expect(results).toEqual(expected(200, { 42: 'failed 42: stopped answering (nothing for 100 ms)' }));
    const silent = started.filter((w) => w.batches.some((b) => b.jobs.includes(42)));
    expect(silent).toHaveLength(2);
    expect(silent.every((w) => w.terminated)).toBe(true);
    // Two silences of 100 ms, and far from a hang.
    expect(performance.now() - began).toBeLessThan(5000);
  });

  it('does not blame a worker for a time this thread itself was busy', async () => {
    const { started, settings } = pool([(batch, worker) => later(20, () => worker.answer(batch))], { silenceMs: 100 });
    const results: string[] = [];
    for await (const result of inOrder(jobs(100), settings)) {
      results.push(result);
      // Two and a half times the silence allowed, without a turn of the event loop: the worker’s answer waits unread.
      if (results.length % 25 === 0) for (const until = performance.now() + 250; performance.now() < until; );
    }
    expect(results).toEqual(expected(100));
    expect(started).toHaveLength(1);
  });

  it('does every job in this thread when no worker starts', async () => {
    const { started, inThread, settings } = pool([]);
    settings.workers = 2;
    settings.start = () => {
      const worker = new FakeWorker(() => {}, false);
      started.push(worker);
      return worker;
    };
    expect(await collect(inOrder(jobs(100), settings))).toEqual(expected(100));
    expect(started).toHaveLength(2);
    expect(inThread).toEqual(jobs(100));
  });

  it('does every job in this thread when threads are refused outright, or none are asked for', async () => {
    const refused = pool([answerLater(random(3))], {
      start: () => {
        throw new Error('ERR_WORKER_INIT_FAILED');
      },
    });
    expect(await collect(inOrder(jobs(50), refused.settings))).toEqual(expected(50));
    expect(refused.inThread).toEqual(jobs(50));
    const none = pool([answerLater(random(3))], { workers: 0 });
    expect(await collect(inOrder(jobs(50), none.settings))).toEqual(expected(50));
    expect(none.started).toEqual([]);
  });

  it('past the budget of deaths, finishes in this thread, never auditing ahead of the results taken', async () => {
    // Every worker dies on its first batch, without a word: the budget (workers + 16) runs out.
    const { started, inThread, settings } = pool([(_, worker) => later(1, () => worker.die(134))]);
    settings.workers = 2;
    const results = inOrder(jobs(1000), settings);
    let taken = 0;
    for await (const result of results) {
      taken++;
      expect(result).toMatch(/^(result|failed) /);
      // Done here only when wanted: nothing is held for the caller beyond the one it takes.
      expect(inThread.length).toBeLessThanOrEqual(taken);
      await new Promise((go) => setImmediate(go));
    }
    expect(taken).toBe(1000);
    // The first two, and one for each of the 18 deaths the budget allows (workers + 16).
    expect(started.length).toBe(2 + 18);
    expect(inThread.length).toBeGreaterThan(900);
  });

  it('serves batches on the worker’s side: ready first, then a few results at a time, in order', () => {
    const sent: FromWorker<string>[] = [];
    const port = new EventEmitter() as EventEmitter & { postMessage(m: FromWorker<string>): void };
    port.postMessage = (m) => void sent.push(m);
    serveBatches(port, (job: number) => `result ${job}`);
    port.emit('message', { id: 3, jobs: jobs(10) } satisfies ToWorker<number>);
    expect(sent[0]).toEqual({ ready: true });
    expect(sent.slice(1).map((m) => ('from' in m ? [m.from, m.results.length] : m))).toEqual([
      [0, ANSWER_EVERY],
      [4, ANSWER_EVERY],
      [8, 2],
    ]);
    expect(sent.slice(1).flatMap((m) => ('results' in m ? m.results : []))).toEqual(expected(10));
  });
});
