// HM Treasury Green Book discounting (docs/method.md, "8. Discounting"). DF[0] = 1 and
// DF[t] = DF[t-1] / (1 + r(t)), so a change of rate at year 31 applies only to the years after it, as in
// the Green Book's own table.
import { D, ONE } from '../decimal.js';
import type { DiscountSpec } from './types.js';

const BANDS: Record<'green-book' | 'green-book-health', [number, string][]> = {
  // [last year of the band, rate]
  'green-book': [
    [30, '0.035'],
    [75, '0.030'],
    [125, '0.025'],
  ],
  'green-book-health': [
    [30, '0.015'],
    [75, '0.0129'],
    [125, '0.0107'],
  ],
};

/** The discount rate that applies between year t-1 and year t (t >= 1). */
export function discountRate(spec: DiscountSpec, t: number): D {
  if (spec.kind === 'constant') return spec.rate;
  for (const [last, rate] of BANDS[spec.kind]) if (t <= last) return new D(rate);
  // beyond 125 years the Green Book gives no rate; the last band continues (horizons stop at 100)
  return new D(BANDS[spec.kind][2]![1]);
}

/** Discount factors DF[0..horizon-1]. */
export function discountFactors(spec: DiscountSpec, horizon: number): D[] {
  if (spec.kind === 'constant') {
    const base = ONE.plus(spec.rate);
    return Array.from({ length: horizon }, (_, t) => ONE.dividedBy(base.pow(t)));
  }
  const df: D[] = [ONE];
  for (let t = 1; t < horizon; t++) df.push(df[t - 1]!.dividedBy(ONE.plus(discountRate(spec, t))));
  return df.slice(0, horizon);
}
