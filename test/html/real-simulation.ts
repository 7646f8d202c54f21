// The bundled uncertain example through the real simulation (one thread) and tornado, for the HTML tests.
import { readBudgets } from '../../src/io/budgets.js';
import { loadScenario } from '../../src/io/scenario.js';
import { reportMeta } from '../../src/report/meta.js';
import type { ReportMeta } from '../../src/report/meta.js';
import { simulate } from '../../src/uncertainty/simulate.js';
import { tornado } from '../../src/uncertainty/tornado.js';
import type { SimulationResult, TornadoResult } from '../../src/uncertainty/types.js';
import { ROOT } from '../helpers/cli.js';

export async function exampleSimulation(draws = 400, seed = 11): Promise<{ sim: SimulationResult; tor: TornadoResult; meta: ReportMeta }> {
  const io = { stdin: process.stdin, cwd: ROOT, stdout: process.stdout, stderr: process.stderr, env: {} };
  const budgets = await readBudgets('fixtures/example/budgets.csv', io);
  const scenario = await loadScenario('fixtures/example/uncertain.yaml', io);
  const sim = await simulate(budgets, scenario, { draws, seed, jobs: 1 });
  const tor = tornado(budgets, scenario);
  return { sim, tor, meta: reportMeta('simulate', [budgets.source, scenario.source], [scenario.name], { seed, draws }) };
}
