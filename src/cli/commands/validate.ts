// `placepool validate BUDGETS [-s SCENARIO ...]`: check the inputs and list every problem with its location
// and how to mend it; change nothing. Exit 0 when valid, 65 with problems, 66 when a file cannot be opened.
import type { Command } from 'commander';
import { helpAfter } from '../help.js';
import type { Io } from '../../io-types.js';
import type { ValidateOpts } from '../actions/validate.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'json'];

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const HELP = `
On success, prints what was found: places, years, silos, the number of budget lines, the spend
by year and the sum of the amount column (to check against your spreadsheet), and any columns
that were ignored. With problems, lists every one (up to 100) as FILE:LINE:COLUMN, what is wrong
and how to mend it, and exits 65. With --format json the same findings are written as JSON (also
on failure).

Examples:
  placepool validate budgets.csv
  placepool validate budgets.csv --format json > check.json`;

export function registerValidate(program: Command, io: Io): void {
  const cmd = program
    .command('validate')
    .description('check inputs; list every problem with its file, line and column; change nothing')
    .argument('<budgets>', 'budgets file (CSV, or book.xlsx[#Sheet]; - for stdin)');
  addCommonOptions(cmd, { formats: FORMATS });
  cmd
    .option('-s, --scenario <file>', 'a scenario file to check as well (repeatable)', collect)
    .addHelpText('after', helpAfter(io, HELP))
    .action(async (budgetsArg: string, opts: ValidateOpts) => {
      const ctx = commandContext(io, opts, FORMATS);
      await (await import('../actions/validate.js')).validate(ctx, budgetsArg, opts);
    });
}
