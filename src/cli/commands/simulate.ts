// placepool simulate BUDGETS -s SCENARIO [--draws N] [--seed S] [--jobs J]: Monte Carlo over the uncertain values.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { Io } from '../../io-types.js';
import { addCommonOptions, commandContext, emitWarnings, intOption, renderAs, type CommonOptions } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html'];
import { DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS, MAX_SEED } from '../../uncertainty/limits.js';
const MAX_JOBS = 256;

interface SimulateCliOptions extends CommonOptions {
  scenario?: string;
  draws?: string;
  seed?: string;
  jobs?: string;
}

export function registerSimulate(program: Command, io: Io): void {
  const cmd = program
    .command('simulate')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON) with uncertain values')
    .option('--draws <n>', 'number of draws, 1 to 10,000,000 (default 10,000)')
    .option('--seed <s>', 'random seed, a whole number (default 1); the same seed gives the same report')
    .option('--jobs <j>', 'worker threads (default: the number of cores); does not change the results')
    .summary('Monte Carlo over the uncertain values')
    .description(
      'Draw every uncertain value of the scenario (written as a distribution) N times, run the model for each\n' +
        'draw and report, for each summary measure, the mean and percentiles (P5 to P95), the chance that the\n' +
        'cashable NPV is positive, and the distribution of the payback year. Reproducible: the same inputs and\n' +
        'seed give the same report whatever --jobs is.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.addHelpText(
    'after',
    '\nExamples:\n' +
      '  placepool simulate budgets.csv -s uncertain.yaml\n' +
      '  placepool simulate budgets.csv -s uncertain.yaml --draws 100000 --seed 7 \\\n' +
      '      -o percentiles.csv --layout long',
  );
  cmd.action(async (budgetsArg: string, opts: SimulateCliOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    const draws = intOption('--draws', opts.draws, 1, MAX_DRAWS) ?? DEFAULT_DRAWS;
    const seed = intOption('--seed', opts.seed, 0, MAX_SEED) ?? DEFAULT_SEED;
    const jobs = intOption('--jobs', opts.jobs, 1, MAX_JOBS) ?? availableParallelism();
    const { loadOneScenario } = await import('../inputs.js');
    const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'simulate', budgetsArg, opts.scenario);
    const { prepareSimulation, runSimulation } = await import('../../uncertainty/simulate.js');
    const prepared = prepareSimulation(inputs.budgets, scenario, runOptions);
    emitWarnings(ctx, prepared.centre.warnings);
    if (scenario.uncertain.length === 0) ctx.msg.warn('the scenario has no uncertain values (no distributions), so every draw is the same');
    const { ProgressBar } = await import('../progress.js');
    const { progressEnabled } = await import('../context.js');
    // quick simulations print nothing: the bar appears once one has taken a second
    const bar = progressEnabled(io, opts.quiet === true) ? new ProgressBar(io.stderr, draws, { label: 'draws', delayMs: 1000 }) : undefined;
    let result;
    try {
      result = await runSimulation(prepared, { draws, seed, jobs, onProgress: (done) => bar?.update(done) });
    } finally {
      bar?.clear();
    }
    // npv_cashable is defined for every draw unless the floating-point evaluation overflowed (values near
    // 1e300); such draws are left out of the statistics, and would read as "not positive" and "never pays back"
    for (const e of result.entities) {
      const left = draws - (e.measures.find((m) => m.measure === 'npv_cashable')?.count ?? draws);
      if (left > 0) {
        emitWarnings(ctx, [
          {
            code: 'draws-overflow',
            message: `${e.place}: ${left} of ${draws} draws could not be computed (the scenario's values are too large for floating point) and are left out of the statistics; check the scenario's amounts`,
            loc: { file: scenario.source.name },
          },
        ]);
      }
    }
    const { reportMeta } = await import('../../report/meta.js');
    const meta = reportMeta('simulate', [inputs.budgets.source, scenario.source], [scenario.name], { seed, draws });
    const report = await import('../../report/simulate.js');
    const content = await renderAs(ctx, {
      table: () => report.renderSimulateTable(result, { chalk: ctx.chalk }),
      csv: (layout) => (layout === 'long' ? report.renderSimulateLongCsv(result) : report.renderSimulateWideCsv(result)),
      json: () => report.renderSimulateJson(result, meta),
      md: () => report.renderSimulateMd(result, meta),
      html: async (date) => {
        // the HTML report also shows which uncertain values matter most (the tornado, on the exact engine)
        const { tornado } = await import('../../uncertainty/tornado.js');
        const swings = scenario.uncertain.length ? tornado(inputs.budgets, scenario, runOptions) : undefined;
        return (await import('../../report/html/simulate.js')).renderSimulateHtml(result, meta, date, swings);
      },
    });
    const { emitReport } = await import('../output.js');
    await emitReport(io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
  });
}
