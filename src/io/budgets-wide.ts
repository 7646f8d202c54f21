// Budgets kept with the years as columns, as finance teams keep them: a header `place, silo, service, stage
// [, agency]` and one column per year (`2025/26`, `2025-26` or `2025`), one row per budget line. Each row
// becomes the rows of the long layout, one for each year with an amount, located at the amount's own cell; the
// one validator (budgets-validate.ts) then reads them by the same rules as any budgets file, so both layouts give
// the same Budgets. An empty cell under a year means no row for that year (not given), as a missing row would.
import type { Problem } from '../errors.js';
import { yearLabel } from '../model/years.js';
import { parseYear } from './budget-cells.js';
import { raggedRowProblem, unreadableRow, type RawCell, type RawRow, type RawTable } from './rows.js';

/** A header meant as a year: it starts with a digit, or with FY (`2025/26`, `2025`, `FY2025`). */
export function looksLikeYear(name: string): boolean {
  return /^(?:fy\s*)?\d/i.test(name.trim());
}

/** The hint for a header whose layout cannot be told, naming both layouts. */
export const LAYOUTS_HINT =
  'A budgets header names place, year, silo, service, stage and amount (one row per line and year), or ' +
  'place, silo, service, stage and one column per year such as 2025/26 (one row per line); any order, any ' +
  'case; agency is optional.';

interface YearColumn {
  /** index in the file's header */
  at: number;
  cell: RawCell;
}

/**
 * The table in the long layout: unchanged when its header has a `year` or `amount` column (or no year
 * columns), otherwise one row per year with an amount. `problems` are the header's own (a column heading that
 * is not a year, a year twice, both layouts at once); the validator reports them before reading any row.
 */
export function yearsAsRows(table: RawTable): { table: RawTable; problems: Problem[] } {
  const names = table.header.map((c) => c.value.trim().toLowerCase());
  const long = names.includes('year') || names.includes('amount');
  const problems: Problem[] = [];
  const years: YearColumn[] = [];
  const seen = new Map<number, RawCell>();
  table.header.forEach((cell, at) => {
    const name = cell.value.trim();
    if (!looksLikeYear(name)) return;
    const year = parseYear(name);
    if (long) {
      if (year.ok) years.push({ at, cell });
      return;
    }
    if (!year.ok) {
      problems.push({ message: `the column heading ${year.message.replace(/^the year /, '')}`, loc: cell.loc, ...(year.hint ? { hint: year.hint } : {}) });
      return;
    }
    const before = seen.get(year.value);
    if (before) {
      problems.push({
        message: `the year ${yearLabel(year.value)} has two columns: "${before.value.trim()}" and "${name}"`,
        loc: cell.loc,
        hint: 'Each year may have one column of amounts: add the two into one column, or correct the heading.',
      });
      return;
    }
    seen.set(year.value, cell);
    years.push({ at, cell });
  });
  if (long) {
    if (years.length) {
      const both = names.includes('year') ? 'a "year" column' : 'an "amount" column';
      problems.push({
        message: `the header has ${both} and also years as columns (${years.map((y) => `"${y.cell.value.trim()}"`).join(', ')}): two layouts at once`,
        loc: years[0]!.cell.loc,
        hint: 'Use one layout: year and amount columns with one row per line and year, or one column per year with one row per line (and no year or amount column).',
      });
    }
    return { table, problems };
  }
  if (years.length === 0 && problems.length === 0) return { table, problems };
  return { table: wideTable(table, years), problems };
}

function wideTable(table: RawTable, years: YearColumn[]): RawTable {
  const isYear = new Set(years.map((y) => y.at));
  const keep = table.header.map((_, i) => i).filter((i) => !isYear.has(i));
  const width = table.header.length;
  const rowsOf = (batch: readonly RawRow[]): RawRow[] => {
    const out: RawRow[] = [];
    for (const row of batch) {
      if (row.problem) {
        out.push(row);
        continue;
      }
      const v = row.values;
      if (v.every((c) => c.trim() === '')) continue;
      if (v.length !== width) {
        out.push(unreadableRow(row.loc, raggedRowProblem(v.length, width, row.loc)));
        continue;
      }
      const base = keep.map((i) => v[i]!);
      const loc = row.loc; // one object for every year of the row: the validator tells a row's years by it
      let continues = false;
      for (const y of years) {
        const amount = v[y.at]!;
        if (amount.trim() === '') continue; // not given for this year, as a missing row would be
        out.push({
          values: [...base, y.cell.value, amount],
          cellLoc: (i) => (i < keep.length ? row.cellLoc(keep[i]!) : i === keep.length ? y.cell.loc : row.cellLoc(y.at)),
          loc,
          ...(row.line !== undefined ? { line: row.line } : {}),
          ...(continues ? { continues } : {}),
        });
        continues = true;
      }
    }
    return out;
  };
  const source = table.batches;
  async function* batches(): AsyncGenerator<RawRow[]> {
    for await (const batch of source) {
      const rows = rowsOf(batch);
      if (rows.length) yield rows;
    }
  }
  return { ...table, header: keep.map((i) => table.header[i]!), batches: batches(), yearsAsColumns: true };
}
