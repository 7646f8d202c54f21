// `tornado` (docs/method.md, "13. Uncertainty"): for each uncertain value, an NPV (npv_cashable unless another is
// asked for) with that value at its distribution's P10
// and at its P90 (clamped into the field's valid range), every other value central, on the exact engine.
// Each end is set on the typed scenario through the schema's setter (setParam), as breakeven and batch sweeps
// do, so a value tornado sets obeys every rule a written one does; the file is not read or parsed again.
import { D } from '../decimal.js';
import { InputError, PlacepoolError, formatLocation, type Problem } from '../errors.js';
import { setParam } from '../model/params.js';
import { runModel, type RunOptions } from '../model/engine.js';
import type { Budgets, RunResult, Scenario, UncertainParam } from '../model/types.js';
import { quantileDecimal } from './quantile-decimal.js';
import type { NpvMeasure, TornadoBar, TornadoEntity, TornadoResult } from './types.js';

const P10 = new D('0.1');
const P90 = new D('0.9');

/** An NPV of every entity: the places, then `all places` when present. */
export function entityNpvs(r: RunResult, measure: NpvMeasure = 'npv_cashable'): { place: string; npv: D }[] {
  const out = r.places.map((p) => ({ place: p.place, npv: p.summary[measure]! }));
  if (r.allPlaces) out.push({ place: r.allPlaces.place, npv: r.allPlaces.summary[measure]! });
  return out;
}

/** One end of an uncertain value: the value and the scenario with it, or why that scenario is invalid. */
interface End {
  value: D;
  scenario?: Scenario;
}

/**
 * The scenario with the uncertain value `u` set to `value` (its P10 or P90), checked as a written value is.
 * The scenario's own warnings are not repeated for each end (as breakeven does not): the report keeps those
 * of the scenario as written. When the rebuilt scenario is invalid, the problems are added to `problems`,
 * located at the distribution (what the analyst would change) and naming the rule the end breaks.
 */
function endOf(scenario: Scenario, u: UncertainParam, end: 'P10' | 'P90', value: D, problems: Problem[]): End {
  const origin = `set by tornado to its ${end}`;
  try {
    return { value, scenario: setParam(scenario, u.path, value, { from: 'manifest', ...(u.loc ? { loc: u.loc } : {}), origin }) };
  } catch (err) {
    if (!(err instanceof PlacepoolError)) throw err;
    for (const p of err.problems) {
      // the rule's own place, when it is not the distribution itself (e.g. a total over several fields)
      const where = p.loc && formatLocation(p.loc) !== formatLocation(u.loc) ? formatLocation(p.loc) : '';
      const problem: Problem = {
        message: `${u.path} at its ${end} (${value.toString()}) makes the scenario invalid, so tornado cannot vary it: ${where ? `${where}: ` : ''}${p.message}`,
        hint: `${p.hint ? `${p.hint} ` : ''}Or narrow the distribution of ${u.path} so that its P10 and P90 keep the scenario valid.`,
      };
      const loc = u.loc ?? p.loc;
      if (loc) problem.loc = loc;
      problems.push(problem);
    }
    return { value };
  }
}

export function tornado(budgets: Budgets, scenario: Scenario, options: RunOptions = {}, measure: NpvMeasure = 'npv_cashable'): TornadoResult {
  const centre = runModel(budgets, scenario, options);
  const entities: TornadoEntity[] = entityNpvs(centre, measure).map((e) => ({ place: e.place, centralNpv: e.npv, bars: [] }));
  // every end's scenario first, so that all the ends that make it invalid are reported together
  const problems: Problem[] = [];
  const ends = scenario.uncertain.map((u) => ({
    u,
    low: endOf(scenario, u, 'P10', quantileDecimal(u.dist, P10, u.min, u.max), problems),
    high: endOf(scenario, u, 'P90', quantileDecimal(u.dist, P90, u.min, u.max), problems),
  }));
  if (problems.length) {
    throw new InputError(problems, problems.length > 1 ? `${scenario.source.name}: ${problems.length} ends of uncertain values make the scenario invalid` : undefined);
  }
  for (const { u, low, high } of ends) {
    const npvLow = entityNpvs(runModel(budgets, low.scenario!, options), measure);
    const npvHigh = entityNpvs(runModel(budgets, high.scenario!, options), measure);
    entities.forEach((e, i) => {
      const bar: TornadoBar = {
        path: u.path,
        label: u.label,
        low: low.value,
        high: high.value,
        npvLow: npvLow[i]!.npv,
        npvHigh: npvHigh[i]!.npv,
        swing: npvHigh[i]!.npv.minus(npvLow[i]!.npv).abs(),
      };
      e.bars.push(bar);
    });
  }
  // largest swing first; Array.prototype.sort is stable, so equal swings keep the scenario's order
  for (const e of entities) e.bars.sort((a, b) => b.swing.comparedTo(a.swing));
  return {
    scenario: scenario.name,
    measure,
    entities,
    baseYear: centre.baseYear,
    priceBase: centre.priceBase,
    ...(centre.prices ? { prices: centre.prices } : {}),
    warnings: centre.warnings,
  };
}
