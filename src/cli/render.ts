// A command's report in the format asked for: each command gives a renderer per format it offers, and only
// the one asked for is called.
import { reportDate } from '../report/meta.js';
import { visibleControls } from '../terminal-text.js';
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

/**
 * A report drawn for people to read (a terminal table, Markdown) with the control characters of its names
 * shown escaped; the report's own colours kept. CSV and JSON keep the data as it is; HTML and SVG escape
 * their text themselves.
 */
export function forPeople(ctx: CommandContext, text: string): string {
  return visibleControls(text, ctx.color);
}

/** The report in the chosen format. */
export async function renderAs(ctx: CommandContext, renderers: Renderers): Promise<string | Uint8Array> {
  const content = await rendered(ctx, renderers);
  return (ctx.format === 'table' || ctx.format === 'md') && typeof content === 'string' ? forPeople(ctx, content) : content;
}

async function rendered(ctx: CommandContext, renderers: Renderers): Promise<string | Uint8Array> {
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
