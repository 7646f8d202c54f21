// Results of the uncertainty commands (docs/method.md, "13. Uncertainty"), for the renderers
// (src/report/simulate.ts, tornado.ts, breakeven.ts, and HTML). Simulation statistics are binary floating
// point (draws are computed in float64); tornado and breakeven values come from the exact engine and are
// decimals.
import type { D } from '../decimal.js';
import type { Warning } from '../errors.js';
import type { Distribution, Summary, SummaryMeasure, YearInfo } from '../model/types.js';
import type { HistogramBin, PercentileKey } from './stats.js';

export type { HistogramBin, PercentileKey } from './stats.js';
export { PERCENTILES } from './stats.js';

/** Statistics of one summary measure over the draws that have a value (NaN-free). */
export interface MeasureStatistics {
  measure: SummaryMeasure;
  /** draws with a value: all draws, except for a ROI without costs or a payback that never comes */
  count: number;
  mean: number | null;
  percentiles: Record<PercentileKey, number | null>;
}

export interface PaybackBin {
  /** the year index, or null for "never" (no payback within the horizon) */
  t: number | null;
  /** `2027/28`, or `never` */
  label: string;
  count: number;
  /** count / draws */
  share: number;
}

/** The simulation of one modelled place, or of `all places`. */
export interface EntitySimulation {
  place: string;
  /** the exact result with every value at its centre (what `run` reports) */
  centre: Summary;
  measures: MeasureStatistics[];
  /** share of draws with npv_cashable > 0 */
  probPositive: number;
  /** share of draws with npv_public_value > 0 */
  probPublicValuePositive: number;
  /** share of draws that never pay back within the horizon */
  probNever: number;
  /** every year index 0..H-1, then never */
  payback: PaybackBin[];
  /** npv_cashable in equal-width bins from the smallest to the largest draw */
  histogram: HistogramBin[];
}

export interface SimulatedParameter {
  path: string;
  label: string;
  dist: Distribution;
  central: D;
  min: D;
  max: D | null;
  /** draws in which this value was clamped into its valid range */
  clamped: number;
}

export interface SimulationResult {
  scenario: string;
  baseYear: number;
  horizon: number;
  years: YearInfo[];
  draws: number;
  seed: number;
  /** draws in which at least one value was clamped */
  clamped: number;
  parameters: SimulatedParameter[];
  /** places in order, then `all places` when two or more places are modelled separately */
  entities: EntitySimulation[];
  /** the prices money is in (from the run at the central values) */
  priceBase: number;
  prices?: { deflators: string; note?: string };
  warnings: Warning[];
}

// ---------------------------------------------------------------------------------------------------------

export interface TornadoBar {
  path: string;
  label: string;
  /** the value at the distribution's P10 and P90, clamped into the field's valid range */
  low: D;
  high: D;
  npvLow: D;
  npvHigh: D;
  /** |npvHigh - npvLow| */
  swing: D;
}

export interface TornadoEntity {
  place: string;
  /** npv_cashable with every value at its centre */
  centralNpv: D;
  /** sorted by swing, largest first (ties in the scenario's order) */
  bars: TornadoBar[];
}

/** The net present values tornado and breakeven may look at (the cashable NPV by default). */
export const NPV_MEASURES = ['npv_cashable', 'npv_fiscal', 'npv_public_value', 'partners_npv_cashable'] as const;
export type NpvMeasure = (typeof NPV_MEASURES)[number];

export interface TornadoResult {
  scenario: string;
  /** the NPV each bar swings */
  measure: NpvMeasure;
  entities: TornadoEntity[];
  /** the prices money is in (from the run at the central values) */
  baseYear: number;
  priceBase: number;
  prices?: { deflators: string; note?: string };
  warnings: Warning[];
}

// ---------------------------------------------------------------------------------------------------------

/** `measure >= 0` for one of the NPV measures, or `payback_t <= t`. */
export type BreakevenTarget = { kind: 'npv'; measure: NpvMeasure } | { kind: 'payback'; t: number };

export interface BreakevenEntity {
  place: string;
  /** the switching value to 6 significant digits; null when none in the range */
  switchingValue: D | null;
  /** switchingValue / central - 1; null when either is missing or the central value is 0 */
  change: D | null;
  /** whether the target is met at the central value */
  metAtCentre: boolean;
  /** `none`: no value in the range meets the target; `all`: every value tried does (no switch within the range) */
  outcome: 'found' | 'none' | 'all';
  /** whether the target is met above the switching value (else below it) */
  metAbove: boolean;
  /**
   * the target's NPV measure (target npv) or payback_t (target payback) at the switching value before it is
   * rounded to 6 significant digits, exact: for an NPV within half a penny of zero, unless `jump` or the field
   * is whole numbers
   */
  valueAtSwitch: D | number | null;
  /**
   * the same measure just the other side of the switch, where the target is not met: at the next whole number
   * for a whole-number field, and at the other end of the final bracket otherwise; null when none was found
   */
  valueBeyond: D | number | null;
  /** npv target: the NPV jumps at the switch (the model is not continuous there), so no value gives exactly 0 */
  jump: boolean;
}

/** How the upper end of a field with no upper limit was found: by doubling from `from`, `doublings` times. */
export interface BreakevenWidening {
  from: D;
  doublings: number;
  /** whether the target's status had changed for every place by then (else the search stopped at its limit) */
  changed: boolean;
}

export interface BreakevenResult {
  scenario: string;
  /** the canonical path */
  parameter: string;
  /** `npv_cashable >= 0`, `npv_public_value >= 0` or `payback_t <= 5` */
  target: string;
  targetSpec: BreakevenTarget;
  /** the field's value in the scenario; null when it is not a number (`discount: green-book`) */
  central: D | null;
  /** the range searched: the field's valid range, or --min/--max */
  min: D;
  max: D;
  /** the field's largest valid value is not allowed itself (a constant discount rate is below 1): searched up to just below `max` */
  maxExclusive: boolean;
  /** set when the field has no upper limit and none was given: `max` is where the widening search stopped */
  widened: BreakevenWidening | null;
  integer: boolean;
  /** the scenario's years (a payback target's year index is shown with its financial year) */
  years: YearInfo[];
  entities: BreakevenEntity[];
  /** the prices money is in (from the run at the central values) */
  priceBase: number;
  baseYear: number;
  prices?: { deflators: string; note?: string };
  warnings: Warning[];
}

/** The probabilities a simulation reports (long CSV, batch statistics): by measure and statistic. */
export const PROBABILITIES = [
  { measure: 'npv_cashable', statistic: 'prob_positive' },
  { measure: 'npv_public_value', statistic: 'prob_positive' },
  { measure: 'payback_t', statistic: 'prob_never' },
] as const;

export function probabilityOf(e: EntitySimulation, p: (typeof PROBABILITIES)[number]): number {
  if (p.statistic === 'prob_never') return e.probNever;
  return p.measure === 'npv_public_value' ? e.probPublicValuePositive : e.probPositive;
}
