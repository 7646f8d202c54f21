// CSV writing for every command: RFC 4180 via csv-stringify, `\n` line ends, no BOM, and the
// formula-injection guard (OWASP) on text cells only.
import { stringify } from 'csv-stringify/sync';

/** A cell: text is guarded against formula injection; numbers are written as the plain strings given. */
export type Cell = { text: string } | { num: string } | string;

/** Text that a spreadsheet would run as a formula (OWASP CSV injection): starts with = + - @, tab or CR. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefix `'` to text that a spreadsheet would run as a formula. Never apply to numeric columns. */
export function guardText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A text cell (guarded). */
export const text = (s: string): Cell => ({ text: s });
/** A numeric cell, already formatted as a plain number (or '' for none); never guarded. */
export const num = (s: string): Cell => ({ num: s });

function cellValue(c: Cell): string {
  if (typeof c === 'string') return guardText(c);
  return 'text' in c ? guardText(c.text) : c.num;
}

const OPTIONS = { record_delimiter: '\n', eof: true, quoted_match: /^\s|\s$/ } as const;

/**
 * CSV of a header row (text) and rows of cells. Written 1,000 records at a time (each record stands alone, so
 * the text is the same), so that a national report never holds every row as strings at once.
 */
export function toCsv(header: string[], rows: Iterable<Cell[]>): string {
  const parts: string[] = [];
  let batch: string[][] = [header.map(guardText)];
  for (const row of rows) {
    batch.push(row.map(cellValue));
    if (batch.length === 1000) {
      parts.push(stringify(batch, OPTIONS));
      batch = [];
    }
  }
  if (batch.length) parts.push(stringify(batch, OPTIONS));
  return parts.join('');
}

/** One CSV record (for streaming writers), including its `\n`. */
export function csvRecord(row: Cell[]): string {
  return stringify([row.map(cellValue)], OPTIONS);
}
