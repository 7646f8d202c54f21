// The simulated statistics of a batch run (a manifest with `simulate:`): the columns runs.csv gets and the
// values expectations may name (`npv_cashable.p10`). The statistics come from the uncertainty module's
// simulation (float64 draws, docs/method.md, "13. Uncertainty"); they are held here as decimals of the
// floats' shortest text.
import { D } from '../decimal.js';
import { SUMMARY_MEASURES, type Budgets, type RunResult, type Scenario } from '../model/types.js';
import { EXTRA_STATISTICS, STATISTICS } from './expect.js';

/** `measure.statistic` -> value (null: no draw had a value). */
export type Statistics = Map<string, D | null>;

export type SimulateFn = (budgets: Budgets, scenario: Scenario, centre: RunResult, options: { draws: number; seed: number }) => Statistics;

let columns: string[] | undefined;

/** The statistic columns of runs.csv, in order: each summary measure's mean and percentiles, then the probabilities. */
export function statisticColumns(): string[] {
  columns ??= [...SUMMARY_MEASURES.flatMap((m) => STATISTICS.map((s) => `${m}.${s}`)), ...EXTRA_STATISTICS.map((x) => `${x.measure}.${x.statistic}`)];
  return columns;
}

/** A float statistic as a decimal (its shortest round-trip text); null for none. */
export function floatDecimal(x: number | null | undefined): D | null {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  return new D(String(x));
}
