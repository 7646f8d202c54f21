// A simulation worker thread (DrawThreads in src/uncertainty/pool.ts). Started before the model is ready, it
// loads its modules; a task brings the compiled model, the seed and the shared arrays, and it takes chunks of
// draws from the counter it shares with the other threads, writing their results into those arrays
// (src/uncertainty/shared-draws.ts), until none is left; then it answers with how many it did. An error is
// thrown out of the thread, and reaches the main thread as the thread's 'error' event.
import { isMainThread, parentPort } from 'node:worker_threads';
import { createEvaluator, type CompiledModel } from './compiled.js';
import { DrawTaker, type SharedDraws } from './shared-draws.js';

export interface DrawTask {
  model: CompiledModel;
  seed: number;
  shared: SharedDraws;
}

/** Computes chunks until none is left; returns how many this thread did. */
export function drawChunks(task: DrawTask): number {
  const taker = new DrawTaker(task.model, task.seed, task.shared, createEvaluator(task.model));
  let done = 0;
  while (taker.takeOne()) done++;
  return done;
}

if (!isMainThread) parentPort?.on('message', (task: DrawTask) => parentPort!.postMessage(drawChunks(task)));
