// placepool tornado BUDGETS -s SCENARIO: one-at-a-time sensitivity of npv_cashable to each uncertain value.
import type { Command } from 'commander';
import type { Io } from '../../io-types.js';
import { addCommonOptions, commandContext, emitWarnings, renderAs, type CommonOptions } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html'];

interface TornadoCliOptions extends CommonOptions {
  scenario?: string;
}

export function registerTornado(program: Command, io: Io): void {
  const cmd = program
    .command('tornado')
    .argument('<budgets>', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON) with uncertain values')
    .summary('one-at-a-time sensitivity of npv_cashable')
    .description(
      'For each uncertain value of the scenario, the cashable NPV with that value at its P10 and at its P90\n' +
        '(clamped to its valid range) and every other value central, computed exactly; largest swing first.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.addHelpText('after', '\nExample:\n  placepool tornado budgets.csv -s uncertain.yaml -f csv --layout long > tornado.csv');
  cmd.action(async (budgetsArg: string, opts: TornadoCliOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    const { loadOneScenario } = await import('../inputs.js');
    const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'tornado', budgetsArg, opts.scenario);
    const { tornado } = await import('../../uncertainty/tornado.js');
    const result = tornado(inputs.budgets, scenario, runOptions);
    emitWarnings(ctx, result.warnings);
    if (scenario.uncertain.length === 0) ctx.msg.warn('the scenario has no uncertain values (no distributions), so there is nothing to vary');
    const { reportMeta } = await import('../../report/meta.js');
    const meta = reportMeta('tornado', [inputs.budgets.source, scenario.source], [scenario.name]);
    const report = await import('../../report/tornado.js');
    const content = await renderAs(ctx, {
      table: () => report.renderTornadoTable(result, { chalk: ctx.chalk }),
      csv: (layout) => (layout === 'long' ? report.renderTornadoLongCsv(result) : report.renderTornadoWideCsv(result)),
      json: () => report.renderTornadoJson(result, meta),
      md: () => report.renderTornadoMd(result, meta),
      html: async (date) => (await import('../../report/html/simulate.js')).renderTornadoHtml(result, meta, date),
    });
    const { emitReport } = await import('../output.js');
    await emitReport(io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
  });
}
