import { describe, expect, it } from 'vitest';
import { describe as describeValues, histogram, meanOf, percentileInc } from '../../src/uncertainty/stats.js';

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
