// Draws shared between threads: every thread (this one and the workers) takes the next chunk of draws from one
// counter and writes its results straight into shared arrays, at the chunk's draw indices. No message passes
// per chunk, so no thread waits for another to hand it work, and the outcome is the same whichever thread
// computes which chunk.
import { outputSize, type CompiledModel, type Evaluate } from './compiled.js';
import { runChunk } from './sampler.js';

export const CHUNK_SIZE = 4096;

/** The chunks of `draws` draws: [from, to) of chunk c is [c * CHUNK_SIZE, min(draws, (c + 1) * CHUNK_SIZE)). */
export function chunkCount(draws: number): number {
  return Math.ceil(draws / CHUNK_SIZE);
}

/** What the threads share: plain buffers, so it crosses to a worker as it is. */
export interface SharedDraws {
  draws: number;
  /** output o of draw i at [o * draws + i] (float64) */
  outputs: SharedArrayBuffer;
  /** per chunk: the draws clamped, then the draws with each value clamped (float64, 1 + values per chunk) */
  clamps: SharedArrayBuffer;
  /** int32: the next chunk to take, the chunks done, the draws done */
  counters: SharedArrayBuffer;
}

const NEXT = 0;
const CHUNKS_DONE = 1;
const DRAWS_DONE = 2;

export function sharedDraws(model: CompiledModel, draws: number): SharedDraws {
  return {
    draws,
    outputs: new SharedArrayBuffer(8 * outputSize(model) * draws),
    clamps: new SharedArrayBuffer(8 * chunkCount(draws) * (1 + model.dists.length)),
    counters: new SharedArrayBuffer(4 * 3),
  };
}

/** Atomics.waitAsync (in Node since 16; in TypeScript's lib from ES2024). */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, ms: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** A thread's view of the shared draws. */
export class DrawTaker {
  private readonly counters: Int32Array;
  private readonly outputs: Float64Array[];
  private readonly clamps: Float64Array;
  private readonly chunks: number;
  /** a chunk's values before they are copied to the shared arrays, reused chunk after chunk */
  private readonly buffer: Float64Array;

  constructor(
    private readonly model: CompiledModel,
    private readonly seed: number,
    private readonly shared: SharedDraws,
    private readonly evaluate: Evaluate,
  ) {
    this.counters = new Int32Array(shared.counters);
    const { draws } = shared;
    this.outputs = Array.from({ length: outputSize(model) }, (_, o) => new Float64Array(shared.outputs, 8 * o * draws, draws));
    this.clamps = new Float64Array(shared.clamps);
    this.chunks = chunkCount(draws);
    this.buffer = new Float64Array(outputSize(model) * CHUNK_SIZE);
  }

  /** Computes the next chunk nobody has taken; false when none is left. */
  takeOne(): boolean {
    const c = Atomics.add(this.counters, NEXT, 1);
    if (c >= this.chunks) return false;
    const from = c * CHUNK_SIZE;
    const to = Math.min(this.shared.draws, from + CHUNK_SIZE);
    const r = runChunk(this.model, this.seed, from, to, this.evaluate, this.buffer);
    const n = to - from;
    for (let o = 0; o < this.outputs.length; o++) this.outputs[o]!.set(r.values.subarray(o * n, (o + 1) * n), from);
    const at = c * (1 + this.model.dists.length);
    this.clamps[at] = r.clampedDraws;
    this.clamps.set(r.clampedByParam, at + 1);
    Atomics.add(this.counters, DRAWS_DONE, n);
    Atomics.add(this.counters, CHUNKS_DONE, 1);
    Atomics.notify(this.counters, CHUNKS_DONE);
    return true;
  }

  drawsDone(): number {
    return Atomics.load(this.counters, DRAWS_DONE);
  }

  chunksDone(): number {
    return Atomics.load(this.counters, CHUNKS_DONE);
  }

  allDone(): boolean {
    return this.chunksDone() >= this.chunks;
  }

  /** Resolves when a chunk is done after `seen` were (at once if more already are), or after `ms`. */
  async waitForChunk(seen: number, ms: number): Promise<void> {
    const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.counters, CHUNKS_DONE, seen, ms);
    if (w.async) await w.value;
  }

  /** Every output in draw order, and the clamped counts summed over the chunks. */
  results(): { outputs: Float64Array[]; clampedDraws: number; clampedByParam: number[] } {
    const width = 1 + this.model.dists.length;
    const clampedByParam = new Array<number>(this.model.dists.length).fill(0);
    let clampedDraws = 0;
    for (let c = 0; c < this.chunks; c++) {
      clampedDraws += this.clamps[c * width]!;
      for (let j = 0; j < clampedByParam.length; j++) clampedByParam[j]! += this.clamps[c * width + 1 + j]!;
    }
    return { outputs: this.outputs, clampedDraws, clampedByParam };
  }
}
