// Picks the renderer for run results by format (used by `run`; `compare` has its own).
import type { RunResult, Scenario } from '../model/types.js';
import type { ReportMeta } from '../report/meta.js';
import type { CommandContext } from './options.js';

export async function renderRun(ctx: CommandContext, results: RunResult[], meta: ReportMeta, scenarios: Scenario[]): Promise<string | Uint8Array> {
  const result = results[0]!;
  switch (ctx.format) {
    case 'table': {
      const { renderRunTable } = await import('../report/run.js');
      const toTerminal = ctx.io.stdout.isTTY === true && (ctx.opts.output === undefined || ctx.opts.output === '-');
      const width = toTerminal ? Math.max(80, Math.min(ctx.io.stdout.columns ?? 100, 160)) : 100;
      return renderRunTable(result, { chalk: ctx.chalk, width, includeWarnings: toTerminal });
    }
    case 'csv': {
      if (ctx.opts.layout === 'long') return (await import('../report/long.js')).renderLongCsv(results);
      return (await import('../report/run.js')).renderWideCsv(results);
    }
    case 'json':
      return (await import('../report/run.js')).renderRunJson(result, meta);
    case 'md':
      return (await import('../report/run.js')).renderRunMd(result, meta);
    case 'html': {
      const { renderRunHtml } = await import('../report/html/run.js');
      const { reportDate } = await import('../report/meta.js');
      return renderRunHtml(result, meta, reportDate(ctx.io.env));
    }
    case 'xlsx': {
      const { renderRunXlsx } = await import('../report/xlsx/run.js');
      return renderRunXlsx(result, meta, { scenario: scenarios[0]!, env: ctx.io.env });
    }
  }
}
