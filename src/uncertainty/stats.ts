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

/** Mean and percentiles of the values that are present. */
export function describe(values: Float64Array): Describe {
  const xs = present(values);
  const percentiles = {} as Record<PercentileKey, number | null>;
  if (xs.length === 0) {
    for (const p of PERCENTILES) percentiles[`p${p}`] = null;
    return { count: 0, mean: null, percentiles, min: null, max: null };
  }
  const mean = meanOf(xs);
  const sorted = Float64Array.from(xs).sort();
  for (const p of PERCENTILES) percentiles[`p${p}`] = percentileInc(sorted, p / 100);
  return { count: xs.length, mean, percentiles, min: sorted[0]!, max: sorted[sorted.length - 1]! };
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
