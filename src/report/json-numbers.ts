// JSON numbers written from exact decimal text: a JSON number can carry any digits, and a float cannot, so
// `pv_costs` 860768650886818.31 is written as such (as CSV writes it), not as the float 860768650886818.2.
// A value is a marked string until `jsonWithNumbers` writes the document, which unquotes it.

const NUM = '\u0000num:';

/** Decimal text ('' for none) as a JSON number: exactly those digits, or null. */
export const jnum = (s: string): string | null => (s === '' ? null : NUM + s);

/**
 * Decimal text as the JSON number a float of it would print when the float holds it exactly (`0.100000` as
 * 0.1, `-0.00` as 0), and with every digit when it does not: a report's numbers read as before, to the penny.
 */
export function jsonDecimal(s: string): string | null {
  if (s === '') return null;
  let t = /^-?\d+\.\d+$/.test(s) ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  if (/^-0(\.0*)?$/.test(t)) t = '0';
  return jnum(t);
}

/** Stringify a value whose `jnum` strings become bare JSON numbers. */
export function jsonWithNumbers(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/"\\u0000num:([^"]*)"/g, '$1')}\n`;
}
