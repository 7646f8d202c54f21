// The renderers of `run`'s results, by format.
import type { RunResult, Scenario } from '../model/types.js';
import type { ReportMeta } from '../report/meta.js';
import { renderAs, type CommandContext } from './options.js';

export async function renderRun(ctx: CommandContext, result: RunResult, meta: ReportMeta, scenario: Scenario): Promise<string | Uint8Array> {
  return renderAs(ctx, {
    table: async () => {
      const width = ctx.reportOnTerminal ? Math.max(80, Math.min(ctx.io.stdout.columns ?? 100, 160)) : 100;
      return (await import('../report/run.js')).renderRunTable(result, { chalk: ctx.chalk, width, includeWarnings: ctx.reportOnTerminal });
    },
    csv: async (layout) => (layout === 'long' ? (await import('../report/long.js')).renderLongCsv([result]) : (await import('../report/run.js')).renderWideCsv([result])),
    json: async () => (await import('../report/run.js')).renderRunJson(result, meta),
    md: async () => (await import('../report/run.js')).renderRunMd(result, meta),
    html: async (date) => (await import('../report/html/run.js')).renderRunHtml(result, meta, date),
    xlsx: async () => (await import('../report/xlsx/run.js')).renderRunXlsx(result, meta, { scenario, env: ctx.io.env }),
  });
}
