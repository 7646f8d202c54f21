// Budgets from an Excel workbook (INTERFACE.md: `BUDGETS` may be `book.xlsx` or `book.xlsx#Sheet name`).
// The sheet becomes the same raw text table a CSV file does, each cell located as `Budgets!F12`, and the one
// validator (src/io/budgets.ts) applies METHOD.md 1.1 to it. exceljs is loaded only when a workbook is read.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Cell, CellValue, Worksheet } from 'exceljs';
import type { Io } from '../cli/context.js';
import { D } from '../decimal.js';
import { FileOpenError, InputError, ProblemList, suggest, type Location, type Problem } from '../errors.js';
import type { Budgets, InputSource } from '../model/types.js';
import type { RawCell, RawRow, RawTable } from './rows.js';

/** The columns of a budgets file (METHOD.md 1.1); problems in other columns' cells are not ours to report. */
const BUDGET_COLUMNS = new Set(['place', 'year', 'silo', 'service', 'stage', 'amount', 'agency']);

/** Excel keeps 15 significant digits; anything past them in a stored double is binary noise. */
const EXCEL_DIGITS = 15;

export interface XlsxArg {
  /** the file as given (`-` for stdin) */
  file: string;
  /** the sheet named after `#`, if any */
  sheet?: string;
}

/** `book.xlsx#Sheet name` -> {file: 'book.xlsx', sheet: 'Sheet name'}; `book.xlsx` -> {file: 'book.xlsx'}. */
export function splitXlsxArg(arg: string): XlsxArg {
  const m = /^(.*?\.xls[xm]|-)#(.*)$/is.exec(arg);
  return m ? { file: m[1]!, sheet: m[2]! } : { file: arg };
}

/** Whether a BUDGETS argument names a workbook (`.xlsx`/`.xlsm`, optionally with `#Sheet`). */
export function isXlsxArg(arg: string): boolean {
  return /\.xls[xm]$/i.test(splitXlsxArg(arg).file) || /^-#/.test(arg);
}

/** Whether bytes (e.g. from stdin) look like a workbook: a ZIP archive. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Budgets read from a workbook's sheet and validated like any budgets file. */
export async function readBudgetsXlsx(arg: string, io: Io): Promise<Budgets> {
  const table = await readXlsxTable(arg, io);
  const { budgetsFromRows } = await import('./budgets.js');
  return budgetsFromRows(table);
}

/** The raw text table of a workbook's sheet (first worksheet, or the one named after `#`). */
export async function readXlsxTable(arg: string, io: Io): Promise<RawTable> {
  const { file, sheet } = splitXlsxArg(arg);
  const bytes = file === '-' ? await readStdin(io) : await readInput(file, io.cwd);
  const shown = file === '-' ? '<stdin>' : file;
  return xlsxToRawTable(bytes, {
    name: sheet === undefined ? shown : `${shown}#${sheet}`,
    file: shown,
    ...(sheet === undefined ? {} : { sheet }),
  });
}

async function readInput(file: string, cwd: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : ((err as Error).message ?? String(err));
    throw new FileOpenError({ message: `cannot open ${file}: ${why}`, loc: { file }, hint: 'Check the path to the budgets workbook.' });
  }
}

async function readStdin(io: Io): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export interface XlsxSource {
  /** the name shown to users and recorded in provenance, e.g. `book.xlsx#Budgets` */
  name: string;
  /** the file part, used in cell locations (`book.xlsx#Budgets!F12`) */
  file: string;
  /** exact sheet name; the first visible worksheet when absent */
  sheet?: string;
}

/** Turn a workbook's bytes into the raw table of one sheet. */
export async function xlsxToRawTable(bytes: Buffer, src: XlsxSource): Promise<RawTable> {
  const source: InputSource = { name: src.name, sha256: createHash('sha256').update(bytes).digest('hex') };
  const ws = pickSheet(await loadWorkbook(bytes, src.file), src);
  return sheetToRawTable(ws, source, src.file);
}

type Workbook = import('exceljs').Workbook;

async function loadWorkbook(bytes: Buffer, file: string): Promise<Workbook> {
  const notXlsx = (why: string, hint: string): InputError => new InputError([{ message: `${file} is not a readable Excel workbook: ${why}`, loc: { file }, hint }]);
  if (bytes.length === 0) throw notXlsx('the file is empty', 'Give an .xlsx workbook saved by Excel, LibreOffice or another spreadsheet.');
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw notXlsx(
      'it is an old-style .xls workbook, or a password-protected one',
      'Open it in your spreadsheet and save it as "Excel Workbook (.xlsx)" without a password, or export the sheet as CSV.',
    );
  }
  if (!looksLikeXlsx(bytes)) {
    throw notXlsx('it is not a ZIP-based .xlsx file', 'If it is a CSV file, name it .csv; otherwise save it from your spreadsheet as .xlsx.');
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

/** Excel's way of naming a sheet in a reference: bare when simple, else in single quotes. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function pickSheet(wb: Workbook, src: XlsxSource): Worksheet {
  const sheets = wb.worksheets;
  const names = sheets.map((s) => s.name);
  if (sheets.length === 0) {
    throw new InputError([{ message: `${src.file} has no worksheets`, loc: { file: src.file }, hint: 'Put the budgets table on a worksheet.' }]);
  }
  if (src.sheet === undefined) return sheets.find((s) => s.state === 'visible' || s.state === undefined) ?? sheets[0]!;
  const found = sheets.find((s) => s.name === src.sheet);
  if (found) return found;
  const close = suggest(src.sheet, names);
  const list = names.map((n) => `"${n}"`).join(', ');
  throw new InputError([
    {
      message: src.sheet === '' ? `no sheet name after "#" in ${src.name}` : `${src.file} has no sheet named "${src.sheet}"`,
      loc: { file: src.file },
      hint: `${close !== undefined && src.sheet !== '' ? `Did you mean "${close}"? ` : ''}The sheets are: ${list}. Write ${src.file}#<sheet name> exactly, or leave out "#..." for the first sheet.`,
    },
  ]);
}

/** What a cell holds, as the text a budgets file would: a value, or a problem to report. */
type CellRead = { text: string } | { problem: string; hint: string };

const WRONG_YEAR_HINT = 'Write the financial year as 2025 or 2025/26; a date counts as a year only on 1 April or when formatted as a year (yyyy).';

/** The shortest decimal that round-trips the stored double, cut to Excel's 15 significant digits, plain. */
export function numberText(n: number): string {
  let d = new D(String(n));
  if (d.precision(true) > EXCEL_DIGITS) d = d.toSignificantDigits(EXCEL_DIGITS);
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}

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

/** The raw table of one worksheet: header = first non-empty row; empty rows skipped. */
export function sheetToRawTable(ws: Worksheet, source: InputSource, file: string): RawTable {
  const ref = sheetRef(ws.name);
  const at = (address: string): Location => ({ file, cell: `${ref}!${address}` });
  const problems = new ProblemList();
  const read = (cell: Cell, yearColumn: boolean, report: boolean): string => {
    const r = readValue(cell.value, yearColumn, cell.numFmt);
    if ('text' in r) return r.text;
    if (report) problems.add({ message: r.problem, loc: at(cell.address), hint: r.hint } satisfies Problem);
    const v = cell.value as { error?: string } | null;
    return typeof v === 'object' && v !== null && typeof v.error === 'string' ? v.error : '';
  };

  let headerRow = 0;
  let first = 0;
  let last = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (headerRow) return;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (read(cell, false, false).trim() === '') return;
      if (!first || col < first) first = col;
      if (col > last) last = col;
    });
    if (first) headerRow = r;
  });
  if (!headerRow) {
    throw new InputError([
      {
        message: `sheet ${ws.name} is empty`,
        loc: { file, cell: `${ref}!A1` },
        hint: 'Put the budgets table (a header row, then one row per budget line) on this sheet, or name another with #Sheet.',
      },
    ]);
  }

  const header: RawCell[] = [];
  const roles: { year: boolean; known: boolean }[] = [];
  const headRow = ws.getRow(headerRow);
  for (let col = first; col <= last; col++) {
    const cell = headRow.getCell(col);
    const text = read(cell, false, true);
    const name = text.trim().toLowerCase();
    header.push({ value: text, loc: at(cell.address) });
    roles.push({ year: name === 'year', known: BUDGET_COLUMNS.has(name) });
  }

  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= headerRow) return;
    const cells: RawCell[] = [];
    let any = false;
    for (let col = first; col <= last; col++) {
      const cell = row.getCell(col);
      const role = roles[col - first]!;
      const text = read(cell, role.year, role.known);
      if (text.trim() !== '' || (cell.value !== null && cell.value !== undefined && role.known)) any = true;
      cells.push({ value: text, loc: at(cell.address) });
    }
    if (!any) return;
    rows.push({ cells, loc: { ...at(row.getCell(first).address), line: r } });
  });
  problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} cells of ${source.name} cannot be read`);
  return { source, header, rows };
}
