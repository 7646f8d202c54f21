// placepool compare BUDGETS -s A -s B ...: the scenarios' summaries side by side.
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Io } from '../../io-types.js';
import { addCommonOptions, checkPlaces, commandContext, emitWarnings, renderAs, type CommonOptions } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html', 'xlsx'];

interface CompareOptions extends CommonOptions {
  failIf?: string[];
  scenario?: string[];
}

export function registerCompare(program: Command, io: Io): void {
  const cmd = program
    .command('compare')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .requiredOption('-s, --scenario <file>', 'a scenario file (repeat: at least two)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .summary("compare scenarios' summaries side by side")
    .description(
      "Run several scenarios on the same budgets and show their summaries side by side, with each " +
        "scenario's difference from the first (CSV long: place,scenario,measure,value,difference).",
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.option('--fail-if <expr>', 'exit 1 (after writing the report) unless MEASURE OP NUMBER holds, e.g. "npv_cashable >= 0" (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  cmd.addHelpText('after', '\nExample:\n  placepool compare budgets.csv -s cautious.yaml -s whole-place.yaml -o compare.html');
  cmd.action(async (budgetsArg: string, opts: CompareOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    const failIf = opts.failIf ? await import('../../batch/fail-if.js') : undefined;
    const expectations = failIf?.parseFailIf(opts.failIf) ?? [];
    const scenarioArgs = opts.scenario ?? [];
    if (scenarioArgs.length < 2) {
      throw new UsageError({ message: 'compare needs at least two scenarios', hint: 'Give -s A.yaml -s B.yaml (use `run` for one scenario).' });
    }
    const { loadScenarioInputs } = await import('../inputs.js');
    const inputs = await loadScenarioInputs(ctx, budgetsArg, scenarioArgs);
    const places = opts.place ? checkPlaces(opts.place, inputs.budgets) : undefined;
    const { runModel } = await import('../../model/engine.js');
    const results = inputs.scenarios.map((s) => runModel(inputs.budgets, s, places ? { places } : {}));
    emitWarnings(
      ctx,
      results.flatMap((r) => r.warnings.map((w) => ({ ...w, message: `${r.scenario}: ${w.message}` }))),
    );
    const { reportMeta } = await import('../../report/meta.js');
    const meta = reportMeta(
      'compare',
      [inputs.budgets.source, ...inputs.scenarios.map((s) => s.source)],
      inputs.scenarios.map((s) => s.name),
    );
    const report = await import('../../report/compare.js');
    const content = await renderAs(ctx, {
      table: () => report.renderCompareTable(results, ctx.chalk),
      csv: (layout) => report.renderCompareCsv(results, layout),
      json: () => report.renderCompareJson(results, meta),
      md: () => report.renderCompareMd(results, meta),
      html: async (date) => (await import('../../report/html/compare.js')).renderCompareHtml(results, meta, date),
      xlsx: async () => (await import('../../report/xlsx/compare.js')).renderCompareXlsx(results, meta, { env: io.env }),
    });
    const { emitReport } = await import('../output.js');
    await emitReport(io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
    failIf?.checkFailIf(expectations, results);
  });
}
