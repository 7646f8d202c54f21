// `placepool costs [WORDS...] [--library FILE] [--price-base YEAR] [--kind K] [--deflators FILE]`: list or search
// a unit-cost library, each value converted to the price base (docs/method.md, "Prices and unit costs").
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Io } from '../context.js';
import { assertStdinOnce } from '../inputs.js';
import { addCommonOptions, commandContext, emitWarnings, intOption, renderAs, type CommonOptions } from '../options.js';
import { emitReport, type Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md'];
const KINDS = ['fiscal', 'economic', 'social'];

interface CostsOpts extends CommonOptions {
  library?: string;
  priceBase?: string;
  kind?: 'fiscal' | 'economic' | 'social';
  deflators?: string;
  width?: string;
}

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

CSV (--format csv, or -o FILE.csv): one row per entry and kind,
  code,kind,description,unit,agency,amount,price_year,value,confidence,source,price_base
amount as published and value in price-base prices, in pounds to the penny.

Examples:
  placepool costs
  placepool costs jsa claimant --price-base 2023/24
  placepool costs --library "Unit Cost Database v1.4.xlsx" --kind economic -o costs.csv`;

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
    .option('--width <n>', 'width of the terminal table (default: the terminal\'s, else 80)')
    .addHelpText('after', HELP)
    .action(async (words: string[], opts: CostsOpts) => {
      const ctx = commandContext(io, opts, FORMATS);
      const width = intOption('--width', opts.width, 40, 1000) ?? (ctx.reportOnTerminal ? (io.stdout.columns ?? 80) : 80);
      const { parseYear } = await import('../../io/budgets.js');
      let priceBase: number | undefined;
      if (opts.priceBase !== undefined) {
        const parsed = parseYear(opts.priceBase);
        if (!parsed.ok) throw new UsageError({ message: `--price-base: ${parsed.message}`, ...(parsed.hint ? { hint: parsed.hint } : {}) });
        priceBase = parsed.value;
      }
      const { BUNDLED_UNIT_COSTS, loadUnitCostLibrary } = await import('../../io/unit-costs.js');
      const { BUNDLED_DEFLATORS, readDeflators } = await import('../../io/deflators.js');
      const libraryArg = opts.library ?? BUNDLED_UNIT_COSTS;
      const deflatorsArg = opts.deflators ?? BUNDLED_DEFLATORS;
      assertStdinOnce([libraryArg, deflatorsArg]);
      const index = await readDeflators(deflatorsArg, io);
      const base = priceBase ?? index.last;
      const { indexOf } = await import('../../model/prices.js');
      const covered = indexOf(index, base, '--price-base');
      if (!covered.ok) {
        throw new UsageError({
          message: covered.message,
          hint: `Give --price-base from ${index.first} to ${index.last}, or --deflators FILE with an index for ${base}.`,
        });
      }
      const library = await loadUnitCostLibrary(libraryArg, io);
      emitWarnings(ctx, library.warnings);
      const report = await import('../../report/costs.js');
      const result = report.computeCosts(library, index, { words: words.map((w) => w.trim()).filter((w) => w !== ''), priceBase: base, ...(opts.kind ? { kind: opts.kind } : {}) });
      const content = await renderAs(ctx, {
        table: () => report.costsTable(result, ctx.chalk, width),
        csv: () => report.costsCsv(result),
        json: () => report.costsJson(result),
        md: () => report.costsMarkdown(result),
      });
      await emitReport(io, opts.output, content, [libraryArg, deflatorsArg]);
    });
}
