// `tornado` (METHOD.md 3): for each uncertain value, npv_cashable with that value at its distribution's P10
// and at its P90 (clamped into the field's valid range), every other value central, on the exact engine.
import { D } from '../decimal.js';
import { runModel, type RunOptions } from '../model/engine.js';
import type { Budgets, RunResult, Scenario } from '../model/types.js';
import { quantileDecimal } from './distributions.js';
import { substitute } from './substitute.js';
import type { TornadoBar, TornadoEntity, TornadoResult } from './types.js';

const P10 = new D('0.1');
const P90 = new D('0.9');

/** npv_cashable of every entity: the places, then `all places` when present. */
export function entityNpvs(r: RunResult): { place: string; npv: D }[] {
  const out = r.places.map((p) => ({ place: p.place, npv: p.summary.npv_cashable! }));
  if (r.allPlaces) out.push({ place: r.allPlaces.place, npv: r.allPlaces.summary.npv_cashable! });
  return out;
}

export function tornado(budgets: Budgets, scenario: Scenario, options: RunOptions = {}): TornadoResult {
  const centre = runModel(budgets, scenario, options);
  const entities: TornadoEntity[] = entityNpvs(centre).map((e) => ({ place: e.place, centralNpv: e.npv, bars: [] }));
  for (const u of scenario.uncertain) {
    const low = quantileDecimal(u.dist, P10, u.min, u.max);
    const high = quantileDecimal(u.dist, P90, u.min, u.max);
    const npvLow = entityNpvs(runModel(budgets, substitute(scenario, u.path, low), options));
    const npvHigh = entityNpvs(runModel(budgets, substitute(scenario, u.path, high), options));
    entities.forEach((e, i) => {
      const bar: TornadoBar = {
        path: u.path,
        label: u.label,
        low,
        high,
        npvLow: npvLow[i]!.npv,
        npvHigh: npvHigh[i]!.npv,
        swing: npvHigh[i]!.npv.minus(npvLow[i]!.npv).abs(),
      };
      e.bars.push(bar);
    });
  }
  // largest swing first; Array.prototype.sort is stable, so equal swings keep the scenario's order
  for (const e of entities) e.bars.sort((a, b) => b.swing.comparedTo(a.swing));
  return { scenario: scenario.name, entities, warnings: centre.warnings };
}
