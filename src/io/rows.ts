// The contract between table readers (CSV, Excel) and budgets validation: a reader turns its file into raw
// text cells with locations; one validator (src/io/budgets.ts) applies METHOD.md 1.1 to every source alike.
import type { Location, Problem, Warning } from '../errors.js';
import type { InputSource } from '../model/types.js';

export interface RawCell {
  /** the cell's text exactly as read (numbers from a workbook written as plain decimal text) */
  value: string;
  /** `budgets.csv:14:6`, or `{file: 'book.xlsx', cell: 'Budgets!F12'}` */
  loc: Location;
}

export interface RawRow {
  /** cells by column index, in header order; missing trailing cells are absent */
  cells: RawCell[];
  /** the row's own location (line, or first cell) for problems about the whole row */
  loc: Location;
  /** set by a reader that could not read this row at all (e.g. a broken quote); its cells are then ignored */
  problem?: Problem;
}

export interface RawTable {
  source: InputSource;
  header: RawCell[];
  rows: AsyncIterable<RawRow> | Iterable<RawRow>;
  /** reader warnings (e.g. an encoding guessed); may fill in while `rows` is read, copied into Budgets */
  warnings?: Warning[];
}
