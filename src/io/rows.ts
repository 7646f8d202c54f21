// The contract between table readers (CSV, Excel) and budgets validation: a reader turns its file into rows of
// raw text cells; one validator (src/io/budgets-validate.ts) applies the same rules to every source. Rows come in
// batches (a CSV reader hands over what it has parsed from each chunk of the file), and a cell's location is
// made only when a problem needs it: a national file has millions of cells and almost never a problem.
import type { Location, Problem, Warning } from '../errors.js';
import type { InputSource } from '../model/types.js';
import { count } from '../words.js';

export interface RawCell {
  /** the cell's text exactly as read (numbers from a workbook written as plain decimal text) */
  value: string;
  /** `budgets.csv:14:6`, or `{file: 'book.xlsx', cell: 'Budgets!F12'}` */
  loc: Location;
}

export interface RawRow {
  /** the cells' text by column index, in header order; missing trailing cells are absent */
  readonly values: readonly string[];
  /** the location of the cell in column `i` (0-based) */
  cellLoc(i: number): Location;
  /** the row's own location (line, or first cell) for problems about the whole row */
  readonly loc: Location;
  /**
   * set when the row's location is just a line of the table's file (`{file: source.name, line}`), as in a CSV
   * file: a budget line then keeps the number and makes its location when asked
   */
  readonly line?: number;
  /** set by a reader that could not read this row at all (e.g. a broken quote); its values are then ignored */
  readonly problem?: Problem;
  /**
   * set on a further year of one row of a table with the years as columns (budgets-wide.ts): its cells other
   * than the year and amount were checked with the row's first year, so their problems are not repeated
   */
  readonly continues?: boolean;
}

export interface RawTable {
  source: InputSource;
  header: RawCell[];
  /** the rows after the header, in order, in batches of any size */
  batches: AsyncIterable<readonly RawRow[]> | Iterable<readonly RawRow[]>;
  /** reader warnings (e.g. an encoding guessed); may fill in while `batches` is read, copied into Budgets */
  warnings?: Warning[];
  /** release the source (an open file) if `batches` was not read to the end: the validator always calls it */
  close?(): Promise<void>;
  /**
   * set when the file has the years as columns (budgets-wide.ts): `header` then holds its other columns, and
   * each row's values end with the year (its column's heading) and the amount
   */
  yearsAsColumns?: boolean;
}

/** A row a reader could not read at all: no values, its location and the problem. */
export function unreadableRow(loc: Location, problem: Problem): RawRow {
  return { values: [], cellLoc: () => loc, loc, problem };
}

/** A row with more or fewer cells than the header. */
export function raggedRowProblem(cells: number, width: number, loc: Location): Problem {
  return {
    message: `this row has ${count(cells, 'cell')} but the header has ${width}`,
    loc,
    hint: 'Each row needs one cell per header column. Check for a missing or extra comma, or a comma inside an unquoted name (quote it: "Care, residential").',
  };
}
