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
}

let tableClass: typeof Table | undefined;

/** cli-table3, loaded on first use. */
function cliTable3(): typeof Table {
  tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof Table;
  return tableClass;
}

/** A table as text (no trailing newline). Cells are strings already formatted for people. */
export function renderTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
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

/** The widest line of a rendered text, in characters, ignoring colour codes. */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, line.replace(ANSI, '').length);
  return widest;
}
