// Markdown tables for every command's `--format md`: an optional caption, units in the headers (the caller
// writes e.g. `reactive (£)`), `|` escaped, numeric columns right-aligned.

export interface MdColumn {
  header: string;
  /** right-align (numbers) */
  numeric?: boolean;
}

/**
 * Text safe inside a Markdown table cell or paragraph: `|` escaped, line breaks made spaces, and the characters
 * that would start emphasis, code, links or raw HTML escaped. `_` inside a word is not emphasis in CommonMark,
 * so silo names like social_care stay readable.
 */
export function mdEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/([*`<[\]]|^>|^_|_$|(?<=\s)_|_(?=\s))/g, '\\$1');
}

/** A Markdown table, preceded by `caption` as a paragraph when given; ends with a newline. */
export function mdTable(columns: readonly MdColumn[], rows: readonly (readonly string[])[], caption?: string): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(mdEscape).join(' | ')} |`;
  const out: string[] = [];
  if (caption) out.push(caption, '');
  out.push(line(columns.map((c) => c.header)));
  out.push(`|${columns.map((c) => (c.numeric ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const row of rows) out.push(line(row));
  return `${out.join('\n')}\n`;
}

/** A Markdown table whose first `left` columns are labels and the rest right-aligned numbers (no trailing newline). */
export function mdGrid(head: readonly string[], rows: readonly (readonly string[])[], left = 1): string {
  return mdTable(
    head.map((header, i) => ({ header, numeric: i >= left })),
    rows,
  ).trimEnd();
}
