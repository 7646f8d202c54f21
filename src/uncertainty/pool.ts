// Running draws: in this thread (--jobs 1), or in this thread and worker threads. Draws are cut into fixed chunks whose results
// are copied to their draw indices, so the outcome is the same whatever the number of threads or the order in
// which chunks finish.
import { workerFile, workerStartFailure } from '../workers.js';
import { createEvaluator, outputSize, type CompiledModel } from './compiled.js';
import { runChunk, type ChunkResult } from './sampler.js';
import type { DrawWorkerData } from './worker.js';

const CHUNK_SIZE = 4096;

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
  /** called after each chunk with the number of draws done */
  onProgress?: (done: number, total: number) => void;
}

/** Gathers chunks' results, arriving in any order, into one array per output in draw order. */
function collector(model: CompiledModel, draws: number, onProgress?: (done: number, total: number) => void) {
  const width = outputSize(model);
  const results: DrawResults = {
    outputs: Array.from({ length: width }, () => new Float64Array(draws)),
    clampedDraws: 0,
    clampedByParam: new Array<number>(model.dists.length).fill(0),
  };
  let done = 0;
  const absorb = (r: ChunkResult): void => {
    const n = r.to - r.from;
    for (let o = 0; o < width; o++) results.outputs[o]!.set(r.values.subarray(o * n, (o + 1) * n), r.from);
    results.clampedDraws += r.clampedDraws;
    for (let j = 0; j < results.clampedByParam.length; j++) results.clampedByParam[j]! += r.clampedByParam[j]!;
    done += n;
    onProgress?.(done, draws);
  };
  return { absorb, results };
}

function chunkRanges(draws: number): [number, number][] {
  const chunks: [number, number][] = [];
  for (let from = 0; from < draws; from += CHUNK_SIZE) chunks.push([from, Math.min(draws, from + CHUNK_SIZE)]);
  return chunks;
}

/** Every draw computed in this thread, at once (a batch already spreads its runs over the worker threads). */
export function drawInThread(model: CompiledModel, draws: number, seed: number): DrawResults {
  const { absorb, results } = collector(model, draws);
  const evaluate = createEvaluator(model);
  for (const [from, to] of chunkRanges(draws)) absorb(runChunk(model, seed, from, to, evaluate));
  return results;
}

export async function runDraws(model: CompiledModel, options: RunDrawsOptions): Promise<DrawResults> {
  const { draws, seed } = options;
  const { absorb, results } = collector(model, draws, options.onProgress);
  const chunks = chunkRanges(draws);
  const threads = Math.min(options.jobs, chunks.length);
  const script = threads > 1 ? workerFile('uncertainty/worker.js') : undefined;
  if (!script) {
    const evaluate = createEvaluator(model);
    for (const [from, to] of chunks) {
      absorb(runChunk(model, seed, from, to, evaluate));
      // let timers (the progress bar) run between chunks
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  // This thread and `threads - 1` worker threads (the same pool as batch's) take chunks from one queue, in
  // draw order, as each becomes free. This thread starts at once; a worker takes its first chunk only once it
  // has started (a thread takes longer to start than a short simulation takes to run), so no chunk waits for
  // a thread that is still starting, and a short simulation is done here before the workers are ready.
  const { Piscina } = await import('piscina');
  const workers = threads - 1;
  const pool = new Piscina({ filename: script, workerData: { model, seed } satisfies DrawWorkerData, minThreads: workers, maxThreads: workers });
  let next = 0;
  const take = (): [number, number] | undefined => (next < chunks.length ? chunks[next++] : undefined);
  let failure: unknown;
  const busy: Promise<void>[] = [];
  const worker = async (w: number): Promise<void> => {
    await pool.run({ from: 0, to: 0 }); // the thread has started
    for (let c = take(); c; c = take()) {
      const task = (pool.run({ from: c[0], to: c[1] }) as Promise<ChunkResult>).then(absorb);
      busy[w] = task;
      await task;
    }
  };
  const running = Array.from({ length: workers }, (_, w) => worker(w).catch((err: unknown) => void (failure ??= err)));
  try {
    const evaluate = createEvaluator(model);
    for (let c = take(); c && failure === undefined; c = take()) {
      absorb(runChunk(model, seed, c[0], c[1], evaluate));
      // let the workers' results (and timers: the progress bar) in between chunks
      await new Promise((resolve) => setImmediate(resolve));
    }
    // the chunks the workers took; a worker still starting has taken none and is not waited for
    await Promise.all(busy.map((t) => t.catch((err: unknown) => void (failure ??= err))));
    if (failure !== undefined) throw workerStartFailure(failure, workers) ?? failure;
  } finally {
    await pool.destroy();
    await Promise.allSettled(running);
  }
  return results;
}
