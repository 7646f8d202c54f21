// The decimal quantile of a distribution, for tornado's P10 and P90 on the exact engine (the float one for
// the Monte Carlo draws is in src/uncertainty/distributions.ts). A module of its own, imported only by the
// tornado, because @stdlib's Beta quantile loads about 430 modules (as long as Node takes to start), which
// `simulate` and its worker threads must not pay for.
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { D } from '../decimal.js';
import type { Distribution } from '../model/types.js';
import { pertShape } from './distributions.js';

/**
 * The quantile at probability p in decimal, clamped to [min, max], for tornado's P10 and P90 on the exact
 * engine. Triangular and uniform are exact to 40 digits (decimal square roots). PERT and normal have no closed
 * form: their standard quantile (Beta(alpha, beta) on [0, 1], or the standard normal z) is computed in binary
 * floating point, accurate to about 15 significant digits, and then scaled exactly.
 */
export function quantileDecimal(dist: Distribution, p: D, min: D, max: D | null): D {
  let x: D;
  switch (dist.kind) {
    case 'triangular': {
      const width = dist.high.minus(dist.low);
      const left = dist.mode.minus(dist.low);
      x = p.times(width).lessThan(left)
        ? dist.low.plus(p.times(width).times(left).sqrt())
        : dist.high.minus(new D(1).minus(p).times(width).times(dist.high.minus(dist.mode)).sqrt());
      break;
    }
    case 'uniform':
      x = dist.low.plus(p.times(dist.high.minus(dist.low)));
      break;
    case 'pert': {
      const { alpha, beta } = pertShape(dist.low, dist.mode, dist.high);
      const q = floatToDecimal(betaQuantile(p.toNumber(), alpha.toNumber(), beta.toNumber()));
      x = dist.low.plus(q.times(dist.high.minus(dist.low)));
      break;
    }
    case 'normal':
      x = dist.mean.plus(dist.sd.times(floatToDecimal(normalQuantile(p.toNumber(), 0, 1))));
      break;
  }
  if (x.lessThan(min)) return min;
  if (max !== null && x.greaterThan(max)) return max;
  return x;
}

/** A float result of a special function, as a decimal of its 15 significant digits (the digits it can vouch for). */
function floatToDecimal(x: number): D {
  return new D(x.toPrecision(15));
}
