// A hand-made SimulationResult and TornadoResult for the HTML tests: synthetic draws around the Lambeth
// fixture's central result (a fixed linear congruential sequence, so the fixture never changes), summarised
// with the project's own statistics (PERCENTILE.INC, equal-width histogram).
import { D } from '../../src/decimal.js';
import { SUMMARY_MEASURES, type SummaryMeasure } from '../../src/model/types.js';
import { describe as describeDraws, histogram } from '../../src/uncertainty/stats.js';
import type { EntitySimulation, MeasureStatistics, SimulationResult, TornadoResult } from '../../src/uncertainty/types.js';
import { LAMBETH, lambethResult } from './fixture.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A triangular draw on [low, high] with the given mode, by inversion. */
function triangular(u: number, low: number, mode: number, high: number): number {
  const c = (mode - low) / (high - low);
  return u < c ? low + Math.sqrt(u * (high - low) * (mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

export function lambethSimulation(draws = 2000): SimulationResult {
  const run = lambethResult();
  const centre = run.places[0]!.summary;
  const rand = lcg(7);
  const cols = new Map<SummaryMeasure, Float64Array>(SUMMARY_MEASURES.map((m) => [m, new Float64Array(draws)]));
  const benefits0 = centre.pv_cashable_benefits!.toNumber();
  const fiscal0 = centre.pv_fiscal_benefits!.toNumber();
  const costs0 = centre.pv_costs!.toNumber();
  for (let i = 0; i < draws; i++) {
    const b = benefits0 * triangular(rand(), 0.7, 1, 1.25);
    const f = fiscal0 * triangular(rand(), 0.7, 1, 1.25);
    const c = costs0 * triangular(rand(), 0.95, 1, 1.1);
    const set = (m: SummaryMeasure, v: number): void => {
      cols.get(m)![i] = v;
    };
    set('pv_costs', c);
    set('pv_cashable_benefits', b);
    set('pv_fiscal_benefits', f);
    set('npv_cashable', b - c);
    set('npv_fiscal', f - c);
    set('cashable_roi', b / c);
    set('fiscal_roi', f / c);
    set('payback_t', b > c ? Math.max(5, Math.min(9, Math.round(8 - (b - c) / 4e6))) : Number.NaN);
    set('peak_funding_requirement', centre.peak_funding_requirement!.toNumber() * (c / costs0));
    set('total_investment', centre.total_investment!.toNumber() * (c / costs0));
    set('total_cashable_savings', centre.total_cashable_savings!.toNumber() * (b / benefits0));
    set('final_baseline_prevention_share', centre.final_baseline_prevention_share!.toNumber());
    set('final_scenario_prevention_share', centre.final_scenario_prevention_share!.toNumber() * (c / costs0) ** 0.1);
  }
  const measures: MeasureStatistics[] = SUMMARY_MEASURES.map((measure) => {
    const s = describeDraws(cols.get(measure)!);
    return { measure, count: s.count, mean: s.mean, percentiles: s.percentiles };
  });
  const npv = cols.get('npv_cashable')!;
  const payback = cols.get('payback_t')!;
  let positive = 0;
  for (const v of npv) if (v > 0) positive++;
  const counts = new Array<number>(LAMBETH.horizon + 1).fill(0);
  for (const t of payback) counts[Number.isNaN(t) ? LAMBETH.horizon : t]!++;
  const entity: EntitySimulation = {
    place: run.places[0]!.place,
    centre,
    measures,
    probPositive: positive / draws,
    probPublicValuePositive: (cols.get('npv_public_value') ?? []).filter((v) => v > 0).length / draws,
    probNever: counts[LAMBETH.horizon]! / draws,
    payback: counts.map((count, t) => ({
      t: t === LAMBETH.horizon ? null : t,
      label: t === LAMBETH.horizon ? 'never' : run.years[t]!.label,
      count,
      share: count / draws,
    })),
    histogram: histogram(npv, 20),
  };
  const p = (path: string, label: string, low: string, mode: string, high: string, central: string, min: string, max: string | null, clamped: number) => ({
    path,
    label,
    dist: { kind: 'pert' as const, low: new D(low), mode: new D(mode), high: new D(high) },
    central: new D(central),
    min: new D(min),
    max: max === null ? null : new D(max),
    clamped,
  });
  return {
    scenario: run.scenario,
    baseYear: run.baseYear,
    priceBase: run.priceBase,
    horizon: run.horizon,
    years: run.years,
    draws,
    seed: 7,
    clamped: 0,
    parameters: [
      p('interventions.0.success_rate', 'Family intervention: success_rate', '0.35', '0.5', '0.6', '0.5', '0', '1', 0),
      p('interventions.0.cost_per_participant', 'Family intervention: cost_per_participant', '4500', '5214', '6500', '5214', '0.01', null, 0),
      p('growth.social_care', 'growth.social_care', '0.02', '0.035', '0.05', '0.035', '-0.5', '1', 0),
    ],
    entities: [entity],
    warnings: run.warnings,
  };
}

export function lambethTornado(): TornadoResult {
  const run = lambethResult();
  const central = run.places[0]!.summary.npv_cashable!;
  const bar = (path: string, label: string, low: string, high: string, npvLow: string, npvHigh: string) => {
    const l = central.plus(npvLow);
    const h = central.plus(npvHigh);
    return { path, label, low: new D(low), high: new D(high), npvLow: l, npvHigh: h, swing: h.minus(l).abs() };
  };
  return {
    measure: 'npv_cashable',
    scenario: run.scenario,
    baseYear: run.baseYear,
    priceBase: run.priceBase,
    entities: [
      {
        place: run.places[0]!.place,
        centralNpv: central,
        bars: [
          bar('interventions.0.success_rate', 'Family intervention: success_rate', '0.4178', '0.5524', '-7412318.55', '3987120.40'),
          bar('interventions.0.cost_per_participant', 'Family intervention: cost_per_participant', '4912.33', '5890.12', '2710554.18', '-2811904.02'),
          bar('growth.social_care', 'growth.social_care', '0.0271', '0.0429', '-120554.31', '118032.97'),
        ],
      },
    ],
    warnings: run.warnings,
  };
}
