import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { describe, expect, it } from 'vitest';
import { betaCdf, betaQuantileFast, lnGamma } from '../../src/uncertainty/beta.js';

describe('Beta quantile (fast path for PERT draws)', () => {
  it('ln Gamma at known points', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lnGamma(3.5)).toBeCloseTo(Math.log(3.32335097044784), 12);
  });

  it('the CDF has the closed form of integer shapes: I_x(2, 4) = 1 - (1-x)^5 - 5x(1-x)^4', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) expect(betaCdf(x, 2, 4)).toBeCloseTo(1 - (1 - x) ** 5 - 5 * x * (1 - x) ** 4, 14);
  });

  it('agrees with @stdlib to 1e-12 over every PERT shape (alpha + beta = 6), and inverts the CDF', () => {
    let worst = 0;
    const shapes: [number, number][] = [];
    for (let a = 1; a <= 5.0001; a += 0.1) shapes.push([a, 6 - a]);
    shapes.push([0.7, 3], [8, 2.5], [1, 1], [1, 5], [5, 1]);
    for (const [a, b] of shapes) {
      for (const p of [1e-12, 1e-6, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1 - 1e-6, 1 - 1e-12]) {
        const mine = betaQuantileFast(p, a, b);
        // near p = 1 the quantile is ill-conditioned (1 - p itself carries a relative error of 1e-16 / (1 - p)),
        // so there the two may differ by that much; elsewhere they agree to 1e-12
        if (p <= 0.999) worst = Math.max(worst, Math.abs(mine - betaQuantile(p, a, b)));
        else expect(Math.abs(mine - betaQuantile(p, a, b))).toBeLessThan(1e-6);
        expect(Math.abs(betaCdf(mine, a, b) - p)).toBeLessThan(2e-12);
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('is monotone in p', () => {
    let prev = 0;
    for (let i = 1; i < 2000; i++) {
      const x = betaQuantileFast(i / 2000, 3.667, 2.333);
      expect(x).toBeGreaterThan(prev);
      prev = x;
    }
  });
});
