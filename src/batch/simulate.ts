// The statistics of a simulated batch run (a manifest with `simulate:`), from the uncertainty module: the same
// compiled draws and statistics as `placepool simulate --place P` with the same seed, computed in this thread
// (a batch already spreads its runs over the worker threads).
import type { Budgets, RunResult, Scenario } from '../model/types.js';
import { compileModel, planFromResult } from '../uncertainty/compiled.js';
import { drawInThread } from '../uncertainty/pool.js';
import { summariseDraws } from '../uncertainty/simulate.js';
import { PROBABILITIES, probabilityOf } from '../uncertainty/types.js';
import { STATISTICS } from './expect.js';
import { floatDecimal, type Statistics } from './stats.js';

export function simulateStatistics(budgets: Budgets, scenario: Scenario, centre: RunResult, options: { draws: number; seed: number }): Statistics {
  const model = compileModel(budgets, scenario, planFromResult(centre));
  const results = drawInThread(model, options.draws, options.seed);
  const sim = summariseDraws(scenario, centre, model, results, options);
  const entity = sim.entities[0]!;
  const stats: Statistics = new Map();
  for (const m of entity.measures) {
    for (const s of STATISTICS) stats.set(`${m.measure}.${s}`, floatDecimal(s === 'mean' ? m.mean : m.percentiles[s]));
  }
  for (const p of PROBABILITIES) stats.set(`${p.measure}.${p.statistic}`, floatDecimal(probabilityOf(entity, p)));
  return stats;
}
