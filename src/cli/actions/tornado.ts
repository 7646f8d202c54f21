// What `placepool tornado` does once its options are read (src/cli/commands/tornado.ts registers it).
import { renderTornadoHtml } from '../../report/html/simulate.js';
import { reportMeta } from '../../report/meta.js';
import { renderTornadoXlsx } from '../../report/xlsx/uncertainty.js';
import { renderTornadoJson, renderTornadoLongCsv, renderTornadoMd, renderTornadoTable, renderTornadoWideCsv } from '../../report/tornado.js';
import { tornado as swings } from '../../uncertainty/tornado.js';
import type { NpvMeasure } from '../../uncertainty/types.js';
import { loadOneScenario, provenance } from '../inputs.js';
import { emitWarnings, type CommandContext, type CommonOptions } from '../options.js';
import { emitReport } from '../output.js';
import { renderAs } from '../render.js';

export interface TornadoCliOptions extends CommonOptions {
  scenario?: string;
  measure: NpvMeasure;
}

export async function tornado(ctx: CommandContext, budgetsArg: string, opts: TornadoCliOptions): Promise<void> {
  const { inputs, scenario, runOptions } = await loadOneScenario(ctx, 'tornado', budgetsArg, opts.scenario);
  const result = swings(inputs.budgets, scenario, runOptions, opts.measure);
  emitWarnings(ctx, result.warnings);
  if (scenario.uncertain.length === 0) ctx.msg.warn('the scenario has no uncertain values (no distributions), so there is nothing to vary');
  const meta = reportMeta('tornado', provenance(inputs.budgets, [scenario]), [scenario.name]);
  const content = await renderAs(ctx, {
    table: () => renderTornadoTable(result, { chalk: ctx.chalk, width: ctx.width }),
    csv: (layout) => (layout === 'long' ? renderTornadoLongCsv(result) : renderTornadoWideCsv(result)),
    json: () => renderTornadoJson(result, meta),
    md: () => renderTornadoMd(result, meta),
    html: (date) => renderTornadoHtml(result, meta, date),
    xlsx: () => renderTornadoXlsx(result, meta, { scenario, env: ctx.io.env }),
  });
  await emitReport(ctx.io, opts.output, content, [inputs.budgetsArg, ...inputs.scenarioArgs]);
}
