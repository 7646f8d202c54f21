// What `placepool run` does once its options are read (src/cli/commands/run.ts registers it).
import { checkCommandChecks, parseChecks } from '../../batch/fail-if.js';
import { runModel } from '../../model/engine.js';
import type { RunResult, Scenario } from '../../model/types.js';
import { reportMeta, type ReportMeta } from '../../report/meta.js';
import { renderRunJson, renderRunMd, renderRunTable, renderWideCsv } from '../../report/run.js';
import { loadOneScenario, provenance } from '../inputs.js';
import { emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport } from '../output.js';
import { renderAs } from '../render.js';
import { runOrWatch } from '../watch.js';

export interface RunOptions extends CommonOptions {
  watch?: boolean;
  failIf?: string[];
  expect?: string[];
  scenario?: string;
}

/** The command, once, or with --watch again each time its budgets or scenario file is saved. */
export async function run(ctx: CommandContext, budgetsArg: string | undefined, opts: RunOptions): Promise<void> {
  await runOrWatch(ctx, opts.watch, [budgetsArg, opts.scenario], () => runOnce(ctx, budgetsArg, opts));
}

async function runOnce(ctx: CommandContext, budgetsArg: string | undefined, opts: RunOptions): Promise<void> {
  const checks = parseChecks(opts);
  const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'run', budgetsArg, opts.scenario, { exampleAllowed: true });
  const result = runModel(inputs.budgets, scenario, runOptions);
  // On a terminal the warnings are part of the report; elsewhere they also go to stderr.
  if (!ctx.reportOnTerminal || opts.strict) emitWarnings(ctx, result.warnings);
  const meta = reportMeta('run', provenance(inputs.budgets, [scenario]), [scenario.name]);
  const content = await renderRun(ctx, result, meta, scenario);
  await emitReport(ctx.io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
  checkCommandChecks(checks, [result]);
}

function renderRun(ctx: CommandContext, result: RunResult, meta: ReportMeta, scenario: Scenario): Promise<string | Uint8Array> {
  return renderAs(ctx, {
    table: () => {
      return renderRunTable(result, { chalk: ctx.chalk, width: ctx.width, includeWarnings: ctx.reportOnTerminal });
    },
    csv: async (layout) => (layout === 'long' ? (await import('../../report/long.js')).renderLongCsv([result]) : renderWideCsv([result])),
    json: () => renderRunJson(result, meta),
    md: () => renderRunMd(result, meta),
    // the HTML and Excel renderers (charts, workbook) are loaded only for their format
    html: async (date) => (await import('../../report/html/run.js')).renderRunHtml(result, meta, date, { scenario }),
    xlsx: async () => (await import('../../report/xlsx/run.js')).renderRunXlsx(result, meta, { scenario, env: ctx.io.env }),
  });
}
