// Budgets from an Excel workbook (`BUDGETS` may be `book.xlsx` or `book.xlsx#Sheet name`). The sheet becomes
// the same raw text table a CSV file does, each cell located as `Budgets!F12`, and the one validator
// (src/io/budgets-validate.ts) applies the same rules to it. exceljs is loaded only when a workbook is read.
import { createHash } from 'node:crypto';
import type { Cell, Worksheet } from 'exceljs';
import { InputError, ProblemList, suggest, type Location, type Problem } from '../errors.js';
import type { Budgets, InputSource } from '../model/types.js';
import { budgetsFromRows } from './budgets-validate.js';
import { looksLikeYear } from './budgets-wide.js';
import { readInputBytes, type InputIo } from './input.js';
import { loadWorkbook, readValue, sheetRef, type CellProblem, type Workbook } from './xlsx.js';
import type { RawCell, RawRow, RawTable } from './rows.js';
import { splitXlsxArg, type XlsxArg } from './args.js';

export { splitXlsxArg, type XlsxArg };
export { sheetRef } from './xlsx.js';

/** The columns of a budgets file (README.md, "Budgets"); problems in other columns' cells are not ours to report. */
const BUDGET_COLUMNS = new Set(['place', 'year', 'silo', 'service', 'stage', 'amount', 'agency']);

/** What to do with a budgets workbook too large to open. */
const TOO_LARGE_HINT = 'Save the budgets sheet as "CSV UTF-8": placepool reads CSV files of up to 128 MB.';

/** How many leading non-empty rows may be titles above the header. */
const HEADER_SEARCH_ROWS = 20;

/** Budgets read from a workbook's sheet and validated like any budgets file. */
export async function readBudgetsXlsx(arg: string, io: InputIo): Promise<Budgets> {
  return budgetsFromRows(await readXlsxTable(arg, io));
}

/**
 * The raw text table of a workbook's sheet (the first visible worksheet, or the one named after `#`). The
 * bytes are read whole (`-` is stdin, `example:NAME` a bundled file); opening problems are FileOpenError (66).
 */
export async function readXlsxTable(arg: string, io: InputIo): Promise<RawTable> {
  const { file, sheet } = splitXlsxArg(arg);
  // readInputBytes hashes the bytes as it reads them; that digest is the one recorded, not a second hash
  const { source, bytes } = await readInputBytes(file, io, 'budgets');
  return xlsxToRawTable(bytes, {
    name: sheet === undefined ? source.name : `${source.name}#${sheet}`,
    file: source.name,
    ...(sheet === undefined ? {} : { sheet }),
    sha256: source.sha256,
  });
}

export interface XlsxSource {
  /** the name shown to users and recorded in provenance, e.g. `book.xlsx#Budgets` */
  name: string;
  /** the file part, used in cell locations (`book.xlsx#Budgets!F12`) */
  file: string;
  /** exact sheet name; the first visible worksheet when absent */
  sheet?: string;
  /** the hex SHA-256 of the workbook's bytes when the reader already has it; computed from the bytes otherwise */
  sha256?: string;
}

/** Turn a workbook's bytes into the raw table of one sheet. */
export async function xlsxToRawTable(bytes: Buffer, src: XlsxSource): Promise<RawTable> {
  const source: InputSource = { name: src.name, sha256: src.sha256 ?? createHash('sha256').update(bytes).digest('hex') };
  const ws = pickSheet(await loadWorkbook(bytes, src.file, TOO_LARGE_HINT), src);
  return sheetToRawTable(ws, source, src.file);
}

function pickSheet(wb: Workbook, src: XlsxSource): Worksheet {
  const sheets = wb.worksheets;
  const names = sheets.map((s) => s.name);
  if (sheets.length === 0) {
    throw new InputError([{ message: 'the workbook has no worksheets', loc: { file: src.file }, hint: 'Put the budgets table on a worksheet.' }]);
  }
  if (src.sheet === undefined) return sheets.find((s) => s.state === 'visible' || s.state === undefined) ?? sheets[0]!;
  const found = sheets.find((s) => s.name === src.sheet);
  if (found) return found;
  const close = suggest(src.sheet, names);
  const list = names.map((n) => `"${n}"`).join(', ');
  throw new InputError([
    {
      message: src.sheet === '' ? 'no sheet name after "#"' : `the workbook has no sheet named "${src.sheet}"`,
      loc: { file: src.file },
      hint: `${close !== undefined && src.sheet !== '' ? `Did you mean "${close}"? ` : ''}The sheets are: ${list}. Write ${src.file === '<stdin>' ? '-' : src.file}#<sheet name> exactly, or leave out "#..." for the first sheet.`,
    },
  ]);
}

/**
 * The raw table of one worksheet: the header is the first non-empty row (after any title rows), its first to
 * last non-empty cell giving the columns; rows above it are ignored and empty rows skipped. A data cell that cannot be read (an error value, a formula never
 * calculated, a date in the year column that is not a year) becomes the row's problem, reported with the
 * validator's own; such cells in columns that are not budgets columns are passed on as text and ignored.
 */
export function sheetToRawTable(ws: Worksheet, source: InputSource, file: string): RawTable {
  const ref = sheetRef(ws.name);
  const at = (address: string): Location => ({ file, cell: `${ref}!${address}` });
  const problemOf = (cell: Cell, r: CellProblem): Problem => ({ message: r.problem, loc: at(cell.address), hint: r.hint });
  const fallback = (cell: Cell): string => {
    const v = cell.value as { error?: unknown } | null;
    return typeof v === 'object' && v !== null && typeof v.error === 'string' ? v.error : '';
  };

  // The header is the first non-empty row, unless title rows come first: then the first of the leading
  // non-empty rows that names at least two budgets columns (a title like "Lambeth budgets 2025/26" does not).
  const candidates: { r: number; first: number; last: number; names: number }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (candidates.length >= HEADER_SEARCH_ROWS) return;
    let first = 0;
    let last = 0;
    let names = 0;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const read = readValue(cell.value, false, cell.numFmt);
      if ('text' in read && read.text.trim() === '') return;
      if ('text' in read && BUDGET_COLUMNS.has(read.text.trim().toLowerCase())) names++;
      if (!first || col < first) first = col;
      if (col > last) last = col;
    });
    if (first) candidates.push({ r, first, last, names });
  });
  const chosen = candidates.find((c) => c.names >= 2) ?? candidates[0];
  const headerRow = chosen?.r ?? 0;
  const first = chosen?.first ?? 0;
  const last = chosen?.last ?? 0;
  if (!headerRow) {
    throw new InputError({
      message: `sheet ${ws.name} is empty`,
      loc: { file, cell: `${ref}!A1` },
      hint: 'Put the budgets table (a header row, then one row per budget line) on this sheet, or name another with #Sheet.',
    });
  }

  const header: RawCell[] = [];
  const roles: { year: boolean; known: boolean }[] = [];
  const headerProblems = new ProblemList();
  const headRow = ws.getRow(headerRow);
  for (let col = first; col <= last; col++) {
    const cell = headRow.getCell(col);
    const read = readValue(cell.value, false, cell.numFmt);
    if ('problem' in read) headerProblems.add(problemOf(cell, read));
    const text = 'text' in read ? read.text : fallback(cell);
    const name = text.trim().toLowerCase();
    header.push({ value: text, loc: at(cell.address) });
    // a year column (the years as columns, budgets-wide.ts) holds amounts: its cells are read as the amount column's
    roles.push({ year: name === 'year', known: BUDGET_COLUMNS.has(name) || looksLikeYear(name) });
  }
  headerProblems.throwIfAny(`${headerProblems.size} header cells of ${source.name} cannot be read`);

  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= headerRow) return;
    const values: string[] = [];
    const locs: Location[] = [];
    let problem: Problem | undefined;
    let any = false;
    for (let col = first; col <= last; col++) {
      const cell = row.getCell(col);
      const role = roles[col - first]!;
      const read = readValue(cell.value, role.year, cell.numFmt);
      let text: string;
      if ('text' in read) text = read.text;
      else {
        text = fallback(cell);
        if (role.known) {
          problem ??= problemOf(cell, read);
          any = true;
        }
      }
      if (text.trim() !== '') any = true;
      values.push(text);
      locs.push(at(cell.address));
    }
    if (!any) return;
    const loc: Location = { ...at(row.getCell(first).address), line: r };
    rows.push({ values, cellLoc: (i) => locs[i] ?? loc, loc, ...(problem ? { problem } : {}) });
  });
  return { source, header, batches: [rows] };
}
