// The cells of a budgets file, one parser each (amount, year, stage, silo): text as written to a typed value,
// or a problem with a hint on how to mend it. Shared by the validator (budgets-validate.ts) and the commands
// that read a year from their options.
import { D } from '../decimal.js';
import { suggest } from '../errors.js';
import { MISSION_SILOS, isValidSilo, normaliseSilo } from '../model/silo.js';
import { STAGES, type Stage } from '../model/types.js';
import { yearLabel } from '../model/years.js';

/** Years outside this range are almost certainly typing mistakes. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

const fail = (message: string, hint?: string): { ok: false; message: string; hint?: string } => (hint ? { ok: false, message, hint } : { ok: false, message });

const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const AMOUNT_HINT = 'Write the annual spend in pounds, e.g. 1234567, 1234567.89, £1,234,567.89 or 1.2e6.';

/**
 * An amount of money as written in a budgets file, read exactly into a decimal: `1234567`, `1234567.89`,
 * `£1,234,567.89`, `1.2e6`. Finite and >= 0. Thousands separators must be in groups of three.
 */
export function parseAmount(text: string): Parsed<D> {
  const s = text.trim();
  if (s === '') return fail('the amount is empty', 'Write 0 for a line with no spend, or remove the row.');
  if (PLAIN.test(s)) return checked(new D(s), s);
  let body = s;
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    return fail(`the amount "${s}" is negative (accounting brackets)`, 'Amounts are annual spend and cannot be negative; record income or savings in a scenario, not as a budget line.');
  }
  if (body.startsWith('-') || body.startsWith('−')) {
    negative = true;
    body = body.slice(1).trim();
  }
  if (body.startsWith('£')) body = body.slice(1).trim();
  if (!negative && (body.startsWith('-') || body.startsWith('−'))) {
    negative = true;
    body = body.slice(1).trim();
  }
  const number = PLAIN.test(body) ? body : GROUPED.test(body) ? body.replace(/,/g, '') : undefined;
  if (number !== undefined) {
    const value = new D(number);
    if (negative && !value.isZero()) {
      return fail(`the amount "${s}" is negative`, 'Amounts are annual spend and cannot be negative; record income or savings in a scenario, not as a budget line.');
    }
    return checked(value.abs(), s);
  }
  if (/^[+-]?(?:nan|inf|infinity)$/i.test(body)) return fail(`the amount "${s}" is not a finite number`, AMOUNT_HINT);
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(body) || /^\d+,\d{1,2}$/.test(body)) {
    return fail(`the amount "${s}" looks like it uses a decimal comma`, 'Use a point for decimals (1234567.89); a comma may only separate thousands.');
  }
  if (/^[\d,]+(?:\.\d*)?$/.test(body) && body.includes(',')) {
    return fail(`the amount "${s}" has misplaced thousands separators`, 'Separate thousands in groups of three (1,234,567.89) or leave the separators out (1234567.89).');
  }
  if (/^[$€¥]/.test(body)) return fail(`the amount "${s}" is not in pounds`, 'Amounts are in pounds (£); convert them, and leave out other currency symbols.');
  if (/^\d[\d ]*\d(?:\.\d*)?$/.test(body)) return fail(`the amount "${s}" contains spaces`, 'Leave out spaces between digits (write 1234567 or 1,234,567).');
  return fail(`the amount "${s}" is not a number`, AMOUNT_HINT);
}

/** Amounts above this (£1,000 trillion, hundreds of times the UK's GDP) are typing or unit mistakes. */
export const MAX_AMOUNT = new D('1e15');

function checked(value: D, s: string): Parsed<D> {
  if (!value.isFinite() || value.greaterThan(MAX_AMOUNT)) {
    return fail(`the amount "${s.length > 40 ? `${s.slice(0, 40)}...` : s}" is implausibly large`, 'Amounts are annual spend in pounds, at most £1,000 trillion (1e15); check the exponent or the units.');
  }
  return { ok: true, value };
}

/**
 * The amount in whole pence when `text` is written in pounds with at most two decimals and at most 15 digits
 * of pence (under £10 trillion): `1234567`, `1234567.8`, `1234567.89`, `£1,234,567.89` (a pound sign first,
 * thousands in groups of three). That is the form nearly every amount takes, read here without building a
 * decimal. Undefined for anything else, which parseAmount reads (and checks) in full; whenever this gives a
 * number, parseAmount gives the same amount. The integer is exact: at most 15 digits, well inside 2^53.
 */
export function plainPence(text: string): bigint | undefined {
  const n = text.length;
  if (n === 0 || n > 24) return undefined;
  let i = text.charCodeAt(0) === 0xa3 ? 1 : 0; // £
  let acc = 0;
  let digits = 0;
  let decimals = -1;
  let group = -1; // digits since the last thousands separator (-1: none seen)
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
      else if (group >= 0) group++;
    } else if (c === 46 && decimals < 0) {
      if (group >= 0 && group !== 3) return undefined;
      decimals = 0;
    } else if (c === 44 && decimals < 0 && (group < 0 ? digits >= 1 && digits <= 3 : group === 3)) {
      group = 0;
    } else return undefined;
  }
  if (digits === 0 || decimals > 2 || (decimals < 0 && group >= 0 && group !== 3)) return undefined;
  const scale = decimals <= 0 ? 2 : 2 - decimals;
  if (digits + scale > 15) return undefined;
  return BigInt(scale === 2 ? acc * 100 : scale === 1 ? acc * 10 : acc);
}

/**
 * A financial year as written: `2025`, `2025/26` or `2025-26` (the second part the last two digits of the
 * next year). Returns the starting calendar year (2025 means 2025/26).
 */
export function parseYear(text: string): Parsed<number> {
  const s = text.trim();
  const hint = 'Write the financial year as 2025, 2025/26 or 2025-26 (2025 means 2025/26).';
  if (s === '') return fail('the year is empty', hint);
  let m = /^(\d{4})(?:\.0+)?$/.exec(s);
  if (m) return inRange(Number(m[1]), s);
  m = /^(\d{4})\s*[/-]\s*(\d{2})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const next = String((year + 1) % 100).padStart(2, '0');
    if (m[2] !== next) {
      return fail(`the year "${s}" is not a financial year: after ${year} comes ${next}`, `Write ${yearLabel(year)} (or just ${year}), or correct the first year.`);
    }
    return inRange(year, s);
  }
  m = /^(\d{2})\s*[/-]\s*(\d{2})$/.exec(s);
  if (m) return fail(`the year "${s}" has only two digits for its start`, `Write the full starting year, e.g. 20${m[1]}/${m[2]}.`);
  m = /^(\d{4})\s*[/-]\s*(\d{4})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    return fail(`the year "${s}" is written with four digits after the ${m[0].includes('/') ? 'slash' : 'dash'}`, Number(m[2]) === year + 1 ? `Write ${yearLabel(year)} or ${year}.` : hint);
  }
  m = /^fy\s*(\d{4})/i.exec(s);
  if (m) return fail(`the year "${s}" is not in an accepted form`, `Write ${m[1]} or ${yearLabel(Number(m[1]))}, without "FY".`);
  return fail(`the year "${s}" is not a financial year`, hint);
}

function inRange(year: number, s: string): Parsed<number> {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`the year "${s}" is out of range`, `Years run from ${MIN_YEAR} to ${MAX_YEAR}; check for a typing mistake.`);
  return { ok: true, value: year };
}

const STAGE_HINT = 'Write one of the three stages: reactive (spend on crisis, acute care and late intervention), preventive (early intervention and prevention) or other.';

/** Words that describe spending at a stage, and the stage to write for them. */
const STAGE_WORDS: readonly [RegExp, Stage][] = [
  [/^(acute|crisis|late( intervention)?|treatment|response|reaction)$/, 'reactive'],
  [/^(early( intervention| help)?|prevention|prevent|preventative|universal)$/, 'preventive'],
];

/** A stage, case-insensitive: `reactive`, `preventive` or `other`. */
export function parseStage(text: string): Parsed<Stage> {
  const s = text.trim().toLowerCase();
  if ((STAGES as readonly string[]).includes(s)) return { ok: true, value: s as Stage };
  const hint = STAGE_HINT;
  if (s === '') return fail('the stage is empty', hint);
  // a word that describes a stage (acute, crisis, early help) rather than naming one
  const meant = STAGE_WORDS.find(([re]) => re.test(s))?.[1];
  if (meant) return fail(`unknown stage "${text.trim()}": write ${meant} (the stage of ${s} spending)`, hint);
  const near = suggest(s, STAGES);
  return fail(`unknown stage "${text.trim()}"${near ? `; did you mean ${near}?` : ''}`, hint);
}

/** A silo identifier after normalisation (docs/method.md, Conventions). */
export function parseSilo(text: string): Parsed<string> {
  const id = normaliseSilo(text);
  const hint = `A silo is an identifier: a letter, then letters, digits or _ (spaces and hyphens become _), e.g. ${MISSION_SILOS.join(', ')} or housing.`;
  if (id === '') return fail('the silo is empty', hint);
  if (!isValidSilo(id)) return fail(`"${text.trim()}" is not a valid silo identifier`, hint);
  return { ok: true, value: id };
}
