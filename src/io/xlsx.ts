// Opening Excel workbooks and reading their cells, for every reader of workbooks (budgets, unit-cost
// libraries). A workbook is opened whole, after checks that keep a small file that unpacks to gigabytes (a
// zip bomb) or an old binary .xls from reaching the spreadsheet library; exceljs is loaded only here, when a
// workbook is read. A cell is read as the text a CSV file would hold: numbers as plain decimal text, a
// formula as its saved result.
import type { CellValue, Workbook } from 'exceljs';
import { numberText } from '../excel-numbers.js';
import { InputError } from '../errors.js';
import { looksLikeZip } from './input.js';

export type { Workbook };


/**
 * A workbook from its bytes, or an InputError (exit 65) located at `file` saying why it cannot be opened.
 * `tooLargeHint` says what to do instead when it unpacks to more than placepool opens.
 */
export async function loadWorkbook(bytes: Buffer, file: string, tooLargeHint: string): Promise<Workbook> {
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
        hint: tooLargeHint,
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
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

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

/** What a cell holds, as the text a budgets file would: a value, or a problem to report. */
export type CellProblem = { problem: string; hint: string };
export type CellRead = { text: string } | CellProblem;

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

/**
 * What a cell holds, as text: a number as plain decimal text (Excel's 15 digits), a formula as its saved result,
 * rich text joined; a date as its ISO day, or in a year column (`yearColumn`) as the financial year it names.
 */
export function readValue(value: CellValue | undefined, yearColumn: boolean, numFmt: string | undefined): CellRead {
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

