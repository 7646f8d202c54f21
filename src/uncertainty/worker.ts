// A simulation worker thread: receives the compiled model once, then chunks of draw indices, and sends back
// each chunk's results (transferring the buffer, not copying it).
import { parentPort } from 'node:worker_threads';
import { createEvaluator, type CompiledModel, type Evaluate } from './compiled.js';
import { runChunk } from './sampler.js';

export type WorkerRequest = { type: 'init'; model: CompiledModel; seed: number } | { type: 'chunk'; from: number; to: number };

let model: CompiledModel | undefined;
let seed = 0;
let evaluate: Evaluate | undefined;

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'init') {
    model = msg.model;
    seed = msg.seed;
    evaluate = createEvaluator(model);
    return;
  }
  if (!model || !evaluate) throw new Error('simulation worker: a chunk arrived before the model');
  const result = runChunk(model, seed, msg.from, msg.to, evaluate);
  parentPort!.postMessage(result, [result.values.buffer as ArrayBuffer, result.clampedByParam.buffer as ArrayBuffer]);
});
