// A simulation worker thread (piscina): gets the compiled model and the seed once, then computes the chunks of
// draw indices it is given, moving each chunk's result buffers back to the main thread rather than copying them.
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { createEvaluator, type CompiledModel } from './compiled.js';
import { runChunk } from './sampler.js';

export interface DrawWorkerData {
  model: CompiledModel;
  seed: number;
}

const { model, seed } = workerData as DrawWorkerData;
const evaluate = createEvaluator(model);

/** A chunk's ChunkResult, wrapped so that piscina moves its buffers (the main thread receives the ChunkResult). */
export default function drawChunk(task: { from: number; to: number }): ReturnType<typeof move> {
  const result = runChunk(model, seed, task.from, task.to, evaluate);
  return move({
    get [transferableSymbol]() {
      return [result.values.buffer, result.clampedByParam.buffer];
    },
    get [valueSymbol]() {
      return result;
    },
  });
}
