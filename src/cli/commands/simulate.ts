// placepool simulate BUDGETS -s SCENARIO [--draws N] [--seed S] [--jobs J]: Monte Carlo over the uncertain values.
import type { Command } from 'commander';
import { helpAfter } from '../help.js';
import type { Io } from '../../io-types.js';
import type { SimulateCliOptions } from '../actions/simulate.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html', 'xlsx'];

export function registerSimulate(program: Command, io: Io): void {
  const cmd = program
    .command('simulate')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON) with uncertain values')
    .option('--draws <n>', 'number of draws, 1 to 10,000,000 (default 10,000)')
    .option('--seed <s>', 'random seed, a whole number (default 1); the same seed gives the same report')
    .option('--jobs <j>', 'threads drawing: this one and J-1 workers (default: the number of cores); does not change the results')
    .summary('Monte Carlo over the uncertain values')
    .description(
      'Draw every uncertain value of the scenario (written as a distribution) N times, run the model for each ' +
        'draw and report, for each summary measure, the mean and percentiles (P5 to P95), the chance that the ' +
        'cashable NPV is positive, and the distribution of the payback year. Reproducible: the same inputs and ' +
        'seed give the same report whatever --jobs is.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.option('--watch', 'run again each time the budgets or scenario file is saved (Ctrl-C to stop)');
  cmd.addHelpText('after', helpAfter(io, '\nExamples:\n' +
      '  placepool simulate budgets.csv -s uncertain.yaml\n' +
      '  placepool simulate budgets.csv -s uncertain.yaml --draws 100000 --seed 7 \\\n' +
      '      -o percentiles.csv --layout long\n' +
      '  placepool simulate budgets.csv -s uncertain.yaml -o simulation.xlsx'));
  cmd.action(async (budgetsArg: string, opts: SimulateCliOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    await (await import('../actions/simulate.js')).simulate(ctx, budgetsArg, opts);
  });
}
