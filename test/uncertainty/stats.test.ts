import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describe as describeValues, Describer, histogram, meanOf, orderStatistics, percentileInc, PERCENTILES } from '../../src/uncertainty/stats.js';

describe('PERCENTILE.INC', () => {
  it('matches a spreadsheet on small examples', () => {
    // =PERCENTILE.INC({1,2,3,4}, 0.25) is 1.75; ({1..10}, 0.9) is 9.1; ({15,20,35,40,50}, 0.4) is 29
    expect(percentileInc([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(percentileInc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(percentileInc([15, 20, 35, 40, 50], 0.4)).toBe(29);
    expect(percentileInc([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(percentileInc([15, 20, 35, 40, 50], 1)).toBe(50);
    expect(percentileInc([7], 0.95)).toBe(7);
  });

  it('describe sorts, ignores empty values (NaN) and counts the present ones', () => {
    const s = describeValues(Float64Array.from([4, NaN, 1, 3, 2]));
    expect(s.count).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.percentiles.p25).toBe(1.75);
    expect(s.percentiles.p50).toBe(2.5);
    expect(s.min).toBe(1);
    expect(s.max).toBe(4);
    const none = describeValues(Float64Array.from([NaN]));
    expect(none.count).toBe(0);
    expect(none.mean).toBeNull();
    expect(none.percentiles.p90).toBeNull();
  });

  it('mean sums in order; histogram covers every value', () => {
    expect(meanOf([0.1, 0.2, 0.3])).toBe((0.1 + 0.2 + 0.3) / 3);
    const h = histogram(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 10]), 5);
    expect(h.map((b) => b.count)).toEqual([2, 2, 2, 2, 2]);
    expect(h[0]!.from).toBe(0);
    expect(h[4]!.to).toBe(10);
    expect(histogram(Float64Array.from([3, 3]), 5)).toEqual([{ from: 3, to: 3, count: 2 }]);
  });
});

describe('order statistics by selection', () => {
  /** describe as it was: the whole array sorted */
  function bySorting(values: Float64Array) {
    const xs = values.filter((v) => Number.isFinite(v));
    const sorted = Float64Array.from(xs).sort();
    return {
      percentiles: [5, 10, 25, 50, 75, 90, 95].map((p) => percentileInc(sorted, p / 100)),
      min: sorted[0],
      max: sorted[sorted.length - 1],
    };
  }
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.integer({ min: -3, max: 3 }).map((i) => i * 1.5),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity),
  );

  it('gives the bits a sort gives, at every percentile, min and max (duplicates, -0 and +0, NaN, infinities)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 600 }), (list) => {
        const values = Float64Array.from(list);
        const s = describeValues(values);
        const want = bySorting(values);
        if (want.min === undefined) return s.count === 0;
        const got = PERCENTILES.map((p) => s.percentiles[`p${p}`]);
        return got.every((v, i) => Object.is(v, want.percentiles[i])) && Object.is(s.min, want.min) && Object.is(s.max, want.max);
      }),
      { numRuns: 400 },
    );
  });

  it('holds on large arrays, sorted, reversed and all equal (the cases that make a quickselect slow)', () => {
    const n = 50_001;
    const shapes = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      new Float64Array(n).fill(7),
      Float64Array.from({ length: n }, (_, i) => (i % 2 ? -0 : 0)),
      Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 1e6),
      Float64Array.from({ length: n }, (_, i) => (i * 7919) % 13),
    ];
    for (const values of shapes) {
      const ranks = [0, 1, 2499, 2500, 25_000, 47_500, n - 1];
      const at = orderStatistics(values, ranks);
      const sorted = Float64Array.from(values).sort();
      for (const r of ranks) expect(Object.is(at[r], sorted[r]), `rank ${r}`).toBe(true);
    }
  });
});

describe('Describer', () => {
  it('describes equal columns once and different ones apart, as describe does', () => {
    const d = new Describer();
    const a = Float64Array.from({ length: 1000 }, (_, i) => Math.cos(i));
    const b = Float64Array.from(a);
    const c = Float64Array.from(a);
    c[500] = 99; // one value apart, off the fingerprint's stride
    expect(d.describe(a)).toEqual(describeValues(a));
    expect(d.describe(b)).toEqual(describeValues(a));
    expect(d.describe(c)).toEqual(describeValues(c));
    expect(d.describe(c).max).toBe(99);
  });
});

describe('order statistics on skewed values (buckets that hold nearly everything)', () => {
  it('one far outlier, a heavy tail, two clusters, values near the float limits, tiny differences', () => {
    const n = 30_001;
    const shapes = [
      Float64Array.from({ length: n }, (_, i) => (i === 777 ? 1e15 : Math.sin(i))),
      Float64Array.from({ length: n }, (_, i) => 1 / (1 + ((i * 7919) % n)) ** 3),
      Float64Array.from({ length: n }, (_, i) => (i % 3 ? 1e6 + Math.cos(i) : -1e6 + Math.sin(i))),
      Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1.7e308 : -1.7e308) * Math.abs(Math.sin(i))),
      Float64Array.from({ length: n }, (_, i) => 1 + ((i * 31) % 97) * Number.EPSILON),
      Float64Array.from({ length: n }, (_, i) => ((i * 13) % 5) * 5e-324),
    ];
    const ranks = [0, 1, 1500, 1501, 15_000, 28_500, 28_501, n - 2, n - 1];
    for (const values of shapes) {
      const at = orderStatistics(values, ranks);
      const sorted = Float64Array.from(values).sort();
      for (const r of ranks) expect(Object.is(at[r], sorted[r]), `rank ${r}`).toBe(true);
    }
  });
});
