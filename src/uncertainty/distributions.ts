// The four distributions a scenario value may be written as (docs/method.md, "13. Uncertainty"; the fields
// that may be are listed in docs/method.md, "Scenario fields"), each drawn by its inverse CDF: draw =
// quantile(u) with u uniform on (0, 1). Triangular and uniform quantiles are closed forms; PERT is a
// Beta(alpha, beta) scaled to [low, high]; normal uses the standard normal quantile. Two versions: binary
// floating point for the Monte Carlo draws (PERT by src/uncertainty/beta.ts, checked against @stdlib's Beta
// quantile), here, and decimal for tornado's P10/P90 (PERT by @stdlib), in src/uncertainty/quantile-decimal.ts.
// The decimal one is kept apart because @stdlib's Beta quantile is about 430 modules: loading it cost
// `simulate` (and each of its worker threads) about as much as starting Node itself.
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { D } from '../decimal.js';
import { betaQuantileFast, lnBeta } from './beta.js';
import type { Distribution } from '../model/types.js';

export const KIND_TRIANGULAR = 0;
export const KIND_PERT = 1;
export const KIND_UNIFORM = 2;
export const KIND_NORMAL = 3;

/**
 * A distribution in plain numbers, ready for fast sampling (structured-clonable, so it can go to a worker).
 * triangular/pert: a = low, b = mode, c = high; uniform: a = low, c = high; normal: a = mean, b = sd.
 */
export interface NumericDistribution {
  kind: 0 | 1 | 2 | 3;
  a: number;
  b: number;
  c: number;
  /** PERT shape parameters (1 for the other kinds) and ln B(alpha, beta) */
  alpha: number;
  beta: number;
  lnB: number;
  /** the field's valid range: a draw outside it is clamped (max Infinity when unbounded) */
  min: number;
  max: number;
}

/** PERT's Beta shape parameters (docs/method.md, "13. Uncertainty"): alpha = 1 + 4(mode-low)/(high-low), beta = 1 + 4(high-mode)/(high-low). */
export function pertShape(low: D, mode: D, high: D): { alpha: D; beta: D } {
  const width = high.minus(low);
  return {
    alpha: new D(1).plus(new D(4).times(mode.minus(low)).dividedBy(width)),
    beta: new D(1).plus(new D(4).times(high.minus(mode)).dividedBy(width)),
  };
}

export function toNumeric(dist: Distribution, min: D, max: D | null): NumericDistribution {
  const range = { min: min.toNumber(), max: max === null ? Infinity : max.toNumber() };
  switch (dist.kind) {
    case 'triangular':
      return { kind: KIND_TRIANGULAR, a: dist.low.toNumber(), b: dist.mode.toNumber(), c: dist.high.toNumber(), alpha: 1, beta: 1, lnB: 0, ...range };
    case 'pert': {
      const { alpha, beta } = pertShape(dist.low, dist.mode, dist.high);
      const [a, b] = [alpha.toNumber(), beta.toNumber()];
      return { kind: KIND_PERT, a: dist.low.toNumber(), b: dist.mode.toNumber(), c: dist.high.toNumber(), alpha: a, beta: b, lnB: lnBeta(a, b), ...range };
    }
    case 'uniform':
      return { kind: KIND_UNIFORM, a: dist.low.toNumber(), b: 0, c: dist.high.toNumber(), alpha: 1, beta: 1, lnB: 0, ...range };
    case 'normal':
      return { kind: KIND_NORMAL, a: dist.mean.toNumber(), b: dist.sd.toNumber(), c: 0, alpha: 1, beta: 1, lnB: 0, ...range };
  }
}

/** The inverse CDF at probability u in (0, 1), before clamping. */
export function quantile(d: NumericDistribution, u: number): number {
  switch (d.kind) {
    case KIND_TRIANGULAR: {
      const width = d.c - d.a;
      const left = d.b - d.a;
      // F(mode) = (mode - low) / (high - low); left of it the density rises, right of it it falls
      if (u * width < left) return d.a + Math.sqrt(u * width * left);
      return d.c - Math.sqrt((1 - u) * width * (d.c - d.b));
    }
    case KIND_PERT:
      return d.a + (d.c - d.a) * betaQuantileFast(u, d.alpha, d.beta, d.lnB);
    case KIND_UNIFORM:
      return d.a + u * (d.c - d.a);
    default:
      return d.a + d.b * normalQuantile(u, 0, 1);
  }
}

/** Clamp into [min, max]. */
export function clampTo(x: number, d: NumericDistribution): number {
  return x < d.min ? d.min : x > d.max ? d.max : x;
}

/** The analytic mean (before clamping), for tests and reports. */
export function distributionMean(dist: Distribution): D {
  switch (dist.kind) {
    case 'triangular':
      return dist.low.plus(dist.mode).plus(dist.high).dividedBy(3);
    case 'pert':
      return dist.low.plus(dist.mode.times(4)).plus(dist.high).dividedBy(6);
    case 'uniform':
      return dist.low.plus(dist.high).dividedBy(2);
    case 'normal':
      return dist.mean;
  }
}
