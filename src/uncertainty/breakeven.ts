// `breakeven` (docs/method.md, "13. Uncertainty"; the Green Book's switching value): the value of one numeric scenario field at
// which a target (npv_cashable >= 0, or payback_t <= T) is just met, by bisection on the exact engine within
// the field's valid range (or --min/--max), to 6 significant digits.
import { D } from '../decimal.js';
import type { RunResult } from '../model/types.js';
import type { BreakevenEntity, BreakevenResult, BreakevenTarget } from './types.js';

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
  integer: boolean;
  /** the result with every value as written */
  centre: RunResult;
  /** the exact result with the field at x */
  evaluate: (x: D) => RunResult;
}

const SIGNIFICANT = 6;
const MAX_STEPS = 400;
/** an unbounded field is searched up to 2^40 times its central value (or 1) */
const MAX_DOUBLINGS = 40;

export function targetText(target: BreakevenTarget): string {
  return target.kind === 'npv' ? 'npv_cashable >= 0' : `payback_t <= ${target.t}`;
}

interface EntityValue {
  place: string;
  npv: D;
  payback: number | null;
}

function entityValues(r: RunResult): EntityValue[] {
  const out = r.places.map((p) => ({ place: p.place, npv: p.summary.npv_cashable!, payback: p.summary.payback_t }));
  if (r.allPlaces) out.push({ place: r.allPlaces.place, npv: r.allPlaces.summary.npv_cashable!, payback: r.allPlaces.summary.payback_t });
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
    if (!v) cache.set(key, (v = entityValues(p.evaluate(x))));
    return v;
  };
  const centreValues = entityValues(p.centre);
  if (p.central !== null) cache.set(p.central.toString(), centreValues);

  // the upper end: the given one, or widen from the centre until every entity's status has changed
  let max = p.max;
  if (max === null) {
    const base = D.max(p.central ?? p.min, p.min, 1);
    const statusAtCentre = centreValues.map((v) => meets(p.target, v));
    let hi = base;
    for (let k = 1; k <= MAX_DOUBLINGS; k++) {
      hi = base.times(new D(2).pow(k));
      const values = at(hi);
      if (values.every((v, i) => meets(p.target, v) !== statusAtCentre[i])) break;
    }
    max = hi;
  }
  const points = [p.min, ...(p.central !== null && p.central.greaterThan(p.min) && p.central.lessThan(max) ? [p.central] : []), max];

  const entities: BreakevenEntity[] = centreValues.map((cv, e): BreakevenEntity => {
    const status = points.map((x) => meets(p.target, at(x)[e]!));
    const metAtCentre = meets(p.target, cv);
    const candidates: { value: D; metAbove: boolean }[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      if (status[i] !== status[i + 1]) candidates.push(bisect(points[i]!, points[i + 1]!, status[i]!, e));
    }
    if (candidates.length === 0) {
      return { place: cv.place, switchingValue: null, change: null, metAtCentre, outcome: status[0] ? 'all' : 'none', metAbove: false, valueAtSwitch: null };
    }
    // the switch nearest the central value (the one the Green Book's question is about)
    const reference = p.central ?? p.min;
    candidates.sort((a, b) => a.value.minus(reference).abs().comparedTo(b.value.minus(reference).abs()));
    const best = candidates[0]!;
    const atSwitch = at(best.value)[e]!;
    return {
      place: cv.place,
      switchingValue: best.value,
      change: p.central === null || p.central.isZero() ? null : best.value.dividedBy(p.central).minus(1),
      metAtCentre,
      outcome: 'found',
      metAbove: best.metAbove,
      valueAtSwitch: p.target.kind === 'npv' ? atSwitch.npv : atSwitch.payback,
    };
  });

  function bisect(lo: D, hi: D, metLo: boolean, e: number): { value: D; metAbove: boolean } {
    let a = lo;
    let b = hi;
    const width = hi.minus(lo);
    for (let step = 0; step < MAX_STEPS; step++) {
      if (p.integer) {
        if (b.minus(a).lessThanOrEqualTo(1)) break;
      } else if (a.toSignificantDigits(SIGNIFICANT).equals(b.toSignificantDigits(SIGNIFICANT)) || b.minus(a).lessThanOrEqualTo(width.times('1e-15'))) break;
      let mid = a.plus(b).dividedBy(2);
      if (p.integer) mid = mid.floor();
      if (meets(p.target, at(mid)[e]!) === metLo) a = mid;
      else b = mid;
    }
    const metSide = metLo ? a : b;
    let value = p.integer ? metSide : metSide.toSignificantDigits(SIGNIFICANT);
    // a switch at zero is approached but never reached by halving: below a millionth of a millionth of the bracket it is 0
    if (!p.integer && value.abs().lessThan(width.times('1e-12'))) value = new D(0);
    return { value, metAbove: !metLo };
  }

  return {
    scenario: p.scenario,
    parameter: p.parameter,
    target: targetText(p.target),
    targetSpec: p.target,
    central: p.central,
    min: p.min,
    max,
    integer: p.integer,
    entities,
    warnings: p.centre.warnings,
  };
}
