// What every workbook the tool writes has in common: numbers stored as numbers (rounded as presented, then
// converted), £ / percentage / ratio formats, bold frozen headers, column widths, text cells that Excel never
// runs, and deterministic bytes (fixed document and ZIP entry dates).
import type { Cell, Workbook, Worksheet } from 'exceljs';
import type { D } from '../../decimal.js';
import { kindOf, labelOf, precisionOf, type MeasureKind } from '../measures.js';
import type { ReportMeta } from '../meta.js';
import { plain } from '../numbers.js';
// FORMULA_START: text a spreadsheet could take for a formula, kept text here by the `@` format
import { FORMULA_START } from '../csv.js';

export const FMT = {
  money: '"£"#,##0.00;[Red]-"£"#,##0.00',
  percent: '0.0%',
  /** a scenario's share or rate (a success rate, a growth rate), to 0.01% */
  share: '0.00%',
  /** a scenario's other numbers (years, grades, factors), as written */
  number: '#,##0.######',
  ratio: '0.00',
  factor: '0.000000',
  count: '#,##0.00',
  int: '0',
  text: '@',
} as const;

const KIND_FORMAT: Record<MeasureKind, string> = {
  money: FMT.money,
  share: FMT.percent,
  roi: FMT.ratio,
  factor: FMT.factor,
  count: FMT.count,
  year: FMT.int,
};

/** The Excel number format of a named measure (as named in docs/method.md, "Long CSV layout"). */
export function formatOf(measure: string): string {
  return KIND_FORMAT[kindOf(measure)];
}

/** Words for a measure (mostly those of the table and Markdown reports); the machine name stays in a Key column. */
export function label(measure: string): string {
  return labelOf(measure, 'xlsx');
}

/** A measure's value as the number a cell holds: rounded as presented (pence, 6 dp), then converted; null for none. */
export function cellNumber(measure: string, value: D | number | null | undefined): number | null {
  const s = plain(value, precisionOf(measure));
  return s === '' ? null : Number(s);
}

/**
 * Put text in a cell. exceljs stores a string as a string (never a formula), and a cell whose text begins like
 * a formula also gets Excel's Text format (`@`, the cell-format equivalent of a leading `'`), so that editing
 * the cell in Excel keeps it text rather than running it.
 */
export function putText(cell: Cell, text: string): void {
  cell.value = text;
  if (FORMULA_START.test(text)) cell.numFmt = FMT.text;
}

/** Put a number (or nothing) in a cell with a number format. */
export function putNumber(cell: Cell, value: number | null, numFmt: string): void {
  cell.value = value;
  cell.numFmt = numFmt;
}

/** Put a measure's value with its format. */
export function putMeasure(cell: Cell, measure: string, value: D | number | null | undefined): void {
  putNumber(cell, cellNumber(measure, value), formatOf(measure));
}

/** Row `r` as a table header: text cells, bold, with a light fill and a rule below. */
export function headerRow(ws: Worksheet, r: number, labels: string[]): void {
  const row = ws.getRow(r);
  labels.forEach((label, i) => {
    const cell = row.getCell(i + 1);
    putText(cell, label);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF2' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8899AA' } } };
  });
}

/** A bold label (section headings, block titles). */
export function boldText(cell: Cell, text: string): void {
  putText(cell, text);
  cell.font = { bold: true };
}

/** Freeze the first `rows` rows and `cols` columns. */
export function freeze(ws: Worksheet, rows: number, cols: number): void {
  ws.views = [{ state: 'frozen', xSplit: cols, ySplit: rows }];
}

/** Approximate characters a cell shows, for column widths. */
function shownLength(cell: Cell): number {
  const v = cell.value;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') {
    const fmt = cell.numFmt ?? '';
    if (fmt === FMT.percent) return 7;
    const whole = Math.trunc(Math.abs(v)).toString().length;
    const grouped = fmt.includes('#,##0') ? whole + Math.floor((whole - 1) / 3) : whole;
    const dp = /0\.(0+)/.exec(fmt)?.[1]?.length ?? 0;
    return grouped + (dp ? dp + 1 : 0) + (fmt.includes('£') ? 1 : 0) + (v < 0 ? 1 : 0);
  }
  return String(v).length;
}

/** Column widths from the content: at least `min`, at most `max` characters. */
export function fitColumns(ws: Worksheet, min = 8, max = 60): void {
  const widths: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      widths[col] = Math.max(widths[col] ?? 0, shownLength(cell));
    });
  });
  for (let col = 1; col < widths.length; col++) {
    ws.getColumn(col).width = Math.min(max, Math.max(min, (widths[col] ?? 0) + 2));
  }
}

export interface XlsxOptions {
  /** the environment: `SOURCE_DATE_EPOCH` (seconds) fixes the workbook's dates; otherwise a constant */
  env?: Record<string, string | undefined>;
}

/** Workbooks carry no "made today" date, so the same inputs give the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export function workbookDate(options: XlsxOptions = {}): Date {
  const epoch = options.env?.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : FIXED_DATE;
}

/** A new workbook with fixed document properties. exceljs is loaded here, only when a workbook is wanted. */
export async function newWorkbook(meta: ReportMeta, title: string, options: XlsxOptions = {}): Promise<{ wb: Workbook; date: Date }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const date = workbookDate(options);
  wb.creator = `${meta.tool} ${meta.version}`;
  wb.lastModifiedBy = `${meta.tool} ${meta.version}`;
  wb.created = date;
  wb.modified = date;
  wb.title = title;
  return { wb, date };
}

/** The workbook's bytes, with every ZIP entry dated `date` (exceljs stamps them with the current time). */
export async function finishWorkbook(wb: Workbook, date: Date): Promise<Buffer> {
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return setZipDates(bytes, date);
}

/**
 * Rewrite the DOS date and time of every entry of a ZIP archive (local headers and central directory) in
 * place. Throws on anything that is not a plain single-disk ZIP, which exceljs always writes.
 */
export function setZipDates(zip: Buffer, when: Date): Buffer {
  const year = Math.min(2107, Math.max(1980, when.getUTCFullYear()));
  const clamped = year !== when.getUTCFullYear();
  const dosDate = ((year - 1980) << 9) | ((clamped ? 1 : when.getUTCMonth() + 1) << 5) | (clamped ? 1 : when.getUTCDate());
  const dosTime = clamped ? 0 : (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  let eocd = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 0xffff); p--) {
    if (zip.readUInt32LE(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error('setZipDates: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('setZipDates: bad central directory');
    zip.writeUInt16LE(dosTime, p + 12);
    zip.writeUInt16LE(dosDate, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('setZipDates: bad local header');
    zip.writeUInt16LE(dosTime, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
