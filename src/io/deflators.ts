// Deflator series: the bundled HM Treasury GDP deflator (fixtures/data/gdp-deflators.csv), or a user's own
// file in the same two columns, read into a PriceIndex (src/model/prices.ts) with every problem located at its
// cell. docs/method.md, "Prices and unit costs" describes the file and the calendar-year approximation.
import { D } from '../decimal.js';
import { InputError, type Location } from '../errors.js';
import { priceIndex, type PriceIndex } from '../model/prices.js';
import { yearLabel } from '../model/years.js';
import { parseYear } from './budget-cells.js';
import { readCsvTable } from './budgets-csv.js';
import type { InputIo } from './input.js';
import type { RawTable } from './rows.js';
import { checkTable, TableCheck } from './tables.js';

/** The bundled series, as an input argument. */
export const BUNDLED_DEFLATORS = 'bundled:gdp-deflators.csv';

/** What users are told the bundled series is. */
export const BUNDLED_DEFLATORS_NAME = 'HM Treasury GDP deflator at market prices, December 2025 (calendar years, 2024 = 100)';

/** The approximation the bundled series makes, stated wherever it is used. */
export const BUNDLED_DEFLATORS_NOTE = 'financial year Y/Y+1 takes calendar year Y\'s index';

const COLUMNS = ['year', 'index'] as const;
const FORMAT_HINT = 'A deflators file is CSV with a header row naming the columns year and index, then one row a year, e.g. 2024,100 (year written 2024, 2024/25 or 2024-25).';
const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The bundled GDP deflator series. */
export async function bundledDeflators(io: InputIo): Promise<PriceIndex> {
  return deflatorsFromRows(await readCsvTable(BUNDLED_DEFLATORS, io, 'deflators'), BUNDLED_DEFLATORS_NAME, BUNDLED_DEFLATORS_NOTE);
}

/**
 * A deflators file (a path, `-` for stdin, `bundled:gdp-deflators.csv`): CSV with the columns `year,index`
 * (header any case; other columns ignored). Every problem (a bad year or index, a year twice, a gap, an empty
 * file) is an InputError (exit 65) at its line and column; a file that cannot be opened, FileOpenError (66).
 */
export async function readDeflators(arg: string, io: InputIo): Promise<PriceIndex> {
  if (arg === BUNDLED_DEFLATORS) return bundledDeflators(io);
  return deflatorsFromRows(await readCsvTable(arg, io, 'deflators'), `deflators from ${arg}`);
}

/** The one validator of deflators files, from the raw table of any CSV reader. */
export async function deflatorsFromRows(table: RawTable, name: string, note?: string): Promise<PriceIndex> {
  return checkTable(table, () => validate(new TableCheck(table, 'deflators', FORMAT_HINT), name, note));
}

async function validate(check: TableCheck, name: string, note: string | undefined): Promise<PriceIndex> {
  const { problems, table } = check;
  const at = await check.columns(COLUMNS, COLUMNS);
  const yearAt = at.get('year')!;
  const indexAt = at.get('index')!;

  const byYear = new Map<number, { value: D; loc: Location }>();
  for await (const row of check.rows()) {
    const v = row.values;
    const year = parseYear(v[yearAt] ?? '');
    const indexText = (v[indexAt] ?? '').trim();
    if (!year.ok) problems.add({ message: year.message, loc: row.cellLoc(yearAt), ...(year.hint ? { hint: year.hint } : {}) });
    let value: D | undefined;
    if (indexText === '') problems.add({ message: 'the index is empty', loc: row.cellLoc(indexAt), hint: 'Write the index of the year as a positive number, e.g. 71.9294.' });
    else if (!PLAIN.test(indexText) || !new D(indexText).greaterThan(0) || !new D(indexText).isFinite()) {
      problems.add({ message: `the index "${indexText}" is not a positive number`, loc: row.cellLoc(indexAt), hint: 'Write the index of the year as a positive number, e.g. 71.9294 (a point for decimals, no % sign).' });
    } else value = new D(indexText);
    if (!year.ok || value === undefined) continue;
    const before = byYear.get(year.value);
    if (before) {
      problems.add({
        message: `${yearLabel(year.value)} is given twice: also on line ${before.loc.line ?? '?'}`,
        loc: row.cellLoc(yearAt),
        hint: 'Give each year once: remove one of the rows, or correct its year.',
      });
      continue;
    }
    byYear.set(year.value, { value, loc: row.cellLoc(yearAt) });
  }
  check.throwIfAny();
  if (byYear.size === 0) {
    throw new InputError({ message: 'the deflators file has a header but no years', loc: check.headerLoc, hint: FORMAT_HINT });
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  for (let i = 1; i < years.length; i++) {
    if (years[i]! !== years[i - 1]! + 1) {
      const missing = years[i - 1]! + 1;
      problems.add({
        message: `the series has no index for ${yearLabel(missing)}${years[i]! - 1 > missing ? ` to ${yearLabel(years[i]! - 1)}` : ''}: it goes from ${yearLabel(years[i - 1]!)} to ${yearLabel(years[i]!)}`,
        loc: byYear.get(years[i]!)!.loc,
        hint: 'Give every year from the first to the last: a conversion needs the index of each year it uses.',
      });
    }
  }
  check.throwIfAny();
  return priceIndex(
    name,
    years.map((y) => [y, byYear.get(y)!.value] as const),
    { source: table.source, ...(note ? { note } : {}) },
  );
}
