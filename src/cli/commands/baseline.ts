// `placepool baseline BUDGETS [--place P ...] [--year Y] [--as-given]`: the place's budgets by silo and stage,
// with totals and the reactive and preventive shares.
import type { Command } from 'commander';
import { helpAfter } from '../help.js';
import type { Io } from '../../io-types.js';
import type { BaselineOpts } from '../actions/baseline.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'xlsx'];

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const HELP = `
Years: each place is shown for every year it has rows for. A line with no row for a later year
(a base year plus a few medium-term-plan rows is the usual shape) keeps its latest earlier amount,
unchanged, so later years are not undercounted; \`run\` applies a scenario's growth instead.
--as-given totals only the rows given for each year.

Shares are reactive / total and preventive / total (the total includes other).

CSV layouts (--format csv, or -o FILE.csv):
  wide (default)  place,silo,stage,measure,<one column per year, e.g. 2025/26>
                  per place: for each silo (alphabetically) then all, the amount rows for the
                  stages reactive, preventive, other, all (those with lines), then the share rows
                  for reactive and preventive. A cell is empty where the place has no such line
                  that year.
  long            place,year,silo,stage,amount  (year written 2025/26)
                  places in order of appearance, years ascending, silos alphabetically then all,
                  stages reactive, preventive, other (those with lines), then all.
                  See docs/method.md, "Long CSV layout".
Amounts are plain numbers to the penny; shares to 6 decimal places.

Examples:
  placepool baseline budgets.csv
  placepool baseline budgets.csv --place Lambridge --year 2025/26 -o baseline.md
  placepool baseline budgets.csv --format csv --layout long > baseline-long.csv`;

export function registerBaseline(program: Command, io: Io): void {
  const cmd = program
    .command('baseline')
    .description("the place's budgets by silo and stage, with totals and the reactive and preventive shares")
    .argument('<budgets>', 'budgets file (CSV, or book.xlsx[#Sheet]; - for stdin)');
  addCommonOptions(cmd, { formats: FORMATS });
  cmd
    .option('--place <name>', 'only this place (repeatable; exact name)', collect)
    .option('--year <year>', 'only this financial year: 2025, 2025/26 or 2025-26')
    .option('--as-given', 'total only the rows given for each year (no carrying forward)')
    .addHelpText('after', helpAfter(io, HELP))
    .action(async (budgetsArg: string, opts: BaselineOpts) => {
      const ctx = commandContext(io, opts, FORMATS);
      await (await import('../actions/baseline.js')).baseline(ctx, budgetsArg, opts);
    });
}
