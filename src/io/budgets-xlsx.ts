// Budgets from an Excel workbook (`BUDGETS` may be `book.xlsx` or `book.xlsx#Sheet name`). The sheet becomes
// the same raw text table a CSV file does, each cell located as `Budgets!F12`, and the one validator
// (src/io/budgets-validate.ts) applies the same rules to it. exceljs is loaded only when a workbook is read.
import { createHash } from 'node:crypto';
import type { Cell, CellValue, Worksheet } from 'exceljs';
import { numberText } from '../excel-numbers.js';
import { InputError, ProblemList, suggest, type Location, type Problem } from '../errors.js';
import type { Budgets, InputSource } from '../model/types.js';
import { budgetsFromRows } from './budgets-validate.js';
import { looksLikeZip, readInputBytes, type InputIo } from './input.js';
import type { RawCell, RawRow, RawTable } from './rows.js';
import { splitXlsxArg, type XlsxArg } from './args.js';

export { splitXlsxArg, type XlsxArg };

/** The columns of a budgets file (METHOD.md 1.1); problems in other columns' cells are not ours to report. */
const BUDGET_COLUMNS = new Set(['place', 'year', 'silo', 'service', 'stage', 'amount', 'agency']);

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
  const ws = pickSheet(await loadWorkbook(bytes, src.file), src);
  return sheetToRawTable(ws, source, src.file);
}

type Workbook = import('exceljs').Workbook;

async function loadWorkbook(bytes: Buffer, file: string): Promise<Workbook> {
  const notXlsx = (why: string, hint: string): InputError => new InputError([{ message: `not a readable Excel workbook: ${why}`, loc: { file }, hint }]);
  if (bytes.length === 0) throw notXlsx('the file is empty', 'Give an .xlsx workbook saved by Excel, LibreOffice or another spreadsheet.');
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw notXlsx(
      'it is an old-style .xls workbook, or a password-protected one',
      'Open it in your spreadsheet and save it as "Excel Workbook (.xlsx)" without a password, or export the sheet as CSV.',
    );
  }
  if (!looksLikeZip(bytes)) {
    throw notXlsx('it is not a ZIP-based .xlsx file', 'If it is a CSV file, name it .csv; otherwise save it from your spreadsheet as .xlsx.');
  }
  const unpacked = unpackedSize(bytes);
  if (unpacked !== undefined && unpacked > MAX_UNPACKED_BYTES) {
    throw new InputError([
      {
        message: `the workbook is ${unpacked === Infinity ? 'over 4 GB' : `${(unpacked / 1024 ** 2).toFixed(0)} MB`} when unpacked, more than the ${MAX_UNPACKED_BYTES / 1024 ** 2} MB placepool opens (about 300,000 rows)`,
        loc: { file },
        hint: 'Save the budgets sheet as "CSV UTF-8": placepool reads CSV files of up to 128 MB.',
      },
    ]);
  }
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's load() accepts a Node Buffer at run time; its typings name a browser-style Buffer.
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    throw notXlsx(`the file is damaged or incomplete (${why})`, 'Open it in your spreadsheet and save it again as .xlsx.');
  }
  return wb;
}

/**
 * Workbooks are opened whole, and the spreadsheet library needs about twenty times the unpacked XML in memory:
 * beyond this the tool would run out of memory (and a small file can unpack to gigabytes).
 */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/** The total unpacked size of a ZIP's entries, from its central directory; undefined when it cannot be read. */
function unpackedSize(zip: Buffer): number | undefined {
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 0xffff); p--) {
    if (zip.readUInt32LE(p) !== 0x06054b50) continue;
    const count = zip.readUInt16LE(p + 10);
    let q = zip.readUInt32LE(p + 16);
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (q + 46 > zip.length || zip.readUInt32LE(q) !== 0x02014b50) return undefined;
      const size = zip.readUInt32LE(q + 24);
      total += size === 0xffffffff ? Infinity : size; // a ZIP64 entry: 4 GB or more
      q += 46 + zip.readUInt16LE(q + 28) + zip.readUInt16LE(q + 30) + zip.readUInt16LE(q + 32);
    }
    return total;
  }
  return undefined;
}

/** Excel's way of naming a sheet in a reference: bare when simple, else in single quotes. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
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
      hint: `${close !== undefined && src.sheet !== '' ? `Did you mean "${close}"? ` : ''}The sheets are: ${list}. Write ${src.file}#<sheet name> exactly, or leave out "#..." for the first sheet.`,
    },
  ]);
}

/** What a cell holds, as the text a budgets file would: a value, or a problem to report. */
type CellProblem = { problem: string; hint: string };
type CellRead = { text: string } | CellProblem;

const WRONG_YEAR_HINT = 'Write the financial year as 2025 or 2025/26; a date counts as a year only on 1 April or when formatted as a year (yyyy).';

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A date in the year column: its year when formatted as a year, the financial year it starts on 1 April. */
function yearOfDate(d: Date, numFmt: string | undefined): CellRead {
  const fmt = (numFmt ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '').trim();
  if (/^y+$/i.test(fmt)) return { text: String(d.getUTCFullYear()) };
  if (d.getUTCMonth() === 3 && d.getUTCDate() === 1) return { text: String(d.getUTCFullYear()) };
  return { problem: `the year cell holds the date ${isoDate(d)}, not a financial year`, hint: WRONG_YEAR_HINT };
}

function readValue(value: CellValue | undefined, yearColumn: boolean, numFmt: string | undefined): CellRead {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { problem: 'the cell holds a number that is not finite', hint: 'Enter a plain number.' };
    return { text: numberText(value) };
  }
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: 'the cell holds a date that is not valid', hint: 'Enter the value as a number or text.' };
    return yearColumn ? yearOfDate(value, numFmt) : { text: isoDate(value) };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) {
    return { problem: `the cell holds the error ${value.error}`, hint: 'Mend the formula or value in the workbook, save it, and try again.' };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      return {
        problem: 'the cell holds a formula with no saved result',
        hint: 'Open the workbook in a spreadsheet (which calculates it), save it, and try again; or paste the values.',
      };
    }
    return readValue(result as CellValue, yearColumn, numFmt);
  }
  if ('hyperlink' in value) {
    const text = (value as { text: unknown }).text;
    return readValue((text ?? '') as CellValue, yearColumn, numFmt);
  }
  return { problem: 'the cell holds a value of a kind that cannot be read', hint: 'Enter the value as a number or text.' };
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
    roles.push({ year: name === 'year', known: BUDGET_COLUMNS.has(name) });
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
