// Axis scales with "nice" tick values (1, 2, 2.5 or 5 times a power of ten), computed on decimals so that a
// tick reads exactly £250k and not £249,999.99. Positions on the page are plain numbers: they are drawing
// coordinates, not figures.
import { D, negative } from '../../decimal.js';

export interface Scale {
  lo: D;
  hi: D;
  ticks: D[];
  /** page coordinate of a value, linear from `lo` at `from` to `hi` at `to` */
  at(value: D): number;
}

const STEPS = ['1', '2', '2.5', '5', '10'];

/** A step of 1, 2, 2.5 or 5 times a power of ten that cuts `span` into about `count` parts. */
export function niceStep(span: D, count: number): D {
  const raw = span.dividedBy(Math.max(1, count));
  const exp = Math.floor(Math.log10(raw.toNumber()));
  const base = new D(10).pow(exp);
  const f = raw.dividedBy(base);
  const m = STEPS.find((s) => f.lessThanOrEqualTo(s)) ?? '10';
  return new D(m).times(base);
}

export interface ScaleOptions {
  /** stretch the domain to include zero (bars must start at zero) */
  zero?: boolean;
  /** about how many intervals between ticks */
  count?: number;
}

/**
 * A linear scale covering every value given, widened to nice ticks, mapped onto [from, to]. With no values, or
 * all equal, the domain is widened around them (a flat line still gets an axis).
 */
export function linearScale(values: D[], from: number, to: number, opts: ScaleOptions = {}): Scale {
  const count = opts.count ?? 5;
  let lo = values.reduce<D | null>((a, v) => (a === null || v.lessThan(a) ? v : a), null) ?? new D(0);
  let hi = values.reduce<D | null>((a, v) => (a === null || v.greaterThan(a) ? v : a), null) ?? new D(0);
  if (opts.zero) {
    if (lo.greaterThan(0)) lo = new D(0);
    if (hi.lessThan(0)) hi = new D(0);
  }
  if (lo.equals(hi)) {
    const pad = lo.isZero() ? new D(1) : lo.abs().times('0.1');
    if (opts.zero && lo.isZero()) hi = hi.plus(pad);
    else if (opts.zero && lo.greaterThan(0)) hi = hi.plus(pad);
    else if (opts.zero) lo = lo.minus(pad);
    else {
      lo = lo.minus(pad);
      hi = hi.plus(pad);
    }
  }
  const step = niceStep(hi.minus(lo), count);
  const nlo = lo.dividedBy(step).floor().times(step);
  const nhi = hi.dividedBy(step).ceil().times(step);
  const ticks: D[] = [];
  for (let v = nlo; v.lessThanOrEqualTo(nhi); v = v.plus(step)) ticks.push(v);
  const span = nhi.minus(nlo);
  return {
    lo: nlo,
    hi: nhi,
    ticks,
    at: (value: D) => from + value.minus(nlo).dividedBy(span).toNumber() * (to - from),
  };
}

/**
 * A formatter for one axis's money ticks, in the style of moneyShort (`£250k`, `£1.5m`, `£2bn`) but with one
 * unit and one number of decimals for every tick of the axis, so that `£5m` and `£10m` line up as a reader
 * expects (moneyShort alone would give `£5.00m` beside `£10.0m`).
 */
export function moneyTicks(ticks: D[]): (v: D) => string {
  const top = ticks.reduce((a, t) => (t.abs().greaterThan(a) ? t.abs() : a), new D(0));
  const [scale, suffix] = top.greaterThanOrEqualTo('1e9') ? ['1e9', 'bn'] : top.greaterThanOrEqualTo('1e6') ? ['1e6', 'm'] : top.greaterThanOrEqualTo('1e3') ? ['1e3', 'k'] : ['1', ''];
  const dp = Math.max(0, ...ticks.map((t) => t.dividedBy(scale).decimalPlaces()));
  return (v: D) => {
    if (v.isZero()) return '£0';
    const s = v.abs().dividedBy(scale).toFixed(Math.min(dp, 2), D.ROUND_HALF_UP);
    return `${negative(v) ? '-' : ''}£${s}${suffix}`;
  };
}

/** Plain ticks (ratios): as few decimals as the ticks need. */
export function plainTicks(ticks: D[]): (v: D) => string {
  const dp = Math.min(3, Math.max(0, ...ticks.map((t) => t.decimalPlaces())));
  return (v: D) => v.toFixed(dp, D.ROUND_HALF_UP);
}
