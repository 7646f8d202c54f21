// What `placepool compare` does once its options are read (src/cli/commands/compare.ts registers it).
import { checkCommandChecks, parseChecks } from '../../batch/fail-if.js';
import { UsageError } from '../../errors.js';
import { runModel } from '../../model/engine.js';
import { compareWarnings, renderCompareCsv, renderCompareJson, renderCompareMd, renderCompareTable } from '../../report/compare.js';
import { renderCompareHtml } from '../../report/html/compare.js';
import { reportMeta } from '../../report/meta.js';
import { renderCompareXlsx } from '../../report/xlsx/compare.js';
import { loadScenarioInputs, provenance } from '../inputs.js';
import { checkPlaces, emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport } from '../output.js';
import { renderAs } from '../render.js';
import { runOrWatch } from '../watch.js';

export interface CompareOptions extends CommonOptions {
  watch?: boolean;
  failIf?: string[];
  expect?: string[];
  scenario?: string[];
}

/** The command, once, or with --watch again each time its budgets or scenario file is saved. */
export async function compare(ctx: CommandContext, budgetsArg: string, opts: CompareOptions): Promise<void> {
  await runOrWatch(ctx, opts.watch, [budgetsArg, ...(opts.scenario ?? [])], () => compareOnce(ctx, budgetsArg, opts));
}

async function compareOnce(ctx: CommandContext, budgetsArg: string, opts: CompareOptions): Promise<void> {
  const checks = parseChecks(opts);
  const scenarioArgs = opts.scenario ?? [];
  if (scenarioArgs.length < 2) {
    throw new UsageError({ message: 'compare needs at least two scenarios', hint: 'Give -s A.yaml -s B.yaml (use `run` for one scenario).' });
  }
  const inputs = await loadScenarioInputs(ctx, budgetsArg, scenarioArgs);
  const places = opts.place ? checkPlaces(opts.place, inputs.budgets) : undefined;
  const results = inputs.scenarios.map((s) => runModel(inputs.budgets, s, places ? { places } : {}));
  emitWarnings(ctx, [
    ...compareWarnings(results),
    ...results.flatMap((r) => r.warnings.map((w) => ({ ...w, message: `${r.scenario}: ${w.message}` }))),
  ]);
  const meta = reportMeta(
    'compare',
    provenance(inputs.budgets, inputs.scenarios),
    inputs.scenarios.map((s) => s.name),
  );
  const content = await renderAs(ctx, {
    table: () => renderCompareTable(results, ctx.chalk, ctx.width),
    csv: (layout) => renderCompareCsv(results, layout),
    json: () => renderCompareJson(results, meta),
    md: () => renderCompareMd(results, meta),
    html: (date) => renderCompareHtml(results, meta, date, { scenarios: inputs.scenarios }),
    xlsx: () => renderCompareXlsx(results, meta, { scenarios: inputs.scenarios, env: ctx.io.env }),
  });
  await emitReport(ctx.io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
  checkCommandChecks(checks, results);
}
