// The first step of the model (docs/method.md, "1. Baseline spend"): project each budget line over the
// horizon and total it by silo and stage. A line's amount for a year comes from the budgets file when given
// (medium-term plan rows), otherwise grows from the year before at the silo's real growth rate.
import { D, ZERO, zeros } from '../decimal.js';
import { SeriesIndex } from './series.js';
import type { BudgetLine, Stage } from './types.js';

/** Baseline spend of one silo of a place, by year index. */
export interface SiloBaseline {
  reactive: D[];
  preventive: D[];
  other: D[];
  total: D[];
}

export interface GrowthRates {
  default: D;
  bySilo: ReadonlyMap<string, D>;
}

export function growthFor(growth: GrowthRates, silo: string): D {
  return growth.bySilo.get(silo) ?? growth.default;
}

/**
 * Project the lines of one place from `baseYear` for `horizon` years and total them by silo.
 * Every silo with a row in any year appears, even if its projection is all zero.
 */
export function projectPlace(lines: readonly BudgetLine[], baseYear: number, horizon: number, growth: GrowthRates): Map<string, SiloBaseline> {
  // the rows of each series (silo, service, stage), in order of first appearance
  const series = new SeriesIndex<{ silo: string; stage: Stage; amounts: Map<number, D> }>();
  for (const l of lines) {
    const entry = series.get(l.service, l.silo, l.stage) ?? series.add(l.service, l.silo, l.stage, { silo: l.silo, stage: l.stage, amounts: new Map() });
    entry.amounts.set(l.year, l.amount);
  }
  const silos = new Map<string, SiloBaseline>();
  for (const { silo, stage, amounts } of series.values) {
    let s = silos.get(silo);
    if (!s) {
      s = { reactive: zeros(horizon), preventive: zeros(horizon), other: zeros(horizon), total: zeros(horizon) };
      silos.set(silo, s);
    }
    const g = D.add(1, growthFor(growth, silo));
    let previous = ZERO;
    for (let t = 0; t < horizon; t++) {
      const given = amounts.get(baseYear + t);
      const amount = given ?? (t >= 1 ? previous.times(g) : ZERO);
      s[stage][t] = s[stage][t]!.plus(amount);
      s.total[t] = s.total[t]!.plus(amount);
      previous = amount;
    }
  }
  return silos;
}

/** Sum several places' silo baselines (for `combine: true`). */
export function addBaselines(into: Map<string, SiloBaseline>, from: Map<string, SiloBaseline>): Map<string, SiloBaseline> {
  for (const [silo, b] of from) {
    const a = into.get(silo);
    if (!a) {
      into.set(silo, { reactive: [...b.reactive], preventive: [...b.preventive], other: [...b.other], total: [...b.total] });
      continue;
    }
    for (let t = 0; t < a.total.length; t++) {
      a.reactive[t] = a.reactive[t]!.plus(b.reactive[t]!);
      a.preventive[t] = a.preventive[t]!.plus(b.preventive[t]!);
      a.other[t] = a.other[t]!.plus(b.other[t]!);
      a.total[t] = a.total[t]!.plus(b.total[t]!);
    }
  }
  return into;
}
