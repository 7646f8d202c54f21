// What `placepool baseline` does once its options are read (src/cli/commands/baseline.ts registers it).
import { UsageError } from '../../errors.js';
import { parseYear } from '../../io/budget-cells.js';
import { readBudgets } from '../../io/budgets.js';
import { computeBaseline } from '../../model/baseline-totals.js';
import { yearLabel } from '../../model/years.js';
import { baselineJson, baselineLongCsv, baselineMarkdown, baselineTable, baselineWideCsv } from '../../report/baseline.js';
import { renderBaselineXlsx } from '../../report/xlsx/baseline.js';
import { checkPlaces, emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport } from '../output.js';
import { renderAs } from '../render.js';

export interface BaselineOpts extends CommonOptions {
  year?: string;
  asGiven?: boolean;
}

export async function baseline(ctx: CommandContext, budgetsArg: string, opts: BaselineOpts): Promise<void> {
  const io = ctx.io;
  let year: number | undefined;
  if (opts.year !== undefined) {
    const parsed = parseYear(opts.year);
    if (!parsed.ok) throw new UsageError({ message: `--year: ${parsed.message}`, ...(parsed.hint ? { hint: parsed.hint } : {}) });
    year = parsed.value;
  }
  const budgets = await readBudgets(budgetsArg, io);
  emitWarnings(ctx, budgets.warnings);
  const places = opts.place ? checkPlaces(opts.place, budgets) : undefined;
  if (year !== undefined && !budgets.years.includes(year)) {
    throw new UsageError({
      message: `--year ${opts.year}: the budgets have no rows for ${yearLabel(year)}`,
      hint: `Years in the budgets: ${budgets.years.map(yearLabel).join(', ')}.`,
    });
  }
  const result = computeBaseline(budgets, {
    ...(places ? { places } : {}),
    ...(year !== undefined ? { year } : {}),
    asGiven: opts.asGiven === true,
  });
  if (result.places.length === 0) {
    throw new UsageError({
      message: `no budget lines for ${places ? places.join(', ') : 'any place'}${year !== undefined ? ` in ${yearLabel(year)}` : ''}`,
      hint: 'Choose another --year or --place, or leave out --as-given.',
    });
  }
  const content = await renderAs(ctx, {
    table: () => baselineTable(result, ctx.chalk, ctx.width),
    csv: (layout) => (layout === 'long' ? baselineLongCsv(result) : baselineWideCsv(result)),
    json: () => baselineJson(result),
    md: () => baselineMarkdown(result),
    xlsx: () => renderBaselineXlsx(result, { env: io.env }),
  });
  await emitReport(io, opts.output, content, [budgetsArg]);
}
