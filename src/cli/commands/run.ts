// placepool run [BUDGETS] -s SCENARIO: project one scenario and report it.
import type { Command } from 'commander';
import { helpAfter } from '../help.js';
import type { Io } from '../../io-types.js';
import type { RunOptions } from '../actions/run.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html', 'xlsx'];

export function registerRun(program: Command, io: Io): void {
  const cmd = program
    .command('run')
    .argument('[budgets]', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON)')
    .summary('project one scenario: flows by silo, summary, who pays and who benefits')
    .description(
      'Project one scenario over its horizon: the yearly flows by silo (and by funder and partner), the summary ' +
        "(NPV, ROI, payback, peak funding; the partners' view with outside money; public value; the funding gap " +
        'with an envelope), who pays and who benefits before and after settlement, and each intervention. ' +
        'With no budgets and no scenario it runs the bundled example.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.option('--watch', 'run again each time the budgets or scenario file is saved (Ctrl-C to stop)');
  const repeat = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
  cmd.option('--expect <expr>', 'exit 1 (after writing the report) unless MEASURE OP NUMBER holds, e.g. "npv_cashable >= 0" (repeatable)', repeat);
  cmd.option('--fail-if <expr>', 'exit 1 (after writing the report) if MEASURE OP NUMBER holds, e.g. "npv_cashable < 0" (repeatable)', repeat);
  cmd.addHelpText('after', helpAfter(io, '\nExamples:\n' +
      '  placepool run                                        the bundled example\n' +
      '  placepool run budgets.csv -s pool.yaml               terminal report\n' +
      '  placepool run budgets.csv -s pool.yaml -o pool.xlsx  Excel workbook\n' +
      '  placepool run budgets.csv -s pool.yaml -f csv --layout long > flows.csv'));
  cmd.action(async (budgetsArg: string | undefined, opts: RunOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    await (await import('../actions/run.js')).run(ctx, budgetsArg, opts);
  });
}
