// placepool tornado BUDGETS -s SCENARIO: one-at-a-time sensitivity of npv_cashable to each uncertain value.
import { Option, type Command } from 'commander';
import { helpAfter } from '../help.js';
import { NPV_MEASURES } from '../../uncertainty/types.js';
import type { Io } from '../../io-types.js';
import type { TornadoCliOptions } from '../actions/tornado.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html', 'xlsx'];

export function registerTornado(program: Command, io: Io): void {
  const cmd = program
    .command('tornado')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON) with uncertain values')
    .addOption(new Option('--measure <npv>', 'the NPV to swing').choices([...NPV_MEASURES]).default('npv_cashable'))
    .summary('one-at-a-time sensitivity of an NPV (npv_cashable by default)')
    .description(
      'For each uncertain value of the scenario, the NPV (--measure: npv_cashable, npv_fiscal, ' +
        'npv_public_value or partners_npv_cashable) with that value at its P10 and at its P90 ' +
        '(clamped to its valid range) and every other value central, computed exactly; largest swing first.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.addHelpText('after', helpAfter(io, '\nExamples:\n  placepool tornado budgets.csv -s uncertain.yaml\n  placepool tornado budgets.csv -s uncertain.yaml -f csv --layout long > t.csv\n  placepool tornado budgets.csv -s uncertain.yaml -o tornado.xlsx'));
  cmd.action(async (budgetsArg: string, opts: TornadoCliOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    await (await import('../actions/tornado.js')).tornado(ctx, budgetsArg, opts);
  });
}
