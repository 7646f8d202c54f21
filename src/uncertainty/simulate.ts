// `simulate` (docs/method.md, "13. Uncertainty"): the exact engine at the centre (which also checks the
// inputs and gives the warnings), then N draws on the compiled float path, then statistics per summary
// measure of each place.
import type { D } from '../decimal.js';
import { runModel, runPlan, type RunPlan } from '../model/engine.js';
import { SUMMARY_MEASURES, type Budgets, type RunResult, type Scenario, type Summary } from '../model/types.js';
import { compileModel, MEASURE_COUNT, planFromResult, type CompiledModel } from './compiled.js';
import { runDraws, type BegunDraws, type DrawResults, type DrawThreads } from './pool.js';
import { Describer, histogram } from './stats.js';
import type { EntitySimulation, MeasureStatistics, PaybackBin, SimulationResult } from './types.js';

export { DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS } from './limits.js';
export const HISTOGRAM_BINS = 20;

export interface SimulateOptions {
  draws: number;
  seed: number;
  /** worker threads; 1 computes in this thread */
  jobs: number;
  /** worker threads started beforehand (DrawThreads.start): used, and left for the caller to destroy */
  threads?: DrawThreads | undefined;
  /** draws those threads have begun (beginDraws), joined by this thread */
  begun?: BegunDraws | undefined;
  /** replaces the scenario's places (--place) */
  places?: string[];
  onProgress?: (done: number, total: number) => void;
}

export interface PreparedSimulation {
  scenario: Scenario;
  /** the exact result with every value at its centre: its warnings are the simulation's */
  centre: RunResult;
  model: CompiledModel;
}

/**
 * Check the inputs by running the exact engine at the centre, and compile the model for the draws (or take
 * `compiled`, from compileFirst, when it was compiled for the same plan).
 */
export function prepareSimulation(
  budgets: Budgets,
  scenario: Scenario,
  options: { places?: string[] } = {},
  compiled?: CompiledFirst,
): PreparedSimulation {
  const centre = runModel(budgets, scenario, options.places ? { places: options.places } : {});
  const plan = planFromResult(centre);
  const model = compiled && samePlan(compiled.plan, plan) ? compiled.model : compileModel(budgets, scenario, plan);
  return { scenario, centre, model };
}

export interface CompiledFirst {
  plan: RunPlan;
  model: CompiledModel;
}

/**
 * The model compiled before the exact centre run, so that worker threads can begin the draws while this thread
 * runs it; undefined when the inputs fail the first checks or cannot be compiled (the centre run, which comes
 * next, then reports why, as it always does).
 */
export function compileFirst(budgets: Budgets, scenario: Scenario, options: { places?: string[] } = {}): CompiledFirst | undefined {
  try {
    const plan = runPlan(budgets, scenario, options.places ? { places: options.places } : {});
    return { plan, model: compileModel(budgets, scenario, plan) };
  } catch {
    return undefined;
  }
}

function samePlan(a: RunPlan, b: RunPlan): boolean {
  return (
    a.baseYear === b.baseYear &&
    a.places.length === b.places.length &&
    a.places.every((p, i) => p.name === b.places[i]!.name && p.members.join('\u0000') === b.places[i]!.members.join('\u0000'))
  );
}

export async function runSimulation(prepared: PreparedSimulation, options: SimulateOptions): Promise<SimulationResult> {
  const draws = await runDraws(prepared.model, {
    draws: options.draws,
    seed: options.seed,
    jobs: options.jobs,
    threads: options.threads,
    begun: options.begun,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return summariseDraws(prepared.scenario, prepared.centre, prepared.model, draws, options);
}

export async function simulate(budgets: Budgets, scenario: Scenario, options: SimulateOptions): Promise<SimulationResult> {
  return runSimulation(prepareSimulation(budgets, scenario, options), options);
}

const index = Object.fromEntries(SUMMARY_MEASURES.map((m, i) => [m, i])) as Record<(typeof SUMMARY_MEASURES)[number], number>;

/** Statistics of the draws (pure: the same draws give the same result). */
export function summariseDraws(
  scenario: Scenario,
  centre: RunResult,
  model: CompiledModel,
  draws: DrawResults,
  options: { draws: number; seed: number },
): SimulationResult {
  const n = options.draws;
  const centres: Summary[] = [...centre.places.map((p) => p.summary), ...(centre.allPlaces ? [centre.allPlaces.summary] : [])];
  const describer = new Describer();
  const entities: EntitySimulation[] = model.entities.map((place, e) => {
    const raw = (m: (typeof SUMMARY_MEASURES)[number]) => draws.outputs[e * MEASURE_COUNT + index[m]]!;
    // npv_cashable has a value in every draw unless its floating-point evaluation failed (an overflow): such a
    // draw has no measure at all, so its payback year and peak funding (which the evaluation still fills in,
    // as year 0 and 0) are left out with the rest, and it counts in no payback bin or probability
    const npv = raw('npv_cashable');
    let computed = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(npv[i]!)) computed++;
    const column = (m: (typeof SUMMARY_MEASURES)[number]): Float64Array => {
      const values = raw(m);
      if (computed === n || m === 'npv_cashable') return values;
      const masked = Float64Array.from(values);
      for (let i = 0; i < n; i++) if (!Number.isFinite(npv[i]!)) masked[i] = NaN;
      return masked;
    };
    const measures: MeasureStatistics[] = SUMMARY_MEASURES.map((measure) => {
      // a masked column is a copy made for this measure: described, not remembered (it would be kept alive)
      const s = describer.describe(column(measure), computed === n || measure === 'npv_cashable');
      return { measure, count: s.count, mean: s.mean, percentiles: s.percentiles };
    });
    // shares of the draws that were computed (0 when none was: the warning says so)
    const positiveShare = (values: Float64Array): number => {
      let positive = 0;
      for (let i = 0; i < n; i++) if (values[i]! > 0) positive++;
      return computed === 0 ? 0 : positive / computed;
    };
    const counts = new Array<number>(model.horizon + 1).fill(0);
    const payback = raw('payback_t');
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(npv[i]!)) continue;
      const t = payback[i]!;
      counts[Number.isNaN(t) ? model.horizon : t]!++;
    }
    // shares of the draws that were computed (0 when none was: the warning says so)
    const of = (count: number): number => (computed === 0 ? 0 : count / computed);
    const bins: PaybackBin[] = counts.map((count, t) => ({
      t: t < model.horizon ? t : null,
      label: t < model.horizon ? centre.years[t]!.label : 'never',
      count,
      share: of(count),
    }));
    return {
      place,
      centre: centres[e]!,
      measures,
      probPositive: positiveShare(npv),
      probPublicValuePositive: positiveShare(column('npv_public_value')),
      probNever: of(counts[model.horizon]!),
      payback: bins,
      histogram: histogram(npv, HISTOGRAM_BINS),
    };
  });
  return {
    scenario: scenario.name,
    baseYear: centre.baseYear,
    horizon: centre.horizon,
    years: centre.years,
    draws: n,
    seed: options.seed,
    clamped: draws.clampedDraws,
    parameters: scenario.uncertain.map((u, j) => ({
      path: u.path,
      label: u.label,
      dist: u.dist,
      central: u.central as D,
      min: u.min,
      max: u.max,
      clamped: draws.clampedByParam[j]!,
    })),
    entities,
    priceBase: centre.priceBase,
    ...(centre.prices ? { prices: centre.prices } : {}),
    warnings: centre.warnings,
  };
}

