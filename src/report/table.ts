// Terminal tables for every command: cli-table3 with no colours of its own (colour, if any, comes from the
// context's chalk), no word wrapping, numbers right-aligned.
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';

export interface TableColumn {
  header: string;
  /** right-align (numbers) */
  numeric?: boolean;
}

export interface TableOptions {
  /** the report's chalk (colourless unless colour is on); the header is drawn bold with it */
  chalk?: ChalkInstance;
  /** rows (by index) drawn bold, e.g. totals */
  boldRows?: ReadonlySet<number>;
}

/** A table as text (no trailing newline). Cells are strings already formatted for people. */
export function renderTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const { chalk, boldRows } = options;
  const table = new Table({
    head: columns.map((c) => (chalk ? chalk.bold(c.header) : c.header)),
    colAligns: columns.map((c) => (c.numeric ? 'right' : 'left')),
    style: { head: [], border: [], compact: true },
    wordWrap: false,
  });
  rows.forEach((row, i) => {
    table.push(boldRows?.has(i) && chalk ? row.map((cell) => chalk.bold(cell)) : [...row]);
  });
  return table.toString();
}

/**
 * The width `renderTable` will draw, without drawing it: each column as wide as its widest line plus one
 * space either side, and a border between and around the columns.
 */
export function tableWidth(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): number {
  const widths = columns.map((c) => Math.max(...c.header.split('\n').map((l) => l.length)));
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (cell.length > (widths[i] ?? 0)) widths[i] = cell.length;
    });
  }
  return widths.reduce((t, w) => t + w + 2, 0) + widths.length + 1;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The widest line of a rendered text, in characters, ignoring colour codes. */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, line.replace(ANSI, '').length);
  return widest;
}
