// An independent check of the Monte Carlo path: each sampled draw of the bundled uncertain example (two
// places, growth, shift, reinvestment, efficiency and intervention values uncertain) evaluated in float64
// agrees to the penny with the exact engine run on the scenario with that draw's values substituted.
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { readBudgets } from '../../src/io/budgets.js';
import { loadScenario } from '../../src/io/scenario.js';
import { setParam } from '../../src/model/params.js';
import { runModel } from '../../src/model/engine.js';
import { SUMMARY_MEASURES, type RunResult } from '../../src/model/types.js';
import { plainMeasure } from '../../src/report/numbers.js';
import { compileModel, createEvaluator, MEASURE_COUNT, outputSize, planFromResult } from '../../src/uncertainty/compiled.js';
import { sampleDraw } from '../../src/uncertainty/sampler.js';
import { ROOT } from '../helpers/cli.js';

function exactRows(r: RunResult): string[][] {
  const s = [...r.places.map((p) => p.summary), ...(r.allPlaces ? [r.allPlaces.summary] : [])];
  return s.map((x) => SUMMARY_MEASURES.map((m) => plainMeasure(m, x[m])));
}

describe('sampled draws against the exact engine', () => {
  it('agree to the penny on the bundled uncertain example', async () => {
    const io = { stdin: process.stdin, cwd: ROOT, stdout: process.stdout, stderr: process.stderr, env: {} };
    const budgets = await readBudgets('fixtures/example/budgets.csv', io);
    const scenario = await loadScenario('fixtures/example/uncertain.yaml', io);
    expect(scenario.uncertain.length).toBeGreaterThanOrEqual(8);
    const centre = runModel(budgets, scenario);
    const model = compileModel(budgets, scenario, planFromResult(centre));
    expect(model.growthUncertain).toBe(true);
    const evaluate = createEvaluator(model);
    const values = new Float64Array(model.dists.length);
    const clamped = new Uint8Array(model.dists.length);
    const out = new Float64Array(outputSize(model));
    let compared = 0;
    for (let i = 0; i < 60; i++) {
      sampleDraw(model, 2026, i, values, clamped);
      evaluate(values, out);
      // the exact engine gets the very same numbers (a float's shortest decimal form is exact for it), set in
      // through the schema's setter, as tornado, breakeven and batch set values
      let set = scenario;
      scenario.uncertain.forEach((u, j) => (set = setParam(set, u.path, new D(String(values[j])))));
      const exact = exactRows(runModel(budgets, set));
      const float = exact.map((row, e) =>
        SUMMARY_MEASURES.map((m, k) => {
          const v = out[e * MEASURE_COUNT + k]!;
          return Number.isNaN(v) ? '' : plainMeasure(m, v);
        }),
      );
      expect(float).toEqual(exact);
      compared++;
    }
    expect(compared).toBe(60);
  });
});
