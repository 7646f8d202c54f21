// placepool compare BUDGETS -s A -s B ...: the scenarios' summaries, who pays and the funding gap side by side.
import type { Command } from 'commander';
import { helpAfter } from '../help.js';
import type { Io } from '../../io-types.js';
import type { CompareOptions } from '../actions/compare.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html', 'xlsx'];

export function registerCompare(program: Command, io: Io): void {
  const cmd = program
    .command('compare')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .requiredOption('-s, --scenario <file>', 'a scenario file (repeat: at least two)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .summary("compare scenarios' summaries side by side")
    .description(
      "Run several scenarios on the same budgets and show their summaries side by side, with each " +
        "scenario's difference from the first; then who pays and who benefits (each partner, silo in no partner " +
        'and funder, with its peak funding) and, when a scenario has an envelope, the funding gap and the share ' +
        'of it closed (CSV long: place,scenario,table,entity,measure,value,difference).',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.option('--watch', 'run again each time the budgets or scenario file is saved (Ctrl-C to stop)');
  const repeat = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
  cmd.option('--expect <expr>', 'exit 1 (after writing the report) unless MEASURE OP NUMBER holds, e.g. "npv_cashable >= 0" (repeatable)', repeat);
  cmd.option('--fail-if <expr>', 'exit 1 (after writing the report) if MEASURE OP NUMBER holds, e.g. "npv_cashable < 0" (repeatable)', repeat);
  cmd.addHelpText('after', helpAfter(io, '\nExample:\n  placepool compare budgets.csv -s cautious.yaml -s whole.yaml -o compare.html'));
  cmd.action(async (budgetsArg: string, opts: CompareOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    await (await import('../actions/compare.js')).compare(ctx, budgetsArg, opts);
  });
}
