// Terminal tables for every command: cli-table3 with no colours of its own (colour, if any, comes from the
// context's chalk), numbers right-aligned, text wrapped only in a column given a fixed width.
// cli-table3 is CommonJS and is loaded when the first table is drawn, not when a report module is imported,
// so that a command writing CSV, JSON or Markdown never loads it.
import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import { visibleControls } from '../terminal-text.js';

export interface TableColumn {
  header: string;
  /** right-align (numbers) */
  numeric?: boolean;
  /**
   * a fixed width in characters, counting the space either side of the text: longer text wraps at word
   * boundaries (a word longer than the column is cut with `…`). Without it a column is as wide as its
   * widest line and nothing wraps.
   */
  width?: number;
}

export interface TableOptions {
  /** the report's chalk (colourless unless colour is on); the header is drawn bold with it */
  chalk?: ChalkInstance;
  /** rows (by index) drawn bold, e.g. totals */
  boldRows?: ReadonlySet<number>;
  /** a rule between the header and the rows (default true); false puts the rows straight under the header */
  headerRule?: boolean;
  /**
   * the widest the table may be, in characters. A wider table first wraps the headers of its number columns
   * (down to their widest value), then wraps its text columns at word boundaries (never cutting a word: a
   * word longer than its column is broken across lines); if it is still too wide, its columns are split into
   * blocks, one under the other, each repeating the first `keyColumns` columns (the row labels).
   */
  maxWidth?: number;
  /** the columns repeated in every block when a table is split to fit `maxWidth` (default 1) */
  keyColumns?: number;
}

let tableClass: typeof Table | undefined;

/** cli-table3, loaded on first use. */
function cliTable3(): typeof Table {
  tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof Table;
  return tableClass;
}

/** A table as text (no trailing newline). Cells are strings already formatted for people. */
export function renderTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  if (options.maxWidth !== undefined) return fitTable(columns, rows, options, options.maxWidth);
  return drawTable(columns, rows, options);
}

function drawTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions): string {
  const { chalk, boldRows, headerRule = true } = options;
  const Table = cliTable3();
  const table = new Table({
    head: columns.map((c) => (chalk ? chalk.bold(c.header) : c.header)),
    colAligns: columns.map((c) => (c.numeric ? 'right' : 'left')),
    colWidths: columns.map((c) => c.width ?? null),
    style: { head: [], border: [], compact: true },
    // only a column of fixed width wraps: the others are as wide as their widest line
    wordWrap: true,
    ...(headerRule ? {} : { chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } }),
  });
  rows.forEach((row, i) => {
    // control characters in a name are shown escaped before the columns are measured, so the table stays aligned
    const cells = row.map((cell) => visibleControls(cell, true));
    table.push(boldRows?.has(i) && chalk ? cells.map((cell) => chalk.bold(cell)) : cells);
  });
  return table.toString();
}

/**
 * The width `renderTable` will draw, without drawing it: each column as wide as its fixed width, or else its
 * widest line plus one space either side, and a border between and around the columns. Cells are taken to
 * be single lines without colour codes.
 */
export function tableWidth(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): number {
  const widths = columns.map((c) => Math.max(...c.header.split('\n').map((l) => l.length)));
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (cell.length > (widths[i] ?? 0)) widths[i] = cell.length;
    });
  }
  return widths.reduce((t, w, i) => t + (columns[i]?.width ?? w + 2), 0) + widths.length + 1;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const LEADING_ANSI = /^(?:\u001b\[[0-9;]*m)+/;
// eslint-disable-next-line no-control-regex
const TRAILING_ANSI = /(?:\u001b\[[0-9;]*m)+$/;

const plainText = (text: string): string => text.replace(ANSI, '');

/** The longest line of a cell, ignoring colour codes. */
function cellWidth(text: string): number {
  return Math.max(0, ...plainText(text).split('\n').map((l) => l.length));
}

/** The longest word of a cell. */
function longestWord(text: string): number {
  return Math.max(0, ...plainText(text).split(/\s+/).map((w) => w.length));
}

/**
 * Text wrapped at word boundaries to lines of at most `width` characters; a word longer than that is broken
 * across lines, never cut. Existing line breaks are kept.
 */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = '';
      }
      while (word.length > width) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(word.slice(0, width));
        word = word.slice(width);
      }
      line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** Prose wrapped at word boundaries to lines of at most `width` characters (terminal reports keep to their width). */
export function wrap(text: string, width: number): string {
  return wrapWords(text, width).join('\n');
}

/** A paragraph wrapped to `width` whose opening words (`title`, on its first line) are bold. */
export function titled(chalk: ChalkInstance, title: string, rest: string, width: number): string {
  const text = wrap(`${title}${rest}`, width);
  return text.startsWith(title) ? `${chalk.bold(title)}${text.slice(title.length)}` : text;
}

/** A cell wrapped to `width` characters; colour around the whole cell is put around each line. */
function wrapCell(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  const open = LEADING_ANSI.exec(text)?.[0] ?? '';
  const close = TRAILING_ANSI.exec(text)?.[0] ?? '';
  return wrapWords(plainText(text), width)
    .map((l) => `${open}${l}${close}`)
    .join('\n');
}

/** The key columns and columns `from` to `to` (exclusive) as a table fitted to `maxWidth`. */
function renderBlock(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions, keys: number, from: number, to: number, maxWidth: number): string {
  const pick = [...Array.from({ length: keys }, (_, k) => k), ...Array.from({ length: to - from }, (_, k) => from + k)];
  return fitTable(pick.map((j) => columns[j]!), rows.map((r) => pick.map((j) => r[j] ?? '')), { ...options, keyColumns: keys }, maxWidth);
}

const totalWidth = (widths: readonly number[]): number => widths.reduce((t, w) => t + w, 0) + widths.length + 1;

/** The column widths (each counting its padding) that fit `maxWidth`, or undefined if none do. */
function fittedWidths(columns: readonly TableColumn[], rows: readonly (readonly string[])[], maxWidth: number): number[] | undefined {
  const cells = (i: number) => rows.map((r) => r[i] ?? '');
  const widths = columns.map((c, i) => c.width ?? Math.max(cellWidth(c.header), ...cells(i).map(cellWidth)) + 2);
  if (totalWidth(widths) <= maxWidth) return widths;
  // first the headers of number columns wrap, down to the widest value (or the header's longest word)
  const numberFloor = columns.map((c, i) => Math.max(longestWord(c.header), ...cells(i).map(cellWidth)) + 2);
  // then text columns wrap, down to a width that keeps a few words a line
  const textFloor = widths.map((w) => Math.min(w, 14));
  const shrink = (floor: readonly number[], which: (c: TableColumn) => boolean): boolean => {
    let excess = totalWidth(widths) - maxWidth;
    while (excess > 0) {
      // the widest column that may still give up a character
      let best = -1;
      columns.forEach((c, i) => {
        if (which(c) && widths[i]! > floor[i]! && (best < 0 || widths[i]! > widths[best]!)) best = i;
      });
      if (best < 0) return false;
      widths[best]!--;
      excess--;
    }
    return true;
  };
  if (shrink(numberFloor, (c) => c.numeric === true)) return widths;
  if (shrink(textFloor, (c) => c.numeric !== true)) return widths;
  return undefined;
}

function fitTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions, maxWidth: number): string {
  const widths = fittedWidths(columns, rows, maxWidth);
  const keys = Math.min(options.keyColumns ?? 1, columns.length - 1);
  if (widths === undefined && columns.length > keys + 1) {
    // split the other columns into blocks, each with the key columns: as few blocks as let every column keep
    // its natural width, of as even a size as can be (else as few as fit with wrapping)
    const natural = columns.map((c, i) => c.width ?? Math.max(cellWidth(c.header), ...rows.map((r) => cellWidth(r[i] ?? ''))) + 2);
    const keyWidth = natural.slice(0, keys).reduce((t, w) => t + w + 1, 1);
    const others = columns.length - keys;
    let blocks = 0;
    let used = keyWidth;
    for (let i = keys; i < columns.length; i++) {
      if (used === keyWidth || used + natural[i]! + 1 > maxWidth) {
        blocks++;
        used = keyWidth;
      }
      used += natural[i]! + 1;
    }
    const fits = (from: number, to: number) => keyWidth + natural.slice(from, to).reduce((t, w) => t + w + 1, 0) <= maxWidth;
    const per = Math.ceil(others / blocks);
    const starts = Array.from({ length: Math.ceil(others / per) }, (_, b) => keys + b * per);
    if (blocks > 1 && starts.every((s) => fits(s, Math.min(s + per, columns.length)))) {
      return starts.map((s) => renderBlock(columns, rows, options, keys, s, Math.min(s + per, columns.length), maxWidth)).join('\n\n');
    }
    // a column too wide even alone with the keys: as many columns a block as fit once wrapped
    const chunks: [number, number][] = [];
    let start = keys;
    for (let i = keys + 1; i <= columns.length; i++) {
      const pick = [...Array.from({ length: keys }, (_, k) => k), ...Array.from({ length: i - start }, (_, k) => start + k)];
      if (i > start + 1 && fittedWidths(pick.map((j) => columns[j]!), rows.map((r) => pick.map((j) => r[j] ?? '')), maxWidth) === undefined) {
        chunks.push([start, i - 1]);
        start = i - 1;
      }
    }
    chunks.push([start, columns.length]);
    if (chunks.length > 1) return chunks.map(([s, e]) => renderBlock(columns, rows, options, keys, s, e, maxWidth)).join('\n\n');
  }
  if (widths === undefined) return drawTable(columns, rows, options);
  const natural = columns.map((c, i) => c.width ?? Math.max(cellWidth(c.header), ...rows.map((r) => cellWidth(r[i] ?? ''))) + 2);
  if (widths.every((w, i) => w === natural[i])) return drawTable(columns, rows, options);
  // pre-wrapped at the fitted widths, so that cli-table3 wraps and cuts nothing
  return drawTable(
    columns.map((c, i) => ({ ...c, header: wrapCell(c.header, widths[i]! - 2), width: widths[i]! })),
    rows.map((r) => r.map((cell, i) => wrapCell(cell, widths[i]! - 2))),
    options,
  );
}

/** The widest line of a rendered text, in characters, ignoring colour codes. */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, line.replace(ANSI, '').length);
  return widest;
}
