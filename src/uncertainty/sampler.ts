// Draws: the uncertain values of draw i (from its own stream, clamped), evaluated on the compiled model.
// A chunk of draws [from, to) gives the same numbers whichever thread computes it.
import { createEvaluator, outputSize, type CompiledModel, type Evaluate } from './compiled.js';
import { clampTo, quantile } from './distributions.js';
import { drawStream, nextUniform } from './rng.js';

/**
 * The values of draw `index` into `values` (in `model.dists` order), each clamped into its valid range; sets
 * `clamped[j]` to 1 where value j was clamped. Returns whether any was.
 */
export function sampleDraw(model: CompiledModel, seed: number, index: number, values: Float64Array, clamped: Uint8Array): boolean {
  const rng = drawStream(seed, index);
  let any = false;
  for (let j = 0; j < model.dists.length; j++) {
    const d = model.dists[j]!;
    const x = quantile(d, nextUniform(rng));
    const c = clampTo(x, d);
    values[j] = c;
    clamped[j] = c !== x ? 1 : 0;
    if (c !== x) any = true;
  }
  return any;
}

export interface ChunkResult {
  from: number;
  to: number;
  /** output o of draw i at values[o * (to - from) + (i - from)] (measure-major, so it can be copied in blocks) */
  values: Float64Array;
  clampedDraws: number;
  clampedByParam: Float64Array;
}

/**
 * Evaluate draws [from, to). Pass an evaluator to reuse its buffers across chunks, and `into` (at least
 * outputs x draws long) to have the values written there rather than into a new array.
 */
export function runChunk(
  model: CompiledModel,
  seed: number,
  from: number,
  to: number,
  evaluate: Evaluate = createEvaluator(model),
  into?: Float64Array,
): ChunkResult {
  const n = to - from;
  const width = outputSize(model);
  const values = into ? into.subarray(0, width * n) : new Float64Array(width * n);
  const out = new Float64Array(width);
  const draw = new Float64Array(model.dists.length);
  const clamped = new Uint8Array(model.dists.length);
  const clampedByParam = new Float64Array(model.dists.length);
  let clampedDraws = 0;
  for (let i = 0; i < n; i++) {
    if (sampleDraw(model, seed, from + i, draw, clamped)) {
      clampedDraws++;
      for (let j = 0; j < clamped.length; j++) clampedByParam[j]! += clamped[j]!;
    }
    evaluate(draw, out);
    for (let o = 0; o < width; o++) values[o * n + i] = out[o]!;
  }
  return { from, to, values, clampedDraws, clampedByParam };
}
