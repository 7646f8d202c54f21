// The work of `placepool costs` (src/cli/commands/costs.ts registers it): read the library and the deflators,
// check the price base, and render the report in the chosen format.
import { UsageError } from '../../errors.js';
import { parseYear } from '../../io/budget-cells.js';
import { BUNDLED_DEFLATORS, readDeflators } from '../../io/deflators.js';
import { BUNDLED_UNIT_COSTS, loadUnitCostLibrary } from '../../io/unit-costs.js';
import { indexOf } from '../../model/prices.js';
import { computeCosts, costsCsv, costsJson, costsMarkdown, costsTable } from '../../report/costs.js';
import { assertStdinOnce } from '../inputs.js';
import { emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { renderAs } from '../render.js';
import { emitReport } from '../output.js';

export interface CostsOpts extends CommonOptions {
  library?: string;
  priceBase?: string;
  kind?: 'fiscal' | 'economic' | 'social';
  deflators?: string;
}

export async function costs(ctx: CommandContext, words: string[], opts: CostsOpts): Promise<void> {
  const io = ctx.io;
  let priceBase: number | undefined;
  if (opts.priceBase !== undefined) {
    const parsed = parseYear(opts.priceBase);
    if (!parsed.ok) throw new UsageError({ message: `--price-base: ${parsed.message}`, ...(parsed.hint ? { hint: parsed.hint } : {}) });
    priceBase = parsed.value;
  }
  const libraryArg = opts.library ?? BUNDLED_UNIT_COSTS;
  const deflatorsArg = opts.deflators ?? BUNDLED_DEFLATORS;
  assertStdinOnce([libraryArg, deflatorsArg]);
  const index = await readDeflators(deflatorsArg, io);
  const base = priceBase ?? index.last;
  const covered = indexOf(index, base, '--price-base');
  if (!covered.ok) {
    throw new UsageError({
      message: covered.message,
      hint: `Give --price-base from ${index.first} to ${index.last}, or --deflators FILE with an index for ${base}.`,
    });
  }
  const library = await loadUnitCostLibrary(libraryArg, io);
  emitWarnings(ctx, library.warnings);
  const result = computeCosts(library, index, { words: words.map((w) => w.trim()).filter((w) => w !== ''), priceBase: base, ...(opts.kind ? { kind: opts.kind } : {}) });
  const content = await renderAs(ctx, {
    table: () => costsTable(result, ctx.chalk, ctx.width),
    csv: () => costsCsv(result),
    json: () => costsJson(result),
    md: () => costsMarkdown(result),
  });
  await emitReport(io, opts.output, content, [libraryArg, deflatorsArg]);
}
