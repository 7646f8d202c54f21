// Statistical checks of the samplers with fixed seeds. Each tolerance is about four standard errors of the
// estimate, and each test also shows that a plausible mistake (the wrong distribution, the wrong shape) lies
// many tolerances away, so a test cannot pass by accident.
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import type { Distribution } from '../../src/model/types.js';
import { clampTo, distributionMean, pertShape, quantile, toNumeric, type NumericDistribution } from '../../src/uncertainty/distributions.js';
import { quantileDecimal } from '../../src/uncertainty/quantile-decimal.js';
import { drawUniforms } from '../../src/uncertainty/rng.js';
import { describe as describeValues, meanOf } from '../../src/uncertainty/stats.js';

const d = (s: string | number): D => new D(String(s));
const tri = (l: number, m: number, h: number): Distribution => ({ kind: 'triangular', low: d(l), mode: d(m), high: d(h) });
const pert = (l: number, m: number, h: number): Distribution => ({ kind: 'pert', low: d(l), mode: d(m), high: d(h) });
const unif = (l: number, h: number): Distribution => ({ kind: 'uniform', low: d(l), high: d(h) });
const norm = (m: number, s: number): Distribution => ({ kind: 'normal', mean: d(m), sd: d(s) });

function sample(dist: NumericDistribution, n: number, seed: number): { values: Float64Array; clamped: number } {
  const u = new Float64Array(1);
  const values = new Float64Array(n);
  let clamped = 0;
  for (let i = 0; i < n; i++) {
    drawUniforms(seed, i, 1, u);
    const x = quantile(dist, u[0]!);
    const c = clampTo(x, dist);
    if (c !== x) clamped++;
    values[i] = c;
  }
  return { values, clamped };
}

function sd(values: Float64Array): number {
  const m = meanOf(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return Math.sqrt(s / (values.length - 1));
}

function fractionBelow(values: Float64Array, x: number): number {
  let k = 0;
  for (const v of values) if (v < x) k++;
  return k / values.length;
}

const wide = (dist: Distribution) => toNumeric(dist, d(-1e12), null);

describe('quantile functions (deterministic)', () => {
  it('triangular: closed form, inverse of the CDF on both sides of the mode', () => {
    const t = wide(tri(0, 3, 10));
    // F(x) = x^2 / 30 for x <= 3; 1 - (10-x)^2 / 70 above
    expect(quantile(t, 0.1)).toBeCloseTo(Math.sqrt(3), 14);
    expect(quantile(t, 0.3)).toBeCloseTo(3, 14);
    expect(quantile(t, 0.5)).toBeCloseTo(10 - Math.sqrt(35), 14);
    expect(quantile(t, 0.9)).toBeCloseTo(10 - Math.sqrt(7), 14);
    // degenerate sides: mode at an end
    expect(quantile(wide(tri(0, 0, 1)), 0.75)).toBeCloseTo(0.5, 14);
    expect(quantile(wide(tri(0, 1, 1)), 0.25)).toBeCloseTo(0.5, 14);
  });

  it('uniform and normal', () => {
    expect(quantile(wide(unif(2, 5)), 0.25)).toBe(2.75);
    expect(quantile(wide(norm(100, 15)), 0.975)).toBeCloseTo(100 + 15 * 1.959963984540054, 10);
    expect(quantile(wide(norm(0, 1)), 0.5)).toBe(0);
  });

  it('PERT has the shape of docs/method.md, "13. Uncertainty", and inverts the Beta(2, 4) CDF', () => {
    const { alpha, beta } = pertShape(d(0), d(0.25), d(1));
    expect(alpha.toString()).toBe('2');
    expect(beta.toString()).toBe('4');
    const p = wide(pert(0, 0.25, 1));
    // I_x(2, 4) = 1 - (1-x)^5 - 5x(1-x)^4, computed independently of the quantile routine
    const cdf = (x: number) => 1 - (1 - x) ** 5 - 5 * x * (1 - x) ** 4;
    for (const u of [0.01, 0.1, 0.5, 0.9, 0.99]) expect(cdf(quantile(p, u))).toBeCloseTo(u, 12);
    // scaled: PERT[10, 12.5, 20] is 10 + 10 Beta(2, 4)
    expect(quantile(wide(pert(10, 12.5, 20)), 0.5)).toBeCloseTo(10 + 10 * quantile(p, 0.5), 12);
  });

  it('decimal quantiles for tornado agree with the float ones and are clamped', () => {
    const cases: Distribution[] = [tri(0.1, 0.3, 0.6), pert(0.1, 0.3, 0.6), unif(1000, 2000), norm(0.3, 0.05)];
    for (const dist of cases) {
      for (const p of ['0.1', '0.9']) {
        const exact = quantileDecimal(dist, d(p), d(-1e9), null).toNumber();
        expect(exact).toBeCloseTo(quantile(wide(dist), Number(p)), 12);
      }
    }
    // triangular P10 exactly: 0 + sqrt(0.1 * 10 * 3) = sqrt(3), to 40 digits
    expect(quantileDecimal(tri(0, 3, 10), d('0.1'), d(0), null).toString()).toBe(d(3).sqrt().toString());
    // normal(0.9, 0.2) at P90 = 1.156 > 1: clamped to the range's top
    expect(quantileDecimal(norm(0.9, 0.2), d('0.9'), d(0), d(1)).toString()).toBe('1');
    expect(quantileDecimal(norm(0.05, 0.2), d('0.1'), d(0), d(1)).toString()).toBe('0');
  });

  it('analytic means', () => {
    expect(distributionMean(tri(0, 3, 10)).toString()).toBe(d(13).dividedBy(3).toString());
    expect(distributionMean(pert(0, 0.25, 1)).toString()).toBe(d(2).dividedBy(6).toString());
    expect(distributionMean(unif(2, 5)).toString()).toBe('3.5');
    expect(distributionMean(norm(7, 2)).toString()).toBe('7');
  });
});

describe('sampling by inverse CDF with fixed seeds', () => {
  const n = 100_000;

  it('triangular [0, 3, 10]: mean and percentiles', () => {
    const { values } = sample(wide(tri(0, 3, 10)), n, 20260101);
    const s = describeValues(values);
    // sd of the triangular = sqrt((a²+b²+c²-ab-ac-bc)/18) = sqrt(79/18) = 2.095; SE of the mean 0.0066
    const tol = 4 * Math.sqrt(79 / 18 / n);
    expect(Math.abs(s.mean! - 13 / 3)).toBeLessThan(tol);
    // the plausible mistakes are far away: a uniform [0, 10] has mean 5, a PERT [0, 3, 10] 11/3
    expect(Math.abs(13 / 3 - 5)).toBeGreaterThan(20 * tol);
    expect(Math.abs(13 / 3 - 11 / 3)).toBeGreaterThan(20 * tol);
    // percentile SE = sqrt(p(1-p)/n) / f(x): f(P10) = 2 sqrt(3)/30, f(P50) = 2 sqrt(35)/70, f(P90) = 2 sqrt(7)/70
    const tolP = (p: number, f: number) => (4 * Math.sqrt((p * (1 - p)) / n)) / f;
    expect(Math.abs(s.percentiles.p10! - Math.sqrt(3))).toBeLessThan(tolP(0.1, (2 * Math.sqrt(3)) / 30));
    expect(Math.abs(s.percentiles.p50! - (10 - Math.sqrt(35)))).toBeLessThan(tolP(0.5, (2 * Math.sqrt(35)) / 70));
    expect(Math.abs(s.percentiles.p90! - (10 - Math.sqrt(7)))).toBeLessThan(tolP(0.9, (2 * Math.sqrt(7)) / 70));
    expect(s.min!).toBeGreaterThanOrEqual(0);
    expect(s.max!).toBeLessThanOrEqual(10);
  });

  it('PERT [0, 0.25, 1] is Beta(2, 4): mean 1/3 (a triangular would give 5/12) and its CDF', () => {
    const { values } = sample(wide(pert(0, 0.25, 1)), n, 7);
    const sdBeta = Math.sqrt(8 / (36 * 7));
    const tol = (4 * sdBeta) / Math.sqrt(n);
    expect(Math.abs(meanOf(values) - 1 / 3)).toBeLessThan(tol);
    expect(5 / 12 - 1 / 3).toBeGreaterThan(30 * tol);
    expect(Math.abs(sd(values) - sdBeta)).toBeLessThan(0.01 * sdBeta * 4);
    const cdf = (x: number) => 1 - (1 - x) ** 5 - 5 * x * (1 - x) ** 4;
    for (const x of [0.1, 0.2, 1 / 3, 0.5, 0.7]) {
      const F = cdf(x);
      expect(Math.abs(fractionBelow(values, x) - F)).toBeLessThan(4 * Math.sqrt((F * (1 - F)) / n));
    }
  });

  it('uniform [2, 5]: mean, quartiles', () => {
    const { values } = sample(wide(unif(2, 5)), n, 99);
    const s = describeValues(values);
    const sdU = 3 / Math.sqrt(12);
    expect(Math.abs(s.mean! - 3.5)).toBeLessThan((4 * sdU) / Math.sqrt(n));
    // f = 1/3 everywhere
    expect(Math.abs(s.percentiles.p25! - 2.75)).toBeLessThan(3 * 4 * Math.sqrt(0.1875 / n));
    expect(Math.abs(s.percentiles.p75! - 4.25)).toBeLessThan(3 * 4 * Math.sqrt(0.1875 / n));
  });

  it('normal (100, 15): mean, sd, P5 and P95', () => {
    const { values } = sample(wide(norm(100, 15)), n, 424242);
    const s = describeValues(values);
    expect(Math.abs(s.mean! - 100)).toBeLessThan((4 * 15) / Math.sqrt(n));
    expect(Math.abs(sd(values) - 15)).toBeLessThan(4 * (15 / Math.sqrt(2 * n)));
    const fTail = Math.exp(-(1.6448536269514722 ** 2) / 2) / (15 * Math.sqrt(2 * Math.PI));
    const tolP = (4 * Math.sqrt(0.0475 / n)) / fTail;
    expect(Math.abs(s.percentiles.p5! - (100 - 15 * 1.6448536269514722))).toBeLessThan(tolP);
    expect(Math.abs(s.percentiles.p95! - (100 + 15 * 1.6448536269514722))).toBeLessThan(tolP);
  });

  it('clamps into the valid range and counts the clamped draws', () => {
    // normal(0.5, 0.5) in [0, 1]: P(outside) = 2 Phi(-1) = 0.317311
    const dist = toNumeric(norm(0.5, 0.5), d(0), d(1));
    const { values, clamped } = sample(dist, n, 3);
    const p = 0.3173105078629141;
    expect(Math.abs(clamped / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBe(1);
    // about half the clamped draws sit at each end
    expect(Math.abs(fractionBelow(values, 1e-300) - p / 2)).toBeLessThan(4 * Math.sqrt(p / 2 / n));
  });
});
