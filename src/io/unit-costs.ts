// Unit-cost libraries (docs/method.md, "Prices and unit costs"): the GMCA Unit Cost Database workbook as it is
// published, or the tool's own unit-cost CSV, read into one UnitCostLibrary (src/model/unit-costs.ts). Every
// problem is collected and thrown together as one InputError (exit 65), each at its cell or line.
//
// The workbook's untidiness is accepted as it comes: formula cells give their saved value, an empty, zero or
// non-numeric value cell is "no value" for that kind, numbers stored as text ("£9,234") are numbers, and
// spacer and section rows (no code) are skipped. Its "updated" columns, uprated by the workbook's own table,
// are never read: values are taken at their price year and converted with the tool's deflators.
import type { Worksheet } from 'exceljs';
import { D } from '../decimal.js';
import { InputError, ProblemList, suggest, type Location } from '../errors.js';
import type { InputSource } from '../model/types.js';
import {
  CONFIDENCES,
  VALUE_KINDS,
  unitCostLibrary,
  type Confidence,
  type UnitCostEntry,
  type UnitCostLibrary,
  type UnitCostValue,
  type ValueKind,
} from '../model/unit-costs.js';
import { parseYear, type Parsed } from './budget-cells.js';
import { csvTable } from './budgets-csv.js';
import { looksLikeZip, readInputBytes, utf8FromBytes, type InputIo } from './input.js';
import type { RawTable } from './rows.js';
import { checkTable, TableCheck } from './tables.js';
import { loadWorkbook, readValue, sheetRef } from './xlsx.js';

export {
  findUnitCost,
  resolveUnitCost,
  unitCostValue,
  VALUE_KINDS,
  type ResolvedUnitCost,
  type UnitCostEntry,
  type UnitCostLibrary,
  type UnitCostRef,
  type UnitCostValue,
  type ValueKind,
} from '../model/unit-costs.js';

/** The bundled library, as an input argument (the default of `placepool costs`). */
export const BUNDLED_UNIT_COSTS = 'bundled:unit-costs.csv';

/**
 * Read a unit-cost library: a path, `-` for stdin, or `bundled:unit-costs.csv`. A workbook (a name ending
 * .xlsx, or bytes that are a ZIP archive) is read as the Unit Cost Database; anything else as the tool's CSV.
 * Opening problems are FileOpenError (66); problems in the file, InputError (65) at their cell or line.
 */
export async function loadUnitCostLibrary(arg: string, io: InputIo): Promise<UnitCostLibrary> {
  const { source, bytes } = await readInputBytes(arg, io, 'unit-cost library');
  if (/\.xls[xm]?$/i.test(arg) || looksLikeZip(bytes)) return readUcdWorkbook(bytes, source);
  return unitCostsFromRows(await csvTable(utf8FromBytes(bytes, source), 'unit-cost'));
}

// ---------------------------------------------------------------------------------------------------------
// Cells

const PLAIN = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^-?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** A number as a spreadsheet or a person writes it: `9234`, ` 9234 `, `9,234`, `£9,234.50`; undefined for anything else. */
export function moneyText(text: string): D | undefined {
  const s = text.trim().replace(/^(-?)\s*£\s*/, '$1');
  if (PLAIN.test(s)) return new D(s);
  if (GROUPED.test(s)) return new D(s.replace(/,/g, ''));
  return undefined;
}

/** A price year as written: a budgets year (2012, 2012/13, 2012-13), or 2012/2013 as some sheets write it. */
function priceYear(text: string): Parsed<number> {
  const m = /^\s*(\d{4})\s*[/-]\s*(\d{4})\s*$/.exec(text);
  if (m && Number(m[2]) === Number(m[1]) + 1) return parseYear(m[1]!);
  return parseYear(text);
}

function confidenceOf(text: string): Confidence | undefined | null {
  const s = text.trim().toUpperCase();
  if (s === '') return undefined;
  const word = { GREEN: 'G', AMBER: 'A', RED: 'R' }[s] ?? s;
  return (CONFIDENCES as readonly string[]).includes(word) ? (word as Confidence) : null;
}

// ---------------------------------------------------------------------------------------------------------
// The Unit Cost Database workbook

/** The published data sheets; a sheet of another name counts when its header names a cost code in column C. */
const DATA_SHEETS = ['Crime', 'Education & Skills', 'Employment & Economy', 'Fire', 'Health', 'Housing', 'Social Services'];
/** Sheets of the published workbook that hold no entries, whatever their headers say. */
const OTHER_SHEETS = /^(introduction|guidance|lookups?|.*\blog)$/i;
/** Rows 1 and 2 are the header; entries start on row 3. */
const FIRST_ROW = 3;
/** Columns (1-based): A category, B detail, C code, D description, E unit, F agency, G agency level 2, Q source, R RAG, S comment. */
const COL = { category: 1, detail: 2, code: 3, description: 4, unit: 5, agency: 6, agency2: 7, source: 17, rag: 18, comment: 19 } as const;
/** Each kind's value and price-year columns: H/I, K/L, N/O (J, M and P, the workbook's own uprating, are never read). */
const VALUE_COLS: Record<ValueKind, { amount: number; year: number }> = {
  fiscal: { amount: 8, year: 9 },
  economic: { amount: 11, year: 12 },
  social: { amount: 14, year: 15 },
};
const TOO_LARGE_HINT = 'The Unit Cost Database is a few megabytes: check that this is the right file, or save the entries you need as a unit-cost CSV.';

/** The Unit Cost Database workbook (or one laid out like it) from its bytes. */
export async function readUcdWorkbook(bytes: Buffer, source: InputSource): Promise<UnitCostLibrary> {
  const file = source.name;
  const wb = await loadWorkbook(bytes, file, TOO_LARGE_HINT);
  const sheets = wb.worksheets.filter(isDataSheet);
  if (sheets.length === 0) {
    const names = wb.worksheets.map((s) => `"${s.name}"`).join(', ') || 'none';
    throw new InputError({
      message: 'the workbook has no unit-cost data sheets',
      loc: { file },
      hint: `A Unit Cost Database workbook has data sheets such as ${DATA_SHEETS.slice(0, 3).join(', ')}, each with a two-row header naming the cost code in column C and entries from row 3. Its sheets are: ${names}.`,
    });
  }
  const problems = new ProblemList(100);
  const entries: UnitCostEntry[] = [];
  const seen = new Map<string, Location>();
  for (const ws of sheets) readSheet(ws, file, problems, entries, seen);
  problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} problems in ${file}`);
  return unitCostLibrary(source, 'ucd-workbook', entries);
}

function textOf(ws: Worksheet, row: number, col: number, yearColumn = false): string {
  const cell = ws.getRow(row).getCell(col);
  const read = readValue(cell.value, yearColumn, cell.numFmt);
  return 'text' in read ? read.text : '';
}

function isDataSheet(ws: Worksheet): boolean {
  const name = ws.name.trim();
  if (DATA_SHEETS.includes(name)) return true;
  if (OTHER_SHEETS.test(name)) return false;
  return [1, 2].some((r) => /\bcost\s*code\b/i.test(textOf(ws, r, COL.code)));
}

function readSheet(ws: Worksheet, file: string, problems: ProblemList, entries: UnitCostEntry[], seen: Map<string, Location>): void {
  const ref = sheetRef(ws.name);
  const at = (col: number, row: number): Location => ({ file, cell: `${ref}!${String.fromCharCode(64 + col)}${row}` });
  let category = '';
  ws.eachRow({ includeEmpty: false }, (_row, r) => {
    if (r < FIRST_ROW) return;
    const text = (col: number): string => textOf(ws, r, col).trim();
    if (text(COL.category) !== '') category = text(COL.category);
    const code = text(COL.code);
    if (code === '') return; // a spacer or section row
    const loc = at(COL.code, r);
    const before = seen.get(code);
    if (before) {
      problems.add({
        message: `the cost code ${code} is given twice: also at ${before.cell ?? '?'}`,
        loc,
        hint: 'Codes must be unique across the workbook: correct or remove one of the rows.',
      });
      return;
    }
    seen.set(code, loc);
    const values: Partial<Record<ValueKind, UnitCostValue>> = {};
    for (const kind of VALUE_KINDS) {
      const cols = VALUE_COLS[kind];
      const amount = moneyText(text(cols.amount));
      if (amount === undefined || amount.isZero()) continue; // no value of this kind
      const yearText = textOf(ws, r, cols.year, true).trim();
      const year = priceYear(yearText);
      if (!year.ok) {
        problems.add({
          message: `the ${kind} value of ${code} has no readable price year (${yearText === '' ? 'the cell is empty' : `"${yearText}"`})`,
          loc: at(cols.year, r),
          hint: 'Write the price year of the estimate beside it, e.g. 2012/13.',
        });
        continue;
      }
      values[kind] = { amount, priceYear: year.value, loc: at(cols.amount, r) };
    }
    const confidence = confidenceOf(text(COL.rag));
    entries.push({
      code,
      category: category || ws.name.trim(),
      detail: text(COL.detail),
      description: textOf(ws, r, COL.description).trim(),
      unit: text(COL.unit),
      agency: text(COL.agency),
      agencyLevel2: text(COL.agency2),
      values,
      ...(confidence ? { confidence } : {}),
      source: text(COL.source),
      comment: text(COL.comment),
      loc,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// The tool's unit-cost CSV

/** The columns of a unit-cost CSV file: one row per entry and kind. */
export const REQUIRED_COLUMNS = ['code', 'description', 'kind', 'amount', 'price_year'] as const;
export const OPTIONAL_COLUMNS = ['unit', 'agency', 'confidence', 'source', 'category', 'detail', 'agency_level_2', 'comment'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
/** The text columns of an entry: its first row's, which later rows of the code may leave empty or repeat. */
const TEXT_COLUMNS = ['description', 'unit', 'agency', 'confidence', 'source', 'category', 'detail', 'agency_level_2', 'comment'] as const;
/** Columns whose different texts on an entry's rows are all kept (joined with "; "), e.g. a source per kind. */
const JOINED_COLUMNS: ReadonlySet<string> = new Set(['source', 'comment']);
const CSV_HINT = `A unit-cost CSV has a header naming the columns ${REQUIRED_COLUMNS.join(', ')} (and optionally ${OPTIONAL_COLUMNS.join(', ')}), then one row per entry and kind.`;

interface Building {
  code: string;
  text: Partial<Record<(typeof TEXT_COLUMNS)[number], { value: string; line: number }>>;
  values: Partial<Record<ValueKind, UnitCostValue & { line: number }>>;
  loc: Location;
}

/** The one validator of unit-cost CSV files, from the raw table of the CSV reader. */
export async function unitCostsFromRows(table: RawTable): Promise<UnitCostLibrary> {
  return checkTable(table, () => validateCsv(new TableCheck(table, 'unit-cost', CSV_HINT)));
}

async function validateCsv(check: TableCheck): Promise<UnitCostLibrary> {
  const { problems, table, file } = check;
  const index = await check.columns(ALL_COLUMNS, REQUIRED_COLUMNS);

  const building = new Map<string, Building>();
  for await (const row of check.rows()) {
    const v = row.values;
    const cell = (c: Column): string => (index.has(c) ? (v[index.get(c)!] ?? '').trim() : '');
    const locOf = (c: Column): Location => row.cellLoc(index.get(c)!);
    const line = row.line ?? row.loc.line ?? 0;
    const before = problems.size;
    const code = cell('code');
    if (code === '') problems.add({ message: 'the code is empty', loc: locOf('code'), hint: 'Give every entry a code, e.g. PP.GP1 (a local code) or the Unit Cost Database code.' });
    const kindText = cell('kind').toLowerCase();
    const kind = (VALUE_KINDS as readonly string[]).includes(kindText) ? (kindText as ValueKind) : undefined;
    if (kind === undefined) {
      const near = suggest(kindText, VALUE_KINDS);
      problems.add({
        message: kindText === '' ? 'the kind is empty' : `unknown kind "${cell('kind')}"${near ? `; did you mean ${near}?` : ''}`,
        loc: locOf('kind'),
        hint: 'The kind of a value is fiscal (to the public purse), economic or social.',
      });
    }
    const amount = moneyText(cell('amount'));
    if (amount === undefined || !amount.greaterThan(0) || !amount.isFinite()) {
      problems.add({
        message: cell('amount') === '' ? 'the amount is empty' : `the amount "${cell('amount')}" is not a positive number`,
        loc: locOf('amount'),
        hint: 'Write the published amount in pounds, e.g. 9234, 9234.50 or £9,234.50, in the prices of its price_year.',
      });
    }
    const year = priceYear(cell('price_year'));
    if (!year.ok) problems.add({ message: year.message.replace(/^the year/, 'the price year'), loc: locOf('price_year'), ...(year.hint ? { hint: year.hint } : {}) });
    if (index.has('confidence') && confidenceOf(cell('confidence')) === null) {
      problems.add({ message: `the confidence "${cell('confidence')}" is not G, A or R`, loc: locOf('confidence'), hint: 'Write G (green), A (amber) or R (red), or leave it empty.' });
    }
    if (problems.size > before || kind === undefined || amount === undefined || !year.ok) continue;

    let entry = building.get(code);
    if (!entry) building.set(code, (entry = { code, text: {}, values: {}, loc: { file, line } }));
    const twice = entry.values[kind];
    if (twice) {
      problems.add({
        message: `${code} has two ${kind} values: also on line ${twice.line}`,
        loc: row.loc,
        hint: 'Give each entry one row per kind: remove one of the rows, or correct its code or kind.',
      });
      continue;
    }
    for (const c of TEXT_COLUMNS) {
      const t = cell(c);
      if (t === '') continue;
      const first = entry.text[c];
      if (!first) entry.text[c] = { value: t, line };
      else if (JOINED_COLUMNS.has(c)) {
        if (!first.value.split('; ').includes(t)) first.value += `; ${t}`;
      } else if (first.value !== t) {
        problems.add({
          message: `the ${c} of ${code} differs from line ${first.line}'s`,
          loc: locOf(c),
          hint: `An entry's rows (one per kind) share its ${c}: write it the same on each row, or only on the first.`,
        });
      }
    }
    entry.values[kind] = { amount, priceYear: year.value, loc: locOf('amount'), line };
  }
  check.throwIfAny();
  if (building.size === 0) {
    throw new InputError({ message: 'the unit-cost file has a header but no entries', loc: check.headerLoc, hint: CSV_HINT });
  }
  const entries = [...building.values()].map((b): UnitCostEntry => {
    const t = (c: (typeof TEXT_COLUMNS)[number]): string => b.text[c]?.value ?? '';
    const confidence = confidenceOf(t('confidence'));
    const values: Partial<Record<ValueKind, UnitCostValue>> = {};
    for (const k of VALUE_KINDS) {
      const v = b.values[k];
      if (v) values[k] = { amount: v.amount, priceYear: v.priceYear, loc: v.loc };
    }
    return {
      code: b.code,
      category: t('category'),
      detail: t('detail'),
      description: t('description'),
      unit: t('unit'),
      agency: t('agency'),
      agencyLevel2: t('agency_level_2'),
      values,
      ...(confidence ? { confidence } : {}),
      source: t('source'),
      comment: t('comment'),
      loc: b.loc,
    };
  });
  return unitCostLibrary(table.source, 'csv', entries, table.warnings ?? []);
}

