// Running draws: in this thread (--jobs 1), or in this thread and worker threads. Draws are cut into fixed chunks
// whose results are written at their draw indices (src/uncertainty/shared-draws.ts), so the outcome is the same
// whatever the number of threads or the order in which chunks finish.
import { workerFile, workerStartFailure } from '../workers.js';
import { createEvaluator, type CompiledModel } from './compiled.js';
import { chunkCount, DrawTaker, sharedDraws, type SharedDraws } from './shared-draws.js';
import type { DrawTask } from './worker.js';

export interface DrawResults {
  /** output o (entity * MEASURE_COUNT + measure) of every draw, in draw order */
  outputs: Float64Array[];
  clampedDraws: number;
  clampedByParam: number[];
}

export interface RunDrawsOptions {
  draws: number;
  seed: number;
  jobs: number;
  /** worker threads started beforehand (DrawThreads.start), used and left running; else started here when --jobs asks */
  threads?: DrawThreads | undefined;
  /** draws the worker threads have begun (beginDraws), which this thread joins */
  begun?: BegunDraws | undefined;
  /** called after each chunk with the number of draws done */
  onProgress?: (done: number, total: number) => void;
}

/** Every draw computed in this thread, at once (a batch already spreads its runs over the worker threads). */
export function drawInThread(model: CompiledModel, draws: number, seed: number): DrawResults {
  const taker = new DrawTaker(model, seed, sharedDraws(model, draws), createEvaluator(model));
  while (taker.takeOne());
  return taker.results();
}

/**
 * This thread takes chunks until none is left, letting timers (the progress bar) and the workers' failures in
 * between chunks, then waits for the chunks other threads took; it stops early once `failed()` says so.
 */
async function takeAll(taker: DrawTaker, draws: number, onProgress: ((done: number, total: number) => void) | undefined, failed: () => boolean): Promise<void> {
  while (!failed() && taker.takeOne()) {
    onProgress?.(taker.drawsDone(), draws);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // the chunks the workers took; a worker still starting has taken none and is not waited for
  while (!failed() && !taker.allDone()) {
    await taker.waitForChunk(taker.chunksDone(), 50);
    onProgress?.(taker.drawsDone(), draws);
  }
}

/**
 * Worker threads for draws, started before the model is ready (while this thread reads the inputs and runs the
 * centre), so that they have loaded their modules by the time the draws begin. Each takes one task at a time:
 * it is posted the task and answers when done (src/uncertainty/worker.ts). Plain worker threads rather than
 * batch's piscina pool: a simulation gives each thread one task, and piscina's own modules cost this thread
 * about 25 ms to load and each worker as much again. Destroy it when done.
 */
export class DrawThreads {
  private constructor(private readonly threads: DrawThread[]) {}

  get workers(): number {
    return this.threads.length;
  }

  /**
   * `jobs - 1` worker threads for `draws` draws (this thread is the other one); undefined when they would not
   * be used (--jobs 1, a single chunk) or are not built.
   */
  static async start(jobs: number, draws: number): Promise<DrawThreads | undefined> {
    const workers = Math.min(jobs, chunkCount(draws)) - 1;
    const script = workers > 0 ? workerFile('uncertainty/worker.js') : undefined;
    if (!script) return undefined;
    const { Worker } = await import('node:worker_threads');
    const threads: DrawThread[] = [];
    try {
      for (let w = 0; w < workers; w++) threads.push(new DrawThread(new Worker(script)));
    } catch (err) {
      // a thread that cannot be made (no memory, a limit of threads): those made are ended, not left running
      await new DrawThreads(threads).destroy();
      throw workerStartFailure(err, workers) ?? err;
    }
    return new DrawThreads(threads);
  }

  /** `task` given to every thread: what each answers (how many chunks it did), or its failure. */
  run(task: DrawTask): Promise<number>[] {
    return this.threads.map((t) => t.run(task));
  }

  async destroy(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/** One worker thread, and how it ended if it has: a failure before a task was given is kept for the task. */
class DrawThread {
  private ended: unknown;
  private answer: { resolve: (n: number) => void; reject: (err: unknown) => void } | undefined;

  constructor(readonly worker: import('node:worker_threads').Worker) {
    worker.on('message', (n: number) => this.settle(() => this.answer?.resolve(n)));
    worker.on('error', (err: unknown) => this.end(err));
    worker.on('exit', (code: number) => this.end(new Error(`a draw thread stopped (exit code ${code}) before it answered`)));
  }

  private end(err: unknown): void {
    this.ended ??= err;
    this.settle(() => this.answer?.reject(this.ended));
  }

  private settle(fn: () => void): void {
    fn();
    this.answer = undefined;
  }

  run(task: DrawTask): Promise<number> {
    if (this.ended !== undefined) return Promise.reject(this.ended);
    return new Promise<number>((resolve, reject) => {
      this.answer = { resolve, reject };
      this.worker.postMessage(task);
    });
  }
}

export async function runDraws(model: CompiledModel, options: RunDrawsOptions): Promise<DrawResults> {
  const { draws, seed } = options;
  // draws begun for this very model and count; begun for another (which cannot happen: simulate compiles the
  // same plan) would keep the threads busy, so this thread would draw alone
  const begun = options.begun?.model === model && options.begun.draws === draws && options.begun.seed === seed ? options.begun : undefined;
  const given = begun?.threads ?? options.threads;
  const threads = options.begun && !begun ? undefined : (given ?? (await DrawThreads.start(options.jobs, draws)));
  if (!threads) {
    const taker = new DrawTaker(model, seed, sharedDraws(model, draws), createEvaluator(model));
    await takeAll(taker, draws, options.onProgress, () => false);
    return taker.results();
  }
  try {
    return await drawShared(begun ?? beginDraws(threads, model, draws, seed), options.onProgress);
  } finally {
    if (!given) await threads.destroy();
  }
}

/**
 * Draws the worker threads have begun (beginDraws) before this thread joins them (runDraws with `begun`): with
 * threads, simulate compiles the model before the exact centre run, and the workers draw while this thread
 * runs the centre.
 */
export interface BegunDraws {
  model: CompiledModel;
  seed: number;
  draws: number;
  threads: DrawThreads;
  shared: SharedDraws;
  /** the first failure of a worker, once there is one */
  failure: { error: unknown } | undefined;
}

/** The worker threads given `draws` draws of `model` to take chunks of; this thread joins them in runDraws. */
export function beginDraws(threads: DrawThreads, model: CompiledModel, draws: number, seed: number): BegunDraws {
  const shared = sharedDraws(model, draws);
  const begun: BegunDraws = { model, seed, draws, threads, shared, failure: undefined };
  for (const answer of threads.run({ model, seed, shared } satisfies DrawTask)) {
    answer.catch((error: unknown) => {
      begun.failure ??= { error };
    });
  }
  return begun;
}

/**
 * This thread and the worker threads take chunks from one shared counter, in draw order, and write their
 * results into shared arrays (src/uncertainty/shared-draws.ts). This thread starts at once; a worker takes
 * chunks once it has started, so no chunk waits for a thread that is still starting, and a short simulation is
 * done here before the workers are ready.
 */
async function drawShared(begun: BegunDraws, onProgress?: (done: number, total: number) => void): Promise<DrawResults> {
  const { model, seed, draws, shared, threads } = begun;
  const taker = new DrawTaker(model, seed, shared, createEvaluator(model));
  await takeAll(taker, draws, onProgress, () => begun.failure !== undefined);
  // a failure ends the draws at once (the other workers, and one not started yet, are ended with the threads)
  if (begun.failure !== undefined) throw workerStartFailure(begun.failure.error, threads.workers) ?? begun.failure.error;
  return taker.results();
}
