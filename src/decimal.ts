// The one decimal type of the exact path. Every money amount, rate, share and factor is one of these;
// nothing is rounded until it is presented (see src/report/numbers.ts).
import { Decimal } from 'decimal.js';

/** decimal.js configured for the model: 40 significant digits, half away from zero when asked to round. */
export const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type D = InstanceType<typeof D>;

export const ZERO = new D(0);
export const ONE = new D(1);

/** Sum of decimals (0 for none). */
export function sum(values: Iterable<D>): D {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** Decimal from a number literal or a numeric string written by a person; never pass a computed float. */
export function dec(value: string | number | D): D {
  return value instanceof D ? value : new D(typeof value === 'number' ? String(value) : value);
}

export function dmin(a: D, b: D): D {
  return a.lessThan(b) ? a : b;
}

/** n zeros, e.g. a series over the horizon to fill in. */
export function zeros(n: number): D[] {
  return Array.from({ length: n }, () => ZERO);
}

// decimal.js's isPositive()/isNegative() look at the sign bit, so +0 is "positive" and -0 "negative".
// Compare with zero instead (the linter forbids the sign-bit methods).
export function positive(x: D): boolean {
  return x.greaterThan(0);
}

export function negative(x: D): boolean {
  return x.lessThan(0);
}
