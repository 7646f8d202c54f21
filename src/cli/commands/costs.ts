// `placepool costs [WORDS...] [--library FILE] [--price-base YEAR] [--kind K] [--deflators FILE]`: list or search
// a unit-cost library, each value converted to the price base (docs/method.md, "Prices and unit costs").
import { Option, type Command } from 'commander';
import { helpAfter } from '../help.js';
import type { CostsOpts } from '../actions/costs.js';
import type { Io } from '../../io-types.js';
import { addCommonOptions, commandContext } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md'];
const KINDS = ['fiscal', 'economic', 'social'];

const HELP = `
Libraries: the GMCA Unit Cost Database workbook as published (.xlsx), or a unit-cost CSV with
the columns code, description, kind, amount, price_year (and optionally unit, agency,
confidence, source), one row per entry and kind. Default: the bundled library,
bundled:unit-costs.csv.

Words: an entry is shown when every word is in its code, description, unit or agency
(case-insensitive). No words: every entry.

Prices: each value is shown as published and in the prices of the price base:
amount x index[price base] / index[price year]. The bundled deflators are HM Treasury's GDP
deflator by calendar year; financial year Y/Y+1 takes calendar year Y's index.
See docs/method.md, "Prices and unit costs".

CSV (--format csv, or -o FILE.csv): one row per entry and kind, with the columns code, kind,
description, unit, agency, amount, price_year, value, confidence, source, price_base: amount as
published and value in price-base prices, in pounds to the penny.

Examples:
  placepool costs
  placepool costs jsa claimant --price-base 2023/24
  placepool costs --library "Unit Cost Database v1.4.xlsx" --kind economic
  placepool costs care -o costs.csv`;

export function registerCosts(program: Command, io: Io): void {
  const cmd = program
    .command('costs')
    .description('list or search a unit-cost library, values converted to a price base')
    .argument('[words...]', 'show the entries with every word in their code, description, unit or agency');
  addCommonOptions(cmd, { formats: FORMATS, layout: false });
  cmd
    .option('--library <file>', 'the unit-cost library: a Unit Cost Database .xlsx or a unit-cost CSV (default: the bundled one)')
    .option('--price-base <year>', 'show values in the prices of this financial year: 2024, 2024/25 or 2024-25 (default: the last year of the deflators)')
    .addOption(new Option('--kind <kind>', 'only this kind of value').choices(KINDS))
    .option('--deflators <file>', 'a deflator series (CSV with columns year,index; default: the bundled GDP deflator)')
    .addHelpText('after', helpAfter(io, HELP))
    .action(async (words: string[], opts: CostsOpts) => {
      const ctx = commandContext(io, opts, FORMATS);
      await (await import('../actions/costs.js')).costs(ctx, words, opts);
    });
}
