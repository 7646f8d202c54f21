// placepool breakeven BUDGETS -s SCENARIO --param PATH [--target MEASURE|payback:T] [--min X --max Y]:
// the switching value of one numeric scenario field.
import type { Command } from 'commander';
import { helpAfter } from '../help.js';
import type { Io } from '../../io-types.js';
import type { BreakevenCliOptions } from '../actions/breakeven.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'xlsx'];

export function registerBreakeven(program: Command, io: Io): void {
  const cmd = program
    .command('breakeven')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON)')
    .option('--param <path>', 'the scenario field to vary, e.g. interventions.0.success_rate or integration.efficiency')
    .option('--target <target>', 'an NPV that must be >= 0 (npv_cashable, npv_fiscal, npv_public_value or partners_npv_cashable; npv is npv_cashable) or payback:T (pays back by year index T)', 'npv_cashable')
    .option('--min <x>', 'lowest value to search (default: the field\'s lowest valid value)')
    .option('--max <y>', 'highest value to search (default: the field\'s highest valid value)')
    .summary('switching value of one scenario field')
    .description(
      'The Green Book\'s switching value: the value of one numeric scenario field at which the target is just ' +
        'met (by default npv_cashable = 0; --target npv_fiscal, npv_public_value or partners_npv_cashable ' +
        'for another NPV), found by bisection on the exact model to 6 significant digits with the NPV there ' +
        'to the penny, within the field\'s valid range or --min/--max. Says so plainly when no value there ' +
        'meets the target. Money is in the scenario\'s price base.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.addHelpText('after', helpAfter(io, '\nExamples:\n' +
      '  placepool breakeven budgets.csv -s pool.yaml \\\n      --param interventions.0.success_rate\n' +
      '  placepool breakeven budgets.csv -s pool.yaml \\\n      --param interventions.0.success_rate --target npv_public_value\n' +
      '  placepool breakeven budgets.csv -s pool.yaml \\\n' +
      '      --param "interventions.Family intervention.deadweight" --target payback:5\n' +
      '  placepool breakeven budgets.csv -s pool.yaml --param horizon \\\n      -o breakeven.xlsx'));
  cmd.action(async (budgetsArg: string, opts: BreakevenCliOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    await (await import('../actions/breakeven.js')).breakeven(ctx, budgetsArg, opts);
  });
}
