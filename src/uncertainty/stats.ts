// Statistics of simulated draws (docs/method.md, "13. Uncertainty"): mean, percentiles as a spreadsheet's
// PERCENTILE.INC, and a histogram. Everything here is deterministic given the values in draw order.

export const PERCENTILES = [5, 10, 25, 50, 75, 90, 95] as const;
export type PercentileKey = `p${(typeof PERCENTILES)[number]}`;
/** The statistics reported for every measure: the mean, then the percentiles. */
export const STATISTICS = ['mean', ...PERCENTILES.map((p) => `p${p}` as PercentileKey)] as const;
export type Statistic = (typeof STATISTICS)[number];

/**
 * PERCENTILE.INC of ascending `sorted` (length n >= 1) at fraction p in [0, 1]: the value at rank h = (n-1)p,
 * interpolated linearly between the order statistics either side of h.
 */
export function percentileInc(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return frac === 0 ? a : a + frac * (b - a);
}

/** The mean, summed in the order given (so the same values in the same order give the same bits). */
export function meanOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  if (values.length === 0) return NaN;
  if (Number.isFinite(total)) return total / values.length;
  // the sum overflowed (values near 1e300): a running mean stays within range
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += (values[i]! - mean) / (i + 1);
  return mean;
}

/**
 * The finite values, in order. NaN marks an empty measure (a ROI with no costs); an infinity, a draw whose
 * floating-point evaluation overflowed: both are left out of the statistics (and simulate warns of the latter).
 */
export function present(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) n++;
  if (n === values.length) return values;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out[j++] = values[i]!;
  return out;
}

export interface Describe {
  /** how many draws had a value (NaN is none) */
  count: number;
  /** null when no draw had a value */
  mean: number | null;
  percentiles: Record<PercentileKey, number | null>;
  min: number | null;
  max: number | null;
}

/**
 * Mean and percentiles of the values that are present. The percentiles need only the order statistics either
 * side of each rank, so those are selected (below) rather than the whole array sorted: the same values as a
 * sort gives, in about a tenth of the time at 200,000 draws.
 */
export function describe(values: Float64Array): Describe {
  const xs = present(values);
  const percentiles = {} as Record<PercentileKey, number | null>;
  if (xs.length === 0) {
    for (const p of PERCENTILES) percentiles[`p${p}`] = null;
    return { count: 0, mean: null, percentiles, min: null, max: null };
  }
  const mean = meanOf(xs);
  const n = xs.length;
  const ranks = new Set<number>([0, n - 1]);
  for (const p of PERCENTILES) {
    const lo = Math.floor((n - 1) * (p / 100));
    ranks.add(lo).add(Math.min(lo + 1, n - 1));
  }
  const at = orderStatistics(xs, [...ranks]);
  for (const p of PERCENTILES) percentiles[`p${p}`] = percentileInc(at, p / 100);
  return { count: n, mean, percentiles, min: at[0]!, max: at[n - 1]! };
}

/**
 * describe() that describes equal columns once: a one-place simulation's place and `all places` are the same
 * draws, and measures often coincide (npv_fiscal is npv_cashable when every benefit is cashable). Columns are
 * compared bit for bit, after a cheap fingerprint.
 */
export class Describer {
  private readonly seen = new Map<number, { values: Float64Array; result: Describe }[]>();

  /**
   * `keep` false: a column made for this call (a masked copy), described but not remembered, so that it is
   * not kept alive.
   */
  describe(values: Float64Array, keep = true): Describe {
    if (!keep) return describe(values);
    const key = fingerprint(values);
    const same = this.seen.get(key) ?? [];
    for (const s of same) if (sameBits(s.values, values)) return { ...s.result, percentiles: { ...s.result.percentiles } };
    const result = describe(values);
    same.push({ values, result });
    this.seen.set(key, same);
    return result;
  }
}

function fingerprint(values: Float64Array): number {
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  let h = values.length | 0;
  // every 97th word: enough to tell different columns of draws apart, at a small share of a pass
  for (let i = 0; i < bits.length; i += 97) h = (Math.imul(h, 31) + bits[i]!) | 0;
  return h;
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const x = new Int32Array(a.buffer, a.byteOffset, a.length * 2);
  const y = new Int32Array(b.buffer, b.byteOffset, b.length * 2);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/**
 * The values at `ranks` of `values` in ascending order, as a sparse array indexed by rank (reads as the sorted
 * array does at those ranks, which is all percentileInc reads). The order is a Float64Array's sort order (-0
 * before +0; no NaN here). A bucket select: the values are counted into equal-width buckets between the least
 * and the greatest, and only the buckets holding a wanted rank are gathered and looked into, the same way, until
 * they are small enough to sort. Three passes over the values, where a sort makes about twenty.
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[]): ArrayLike<number> {
  const out: number[] = [];
  selectInto(values, [...new Set(ranks)].sort((x, y) => x - y), 0, out, 0, false);
  return out;
}

const BUCKETS = 4096;
/** 1 / BUCKETS, a power of two: multiplying by it is exactly dividing by BUCKETS */
const PER_BUCKET = 1 / BUCKETS;
/** a part this small is sorted; a part still large after this many rounds of buckets is sorted too */
const SORT_BELOW = 4096;
const MAX_ROUNDS = 6;

/**
 * Writes out[offset + r] for each rank r (ascending, within a) of the values a. Changes a only when it is `own`
 * (a part made here). A part that holds more than half of the values it came from is divided once more at the
 * most, so that no more than about three copies of the values are alive at once.
 */
function selectInto(a: Float64Array, ranks: readonly number[], offset: number, out: number[], round: number, own: boolean): void {
  const n = a.length;
  const sortAll = (): void => {
    const sorted = own ? a.sort() : Float64Array.from(a).sort();
    for (const r of ranks) out[offset + r] = sorted[r]!;
  };
  if (n <= SORT_BELOW || round >= MAX_ROUNDS) {
    sortAll();
    return;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) {
    // all equal: as a sort has them, -0 first when zeros of both signs are there
    let negativeZeros = 0;
    if (lo === 0) for (let i = 0; i < n; i++) if (1 / a[i]! < 0) negativeZeros++;
    for (const r of ranks) out[offset + r] = lo === 0 ? (r < negativeZeros ? -0 : 0) : lo;
    return;
  }
  // a value's bucket is (v / B - lo / B) * scale (B = BUCKETS): computed so that it cannot overflow, and monotone in v
  // (IEEE arithmetic rounds monotonically), so a bucket holds only values between those of the buckets either
  // side, and bucket indices stay below 2^31 (so `| 0` floors them)
  const scaledLo = lo * PER_BUCKET;
  const scale = BUCKETS / (hi * PER_BUCKET - scaledLo);
  if (!(scale > 0) || !Number.isFinite(scale)) {
    // too close together to divide: a sort orders them
    sortAll();
    return;
  }
  const last = BUCKETS - 1;
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) {
    const b = ((a[i]! * PER_BUCKET - scaledLo) * scale) | 0;
    counts[b > last ? last : b]!++;
  }
  // the bucket of each wanted rank, and where each wanted bucket starts in the order
  const slot = new Int32Array(BUCKETS).fill(-1);
  const parts: { start: number; ranks: number[]; values: Float64Array; filled: number }[] = [];
  let start = 0;
  let k = 0;
  for (let b = 0; b < BUCKETS && k < ranks.length; b++) {
    const end = start + counts[b]!;
    if (ranks[k]! < end) {
      const inside: number[] = [];
      while (k < ranks.length && ranks[k]! < end) inside.push(ranks[k++]! - start);
      slot[b] = parts.length;
      parts.push({ start, ranks: inside, values: new Float64Array(counts[b]!), filled: 0 });
    }
    start = end;
  }
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    const b = ((v * PER_BUCKET - scaledLo) * scale) | 0;
    const p = slot[b > last ? last : b]!;
    if (p >= 0) {
      const part = parts[p]!;
      part.values[part.filled++] = v;
    }
  }
  // a part holding more than half of these values is divided once more at most (which finds a part of equal
  // values at once), then sorted
  for (const part of parts) selectInto(part.values, part.ranks, offset + part.start, out, 2 * part.values.length > n ? Math.max(round + 1, MAX_ROUNDS - 1) : round + 1, true);
}

export interface HistogramBin {
  /** the bin is [from, to), the last one [from, to] */
  from: number;
  to: number;
  count: number;
}

/** `bins` equal-width bins from the smallest to the largest value present (one bin when all are equal). */
export function histogram(values: Float64Array, bins: number): HistogramBin[] {
  const xs = present(values);
  if (xs.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return [{ from: lo, to: hi, count: xs.length }];
  const width = (hi - lo) / bins;
  const out: HistogramBin[] = [];
  for (let b = 0; b < bins; b++) out.push({ from: lo + b * width, to: b === bins - 1 ? hi : lo + (b + 1) * width, count: 0 });
  for (let i = 0; i < xs.length; i++) {
    const b = Math.min(bins - 1, Math.floor((xs[i]! - lo) / width));
    out[b]!.count++;
  }
  return out;
}
