// Presentation of numbers: the only place where anything is rounded (docs/method.md, "Conventions": half
// away from zero, money to pence, other measures to 6 dp, never a "-0").
import { D, negative } from '../decimal.js';
import { precisionOf, type Precision } from '../model/types.js';

const DP: Record<Precision, number> = { money: 2, ratio: 6, int: 0 };

/** Plain machine number: `1234567.89`, `0.841973`, `7`; '' for none. For CSV and JSON. */
export function plain(value: D | number | null | undefined, precision: Precision): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (precision === 'int' && Number.isInteger(value)) return String(value);
    value = new D(String(value));
  }
  const fixed = value.toFixed(DP[precision], D.ROUND_HALF_UP);
  return isNegativeZero(fixed) ? fixed.slice(1) : fixed;
}

/** Plain number for a named measure (its precision looked up). */
export function plainMeasure(measure: string, value: D | number | null | undefined): string {
  return plain(value, precisionOf(measure));
}

function isNegativeZero(s: string): boolean {
  return s.startsWith('-') && /^-0(\.0+)?$/.test(s);
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `£1,234,567.89`, `-£1,234.00`; '' for none. */
export function money(value: D | null | undefined, dp = 2): string {
  if (value === null || value === undefined) return '';
  const fixed = plain(value.toDecimalPlaces(dp, D.ROUND_HALF_UP), 'money');
  const neg = fixed.startsWith('-');
  const [i, f] = (neg ? fixed.slice(1) : fixed).split('.');
  const body = dp > 0 ? `${group(i!)}.${(f ?? '').slice(0, dp).padEnd(dp, '0')}` : group(i!);
  return `${neg ? '-' : ''}£${body}`;
}

/** Compact money for narrow tables: `£950`, `£12.3k`, `£4.56m`, `£1.20bn`. */
export function moneyShort(value: D | null | undefined): string {
  if (value === null || value === undefined) return '';
  const units: [string, string][] = [
    ['1e9', 'bn'],
    ['1e6', 'm'],
    ['1e3', 'k'],
  ];
  for (const [scale, suffix] of units) {
    // 0.9995 of the unit already rounds up to it, so 999,999 reads £1.00m rather than £1000k
    if (value.abs().greaterThanOrEqualTo(new D(scale).times('0.9995'))) {
      const scaled = value.abs().dividedBy(scale);
      const digits = scaled.greaterThanOrEqualTo('99.95') ? 0 : scaled.greaterThanOrEqualTo('9.995') ? 1 : 2;
      return `${negative(value) ? '-' : ''}£${scaled.toFixed(digits, D.ROUND_HALF_UP)}${suffix}`;
    }
  }
  return money(value, 0);
}

/** `12.3%` (1 dp by default); '' for none. */
export function percent(value: D | null | undefined, dp = 1): string {
  if (value === null || value === undefined) return '';
  const s = value.times(100).toFixed(dp, D.ROUND_HALF_UP);
  return `${isNegativeZero(s) ? s.slice(1) : s}%`;
}

/** A ratio for people: `2.42` (2 dp by default); '' for none. */
export function ratio(value: D | null | undefined, dp = 2): string {
  if (value === null || value === undefined) return '';
  const s = value.toFixed(dp, D.ROUND_HALF_UP);
  return isNegativeZero(s) ? s.slice(1) : s;
}

export { yearLabel } from '../model/years.js';

/** A difference in years for people: `+1 year`, `-2 years`, `0 years`. */
export function yearsDifference(d: number): string {
  return `${d > 0 ? '+' : ''}${d} ${Math.abs(d) === 1 ? 'year' : 'years'}`;
}

/** Whole pence as a plain number of pounds, `123456` -> `1234.56`: what plain(…, 'money') writes for it. */
export function penceText(pence: bigint): string {
  const sign = pence < 0n ? '-' : '';
  const digits = (pence < 0n ? -pence : pence).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * `num / den` rounded half up to `dp` decimal places, exactly, by integer arithmetic (num >= 0, den > 0): what
 * plain(num / den, 'ratio') writes for the decimal quotient, without making it.
 */
export function ratioText(num: bigint, den: bigint, dp = 6): string {
  const q = ((2n * num * 10n ** BigInt(dp) + den) / (2n * den)).toString().padStart(dp + 1, '0');
  return dp === 0 ? q : `${q.slice(0, -dp)}.${q.slice(-dp)}`;
}
