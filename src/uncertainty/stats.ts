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

  describe(values: Float64Array): Describe {
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
 * before +0; no NaN here). A quickselect on a copy that partitions only the parts holding a wanted rank; a part
 * that partitions badly for too long is sorted instead, so the worst case stays n log n.
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[]): ArrayLike<number> {
  const a = Float64Array.from(values);
  const wanted = [...new Set(ranks)].sort((x, y) => x - y);
  const out: number[] = [];
  // parts still to partition: [lo, hi] with the wanted ranks wanted[rlo..rhi], and how many more times a part
  // may be split before it is sorted
  const stack: number[] = [0, a.length - 1, 0, wanted.length - 1, 2 * Math.ceil(Math.log2(a.length + 1)) + 8];
  while (stack.length > 0) {
    const budget = stack.pop()!;
    const rhi = stack.pop()!;
    const rlo = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (rlo > rhi) continue;
    if (hi - lo < 16 || budget === 0) {
      a.subarray(lo, hi + 1).sort();
      for (let r = rlo; r <= rhi; r++) out[wanted[r]!] = a[wanted[r]!]!;
      continue;
    }
    // median of three as the pivot, then a three-way partition: [lo, lt) below it, [lt, gt] equal, (gt, hi] above
    const pivot = medianOfThree(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (before(v, pivot)) {
        a[i++] = a[lt]!;
        a[lt++] = v;
      } else if (before(pivot, v)) {
        a[i] = a[gt]!;
        a[gt--] = v;
      } else i++;
    }
    let r = rlo;
    const leftEnd = r;
    while (r <= rhi && wanted[r]! < lt) r++;
    const midStart = r;
    while (r <= rhi && wanted[r]! <= gt) out[wanted[r]!] = a[wanted[r++]!]!;
    stack.push(lo, lt - 1, leftEnd, midStart - 1, budget - 1);
    stack.push(gt + 1, hi, r, rhi, budget - 1);
  }
  return out;
}

/** x comes before y in a Float64Array's sort: smaller, or -0 before +0. */
function before(x: number, y: number): boolean {
  return x < y || (x === 0 && y === 0 && 1 / x < 0 && 1 / y > 0);
}

function medianOfThree(x: number, y: number, z: number): number {
  if (before(y, x)) [x, y] = [y, x];
  if (before(z, y)) {
    y = z;
    if (before(y, x)) y = x;
  }
  return y;
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
