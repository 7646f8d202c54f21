// Seeded random numbers whose results do not depend on how draws are shared among threads: draw i has its
// own xoroshiro128+ stream (pure-rand), started from a state hashed from (seed, i). Draw i therefore sees the
// same uniforms whichever worker computes it, and in whatever order.
import { xoroshiro128plus } from 'pure-rand/generator/XoroShiro';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export { MAX_SEED } from './limits.js';

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** One block of MurmurHash3 (32-bit) mixed into the hash h. */
function mixBlock(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 (32-bit) of three 32-bit words with a key: spreads (seed, index) over the generator's state. */
function murmur3(a: number, b: number, c: number, key: number): number {
  let h = mixBlock(mixBlock(mixBlock(key >>> 0, a), b), c);
  h ^= 12;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The generator of draw `index` (0-based) under `seed` (a whole number 0 .. 2^53-1). */
export function drawStream(seed: number, index: number): RandomGenerator {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const state = [murmur3(lo, hi, index, 0x243f6a88), murmur3(lo, hi, index, 0x85a308d3), murmur3(lo, hi, index, 0x13198a2e), murmur3(lo, hi, index, 0x03707344)];
  // an all-zero state would repeat zeros for ever
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return xoroshiro128plus.fromState(state);
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * A uniform number strictly inside (0, 1) with 53 random bits (the high bits of two outputs: xoroshiro128+'s
 * low bits are its weakest). Never 0 or 1, so every quantile function gets a finite argument.
 */
export function nextUniform(rng: RandomGenerator): number {
  const a = rng.unsafeNext() >>> 5; // 27 bits
  const b = rng.unsafeNext() >>> 6; // 26 bits
  return (a * TWO_POW_26 + b + 0.5) / TWO_POW_53;
}

/** The first `count` uniforms of draw `index`, written into `into` from `offset`. */
export function drawUniforms(seed: number, index: number, count: number, into: Float64Array, offset = 0): void {
  const rng = drawStream(seed, index);
  for (let j = 0; j < count; j++) into[offset + j] = nextUniform(rng);
}
