// A command's report in the format asked for: each command gives a renderer per format it offers, and only
// the one asked for is called.
import { reportDate } from '../report/meta.js';
import type { CommandContext } from './options.js';

type Rendered = string | Uint8Array | Promise<string | Uint8Array>;

/** A command's renderer for each format it offers. */
export interface Renderers {
  table?: () => Rendered;
  csv?: (layout: 'wide' | 'long') => Rendered;
  json?: () => Rendered;
  md?: () => Rendered;
  /** `date`: the day the report says it was made (SOURCE_DATE_EPOCH, else today) */
  html?: (date: string) => Rendered;
  xlsx?: () => Rendered;
}

/** The report in the chosen format. */
export async function renderAs(ctx: CommandContext, renderers: Renderers): Promise<string | Uint8Array> {
  switch (ctx.format) {
    case 'csv':
      if (renderers.csv) return renderers.csv(ctx.opts.layout ?? 'wide');
      break;
    case 'html':
      if (renderers.html) return renderers.html(reportDate(ctx.io.env));
      break;
    default: {
      const render = renderers[ctx.format];
      if (render) return render();
    }
  }
  throw new Error(`no ${ctx.format} renderer for this command`);
}
