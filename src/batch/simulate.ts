// The statistics of a simulated batch run (a manifest with `simulate:`), from the uncertainty module: the same
// compiled draws and statistics as `placepool simulate --place P` with the same seed, computed in this thread
// (a batch already spreads its runs over the worker threads).
import type { Budgets, RunResult, Scenario } from '../model/types.js';
import { compileModel, createEvaluator, outputSize, planFromResult } from '../uncertainty/compiled.js';
import { CHUNK_SIZE, type DrawResults } from '../uncertainty/pool.js';
import { runChunk } from '../uncertainty/sampler.js';
import { summariseDraws } from '../uncertainty/simulate.js';
import { EXTRA_STATISTICS, STATISTICS } from './expect.js';
import { floatDecimal, type Statistics } from './stats.js';

export function simulateStatistics(budgets: Budgets, scenario: Scenario, centre: RunResult, options: { draws: number; seed: number }): Statistics {
  const model = compileModel(budgets, scenario, planFromResult(centre));
  const { draws, seed } = options;
  const width = outputSize(model);
  const outputs = Array.from({ length: width }, () => new Float64Array(draws));
  const clampedByParam = new Array<number>(model.dists.length).fill(0);
  let clampedDraws = 0;
  const evaluate = createEvaluator(model);
  for (let from = 0; from < draws; from += CHUNK_SIZE) {
    const r = runChunk(model, seed, from, Math.min(draws, from + CHUNK_SIZE), evaluate);
    const n = r.to - r.from;
    for (let o = 0; o < width; o++) outputs[o]!.set(r.values.subarray(o * n, (o + 1) * n), r.from);
    clampedDraws += r.clampedDraws;
    for (let j = 0; j < clampedByParam.length; j++) clampedByParam[j]! += r.clampedByParam[j]!;
  }
  const results: DrawResults = { outputs, clampedDraws, clampedByParam };
  const sim = summariseDraws(scenario, centre, model, results, options);
  const entity = sim.entities[0]!;
  const stats: Statistics = new Map();
  for (const m of entity.measures) {
    for (const s of STATISTICS) stats.set(`${m.measure}.${s}`, floatDecimal(s === 'mean' ? m.mean : m.percentiles[s]));
  }
  for (const x of EXTRA_STATISTICS) stats.set(`${x.measure}.${x.statistic}`, floatDecimal(x.statistic === 'prob_positive' ? entity.probPositive : entity.probNever));
  return stats;
}
