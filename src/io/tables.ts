// Checking the small tables the tool reads beside budgets (deflators, unit-cost CSV files): the empty file,
// the header's columns and the rows after it, with every problem collected and thrown together as one
// InputError (exit 65), each at its line and column. The budgets validator has its own, faster loop.
import { InputError, ProblemList, suggest, type Location } from '../errors.js';
import type { RawRow, RawTable } from './rows.js';

export class TableCheck {
  readonly problems = new ProblemList(100);
  readonly file: string;
  constructor(
    readonly table: RawTable,
    /** `deflators`, `unit-cost`: how messages name the file */
    readonly what: string,
    /** what the file should hold, for the hints of the empty file and the header */
    readonly formatHint: string,
  ) {
    this.file = table.source.name;
  }

  /** Throw every problem found so far, as one error. */
  throwIfAny(): void {
    this.problems.throwIfAny(this.problems.size === 1 ? undefined : `${this.problems.size} problems in ${this.file}`);
  }

  /** The header row's location (its line, no column). */
  get headerLoc(): Location {
    const loc: Location = { ...(this.table.header[0]?.loc ?? { file: this.file }) };
    delete loc.column;
    return loc;
  }

  /**
   * The position of each known column in the header (names matched case-insensitively after trimming); a
   * column named twice or a required one missing is thrown. Other columns are ignored.
   */
  async columns<C extends string>(known: readonly C[], required: readonly C[]): Promise<Map<C, number>> {
    const header = this.table.header;
    if (header.length === 0 || header.every((c) => c.value.trim() === '')) {
      // the reader's own problems (an unclosed quote) come first
      for await (const batch of this.table.batches) for (const row of batch) if (row.problem) this.problems.add(row.problem);
      this.throwIfAny();
      throw new InputError({ message: `the ${this.what} file is empty`, loc: { file: this.file }, hint: this.formatHint });
    }
    const index = new Map<C, number>();
    header.forEach((cell, i) => {
      const name = cell.value.trim().toLowerCase() as C;
      if (!known.includes(name)) return;
      if (index.has(name)) this.problems.add({ message: `the column "${name}" appears twice in the header`, loc: cell.loc, hint: 'Rename or remove one of them.' });
      else index.set(name, i);
    });
    const found = header.map((c) => c.value.trim()).filter((n) => n !== '');
    for (const col of required) {
      if (index.has(col)) continue;
      const near = found.find((n) => suggest(n, [col]) !== undefined);
      this.problems.add({
        message: `the header has no "${col}" column${near !== undefined ? `; did you mean "${near}"?` : ''}`,
        loc: this.headerLoc,
        hint: `${this.formatHint} Found: ${found.map((n) => `"${n}"`).join(', ') || 'nothing'}.`,
      });
    }
    this.throwIfAny();
    return index;
  }

  /** The rows after the header that are not blank; a row the reader could not read is added as a problem. */
  async *rows(): AsyncGenerator<RawRow> {
    for await (const batch of this.table.batches) {
      for (const row of batch) {
        if (row.problem) this.problems.add(row.problem);
        else if (!row.values.every((c) => c.trim() === '')) yield row;
      }
    }
  }
}

/** Check a table with `check`, releasing its source (an open file) whatever happens. */
export async function checkTable<T>(table: RawTable, check: (t: RawTable) => Promise<T>): Promise<T> {
  try {
    return await check(table);
  } finally {
    await table.close?.();
  }
}
