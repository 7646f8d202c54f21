// placepool run [BUDGETS] -s SCENARIO: project one scenario and report it.
import type { Command } from 'commander';
import type { Io } from '../../io-types.js';
import { addCommonOptions, commandContext, emitWarnings, type CommonOptions } from '../options.js';
import type { Format } from '../output.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html', 'xlsx'];

interface RunOptions extends CommonOptions {
  failIf?: string[];
  scenario?: string;
}

export function registerRun(program: Command, io: Io): void {
  const cmd = program
    .command('run')
    .argument('[budgets]', 'budgets file (CSV, or .xlsx[#Sheet]); - reads stdin')
    .option('-s, --scenario <file>', 'scenario file (YAML or JSON)')
    .summary('project one scenario: flows by silo, summary, who pays and who benefits')
    .description(
      'Project one scenario over its horizon: the yearly flows by silo, the summary (NPV, ROI, payback, ' +
        'peak funding), who pays and who benefits before and after settlement, and each intervention. ' +
        'With no budgets and no scenario it runs the bundled example.',
    );
  addCommonOptions(cmd, { formats: FORMATS, place: true, layout: true });
  cmd.option('--fail-if <expr>', 'exit 1 (after writing the report) unless MEASURE OP NUMBER holds, e.g. "npv_cashable >= 0" (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  cmd.addHelpText(
    'after',
    '\nExamples:\n' +
      '  placepool run                                        the bundled example\n' +
      '  placepool run budgets.csv -s pool.yaml               terminal report\n' +
      '  placepool run budgets.csv -s pool.yaml -o pool.xlsx  Excel workbook\n' +
      '  placepool run budgets.csv -s pool.yaml -f csv --layout long > flows.csv',
  );
  cmd.action(async (budgetsArg: string | undefined, opts: RunOptions) => {
    const ctx = commandContext(io, opts, FORMATS);
    const failIf = opts.failIf ? await import('../../batch/fail-if.js') : undefined;
    const expectations = failIf?.parseFailIf(opts.failIf) ?? [];
    const { loadOneScenario } = await import('../inputs.js');
    const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'run', budgetsArg, opts.scenario, { exampleAllowed: true });
    const { runModel } = await import('../../model/engine.js');
    const result = runModel(inputs.budgets, scenario, runOptions);
    // On a terminal the warnings are part of the report; elsewhere they also go to stderr.
    if (!ctx.reportOnTerminal || opts.strict) emitWarnings(ctx, result.warnings);
    const { reportMeta } = await import('../../report/meta.js');
    const meta = reportMeta('run', [inputs.budgets.source, scenario.source], [scenario.name]);
    const { renderRun } = await import('../render-run.js');
    const content = await renderRun(ctx, result, meta, scenario);
    const { emitReport } = await import('../output.js');
    await emitReport(io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
    failIf?.checkFailIf(expectations, [result]);
  });
}
