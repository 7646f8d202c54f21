// How a number stored in a workbook reads as a decimal. On the ground floor because both sides need the same
// answer: the workbook reader (src/io) reads cells with it, and the workbook writer (src/report) writes an
// amount as a number cell only when reading it back gives the exact amount.
import { D } from './decimal.js';

/** Excel keeps 15 significant digits; anything past them in a stored double is binary noise. */
const EXCEL_DIGITS = 15;

/** The shortest decimal that round-trips the stored double, cut to Excel's 15 significant digits, plain. */
export function numberText(n: number): string {
  let d = new D(String(n));
  if (d.precision(true) > EXCEL_DIGITS) d = d.toSignificantDigits(EXCEL_DIGITS);
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}
