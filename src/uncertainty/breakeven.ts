// `breakeven` (docs/method.md, "13. Uncertainty"; the Green Book's switching value): the value of one numeric scenario field at
// which a target (an NPV measure >= 0: npv_cashable, npv_fiscal, npv_public_value or partners_npv_cashable; or
// payback_t <= T) is just met, by bisection on the exact engine within the field's valid range (or
// --min/--max): to 6 significant digits, and for an NPV target until the NPV there is within half a penny of
// zero (unless the field takes whole numbers, or the NPV jumps there).
import { D } from '../decimal.js';
import type { RunResult, Summary } from '../model/types.js';
import type { BreakevenEntity, BreakevenResult, BreakevenTarget } from './types.js';

const measureOf = (target: BreakevenTarget, v: EntityValue): D | number | null => (target.kind === 'npv' ? v.npv : v.payback);

export interface BreakevenProblem {
  scenario: string;
  /** canonical path of the field */
  parameter: string;
  target: BreakevenTarget;
  /** the field's value in the scenario (null when it is not a number) */
  central: D | null;
  /** the range to search; `max: null` means the field has no upper limit (the search widens from the centre) */
  min: D;
  max: D | null;
  /** `max` is not a valid value itself (searched up to just below it) */
  maxExclusive?: boolean;
  /** with `max: null`, the largest value the widening search may reach (a money field's bound of £1,000 trillion) */
  cap?: D | null;
  integer: boolean;
  /** the result with every value as written */
  centre: RunResult;
  /** the exact result with the field at x */
  evaluate: (x: D) => RunResult;
}

const SIGNIFICANT = 6;
const MAX_STEPS = 400;
/** an unbounded field is searched up to 2^20 (about a million) times its central value (or 1) */
const MAX_DOUBLINGS = 20;
/** the NPV target is met to the penny: the NPV at the switch is at most half a penny from zero */
const HALF_PENNY = new D('0.005');
/** a bracket narrower than this share of its value cannot be narrowed further: the measure jumps there */
const JUMP_WIDTH = new D('1e-30');
/** how far below an exclusive maximum the search stops */
const BELOW_EXCLUSIVE = new D('1e-9');

export function targetText(target: BreakevenTarget): string {
  return target.kind === 'npv' ? `${target.measure} >= 0` : `payback_t <= ${target.t}`;
}

interface EntityValue {
  place: string;
  npv: D;
  payback: number | null;
}

/** Each place's (and all places') target NPV and payback year. */
function entityValues(r: RunResult, target: BreakevenTarget): EntityValue[] {
  const measure = target.kind === 'npv' ? target.measure : 'npv_cashable';
  const of = (place: string, s: Summary): EntityValue => ({ place, npv: s[measure]!, payback: s.payback_t });
  const out = r.places.map((p) => of(p.place, p.summary));
  if (r.allPlaces) out.push(of(r.allPlaces.place, r.allPlaces.summary));
  return out;
}

function meets(target: BreakevenTarget, v: EntityValue): boolean {
  return target.kind === 'npv' ? v.npv.greaterThanOrEqualTo(0) : v.payback !== null && v.payback <= target.t;
}

export function breakeven(p: BreakevenProblem): BreakevenResult {
  const cache = new Map<string, EntityValue[]>();
  const at = (x: D): EntityValue[] => {
    const key = x.toString();
    let v = cache.get(key);
    if (!v) cache.set(key, (v = entityValues(p.evaluate(x), p.target)));
    return v;
  };
  const centreValues = entityValues(p.centre, p.target);
  if (p.central !== null) cache.set(p.central.toString(), centreValues);

  // the upper end: the given one, or widen from the centre until every entity's status has changed
  let max = p.max === null ? null : p.maxExclusive ? p.max.minus(BELOW_EXCLUSIVE) : p.max;
  let widened: BreakevenResult['widened'] = null;
  if (max === null) {
    const base = D.max(p.central ?? p.min, p.min, 1);
    const statusAtCentre = centreValues.map((v) => meets(p.target, v));
    let hi = base;
    let k = 0;
    let changed = false;
    let capped = false;
    while (!changed && !capped && k < MAX_DOUBLINGS) {
      k++;
      hi = base.times(new D(2).pow(k));
      // never past the field's bound: the search ends there
      if (p.cap && hi.greaterThanOrEqualTo(p.cap)) {
        hi = p.cap;
        capped = true;
      }
      changed = at(hi).every((v, i) => meets(p.target, v) !== statusAtCentre[i]);
    }
    max = hi;
    widened = { from: base, doublings: k, changed };
  }
  const points = [p.min, ...(p.central !== null && p.central.greaterThan(p.min) && p.central.lessThan(max) ? [p.central] : []), max];

  const entities: BreakevenEntity[] = centreValues.map((cv, e): BreakevenEntity => {
    const status = points.map((x) => meets(p.target, at(x)[e]!));
    const metAtCentre = meets(p.target, cv);
    const candidates: ReturnType<typeof bisect>[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      if (status[i] !== status[i + 1]) candidates.push(bisect(points[i]!, points[i + 1]!, status[i]!, e));
    }
    if (candidates.length === 0) {
      return { place: cv.place, switchingValue: null, change: null, metAtCentre, outcome: status[0] ? 'all' : 'none', metAbove: false, valueAtSwitch: null, valueBeyond: null, jump: false };
    }
    // the switch nearest the central value (the one the Green Book's question is about)
    const reference = p.central ?? p.min;
    candidates.sort((a, b) => a.value.minus(reference).abs().comparedTo(b.value.minus(reference).abs()));
    const best = candidates[0]!;
    return {
      place: cv.place,
      switchingValue: best.value,
      change: p.central === null || p.central.isZero() ? null : best.value.dividedBy(p.central).minus(1),
      metAtCentre,
      outcome: 'found',
      metAbove: best.metAbove,
      valueAtSwitch: measureOf(p.target, at(best.met)[e]!),
      valueBeyond: measureOf(p.target, at(best.unmet)[e]!),
      jump: best.jump,
    };
  });

  /**
   * The switch between `lo` and `hi` (the target met at `lo` or not, as `metLo`, and the other way at `hi`):
   * the bracket is halved until its ends agree to 6 significant digits and, for the NPV target, the NPV at
   * the end where it is met is within half a penny of zero; a whole-number field until the ends are next to
   * each other. A bracket that cannot be narrowed further with the NPV still pennies away is a jump.
   */
  function bisect(lo: D, hi: D, metLo: boolean, e: number): { value: D; met: D; unmet: D; metAbove: boolean; jump: boolean } {
    let a = lo;
    let b = hi;
    const width = hi.minus(lo);
    const closeEnough = (): boolean => {
      if (!a.toSignificantDigits(SIGNIFICANT).equals(b.toSignificantDigits(SIGNIFICANT))) return false;
      return p.target.kind !== 'npv' || at(metLo ? a : b)[e]!.npv.abs().lessThanOrEqualTo(HALF_PENNY);
    };
    let jump = false;
    for (let step = 0; step < MAX_STEPS; step++) {
      if (p.integer) {
        if (b.minus(a).lessThanOrEqualTo(1)) break;
      } else if (closeEnough()) break;
      else if (b.minus(a).lessThanOrEqualTo(D.max(a.abs(), b.abs(), width).times(JUMP_WIDTH))) {
        jump = p.target.kind === 'npv';
        break;
      }
      let mid = a.plus(b).dividedBy(2);
      if (p.integer) mid = mid.floor();
      if (meets(p.target, at(mid)[e]!) === metLo) a = mid;
      else b = mid;
    }
    const metSide = metLo ? a : b;
    let value = p.integer ? metSide : metSide.toSignificantDigits(SIGNIFICANT);
    // a switch at zero is approached but never reached by halving: below a millionth of a millionth of the bracket it is 0
    if (!p.integer && value.abs().lessThan(width.times('1e-12'))) value = new D(0);
    return { value, met: metSide, unmet: metLo ? b : a, metAbove: !metLo, jump };
  }

  return {
    scenario: p.scenario,
    parameter: p.parameter,
    target: targetText(p.target),
    targetSpec: p.target,
    central: p.central,
    min: p.min,
    max: p.maxExclusive && p.max !== null ? p.max : max,
    maxExclusive: p.maxExclusive === true && p.max !== null,
    widened,
    integer: p.integer,
    years: p.centre.years,
    entities,
    priceBase: p.centre.priceBase,
    baseYear: p.centre.baseYear,
    ...(p.centre.prices ? { prices: p.centre.prices } : {}),
    warnings: p.centre.warnings,
  };
}
