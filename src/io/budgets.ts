// Budgets: METHOD.md 1.1, applied by one validator (`budgetsFromRows`) to every table source alike (CSV here,
// workbooks in budgets-xlsx.ts). It collects every problem (up to 100), each located at the offending cell,
// so an analyst can mend a file in one pass; nothing downstream sees raw strings.
import { parse, type CsvError } from 'csv-parse';
import type { Io } from '../cli/context.js';
import { D } from '../decimal.js';
import { fromPence } from '../model/amounts.js';
import { SeriesIndex } from '../model/series.js';
import { InputError, ProblemList, suggest, type Location, type Problem, type Warning } from '../errors.js';
import { MISSION_SILOS, isValidSilo, normaliseSilo } from '../model/silo.js';
import { STAGES, type BudgetLine, type Budgets, type InputSource, type Stage } from '../model/types.js';
import { yearLabel } from '../report/numbers.js';
import { openInputUtf8, type InputIo } from './input.js';
import { unreadableRow, type RawCell, type RawRow, type RawTable } from './rows.js';

export const REQUIRED_COLUMNS = ['place', 'year', 'silo', 'service', 'stage', 'amount'] as const;
export const OPTIONAL_COLUMNS = ['agency'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** Years outside this range are almost certainly typing mistakes. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

const fail = (message: string, hint?: string): { ok: false; message: string; hint?: string } => (hint ? { ok: false, message, hint } : { ok: false, message });

// ---------------------------------------------------------------------------------------------------------
// Cell parsers

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

/** A stage, case-insensitive: `reactive`, `preventive` or `other`. */
export function parseStage(text: string): Parsed<Stage> {
  const s = text.trim().toLowerCase();
  if ((STAGES as readonly string[]).includes(s)) return { ok: true, value: s as Stage };
  const hint = 'A stage is reactive (acute, crisis, late intervention), preventive (early intervention, prevention) or other.';
  if (s === '') return fail('the stage is empty', hint);
  const near = suggest(s, STAGES);
  return fail(`unknown stage "${text.trim()}"${near ? `; did you mean ${near}?` : ''}`, hint);
}

/** A silo identifier after normalisation (METHOD.md conventions). */
export function parseSilo(text: string): Parsed<string> {
  const id = normaliseSilo(text);
  const hint = `A silo is an identifier: a letter, then letters, digits or _ (spaces and hyphens become _), e.g. ${MISSION_SILOS.join(', ')} or housing.`;
  if (id === '') return fail('the silo is empty', hint);
  if (!isValidSilo(id)) return fail(`"${text.trim()}" is not a valid silo identifier`, hint);
  return { ok: true, value: id };
}

// ---------------------------------------------------------------------------------------------------------
// The validator

/**
 * Memoise a pure cell parser: budgets repeat the same few years, silos and stages on every row. The last
 * answer is checked first, since a file sorted by place and line repeats a value on row after row.
 */
function memo<T>(fn: (s: string) => T, limit = 10_000): (s: string) => T {
  const cache = new Map<string, T>();
  let lastKey: string | undefined;
  let last: T | undefined;
  return (s) => {
    if (s === lastKey) return last!;
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size < limit) cache.set(s, v);
    }
    lastKey = s;
    last = v;
    return v;
  };
}

/** One shared copy of each distinct name (places, services, agencies repeat across rows and years). */
function interner(limit = 1_000_000): (s: string) => string {
  const seen = new Map<string, string>();
  let last = '';
  return (s) => {
    if (s === last) return last;
    const hit = seen.get(s);
    if (hit !== undefined) return (last = hit);
    if (seen.size < limit) seen.set(s, s);
    return (last = s);
  };
}

/**
 * A budget line as read. Its decimal amount is made when first asked for: totals use the exact pence instead
 * (src/model/amounts.ts), so reading and totalling a large file builds no decimal for most lines.
 */
class ReadLine implements BudgetLine {
  private exact: D | undefined;
  constructor(
    readonly place: string,
    readonly year: number,
    readonly silo: string,
    readonly service: string,
    readonly stage: Stage,
    readonly pence: bigint | undefined,
    amount: D | undefined,
    readonly agency: string | undefined,
    /** the row's location, or its line in `file` */
    private readonly where: Location | number,
    private readonly file: string,
  ) {
    this.exact = amount;
  }
  get amount(): D {
    return (this.exact ??= fromPence(this.pence!));
  }
  get loc(): Location {
    return typeof this.where === 'number' ? { file: this.file, line: this.where } : this.where;
  }
  toJSON(): BudgetLine {
    const { place, year, silo, service, stage, amount, agency, loc } = this;
    return { place, year, silo, service, stage, amount, ...(agency !== undefined ? { agency } : {}), loc };
  }
}

function lineOf(loc: Location): string {
  if (loc.cell) return loc.cell;
  return loc.line !== undefined ? `line ${loc.line}` : 'an earlier row';
}

function describeKey(place: string, silo: string, service: string, stage: Stage, year: number): string {
  return `${place} / ${silo} / ${service} / ${stage} / ${yearLabel(year)}`;
}

/**
 * The one validator of METHOD.md 1.1: raw text cells (from CSV or a workbook) to typed budget lines.
 * Every problem found is collected (up to 100) and thrown together as one InputError (exit 65).
 */
export async function budgetsFromRows(table: RawTable): Promise<Budgets> {
  try {
    return await validateRows(table);
  } finally {
    // a problem in the header stops before the rows are read: the file is released all the same
    await table.close?.();
  }
}

async function validateRows(table: RawTable): Promise<Budgets> {
  const problems = new ProblemList(100);
  const file = table.source.name;
  const warnings: Warning[] = [];

  if (table.header.length === 0 || table.header.every((c) => c.value.trim() === '')) {
    // drain the rows so a reader's problems (e.g. an unclosed quote) are not lost
    for await (const batch of table.batches) for (const row of batch) if (row.problem) problems.add(row.problem);
    if (problems.size) problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} problems in ${file}`);
    throw new InputError({
      message: 'the file is empty',
      loc: { file },
      hint: `A budgets file starts with a header row naming the columns ${REQUIRED_COLUMNS.join(', ')} (and optionally agency), then one row per budget line.`,
    });
  }

  // Header: names matched case-insensitively after trimming.
  const index = new Map<Column, number>();
  const ignored: { name: string; cell: RawCell }[] = [];
  table.header.forEach((cell, i) => {
    const name = cell.value.trim().toLowerCase();
    if (name === '') return;
    if ((ALL_COLUMNS as readonly string[]).includes(name)) {
      const col = name as Column;
      if (index.has(col)) {
        problems.add({
          message: `the column "${col}" appears twice in the header`,
          loc: cell.loc,
          hint: 'Rename or remove one of them; each column may appear once.',
        });
      } else index.set(col, i);
    } else ignored.push({ name: cell.value.trim(), cell });
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) {
    const headerLoc: Location = { ...table.header[0]!.loc };
    delete headerLoc.column;
    const foundNames = table.header.map((c) => c.value.trim()).filter((n) => n !== '');
    if (foundNames.length === 1 && /[;\t|]/.test(foundNames[0]!)) {
      const sep = foundNames[0]!.includes(';') ? 'semicolons' : foundNames[0]!.includes('\t') ? 'tabs' : 'bars';
      problems.add({
        message: `the header has one column, "${foundNames[0]}": the file seems to be separated by ${sep}`,
        loc: headerLoc,
        hint: 'placepool reads comma-separated files; save the sheet as "CSV UTF-8 (comma delimited)".',
      });
    } else {
      for (const col of missing) {
        const near = ignored.find((c) => suggest(c.name, [col]) !== undefined);
        problems.add({
          message: `the header has no "${col}" column${near ? `; did you mean "${near.name}"?` : ''}`,
          loc: near ? near.cell.loc : headerLoc,
          hint:
            `The header must name the columns ${REQUIRED_COLUMNS.join(', ')} (any order, any case; agency is optional). ` +
            `Found: ${foundNames.map((n) => `"${n}"`).join(', ') || 'nothing'}.`,
        });
      }
    }
  }
  if (problems.size) {
    problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} problems in the header of ${file}`);
  }

  const at = (c: Column): number => index.get(c)!;
  const width = table.header.length;
  const lines: BudgetLine[] = [];
  // each place's series (silo, service, stage) with the indices into `lines` of their rows (one per year), to
  // find duplicates; names are shared strings (see interner()), so the lookups hash nothing new
  const seen = new Map<string, SeriesIndex<number[]>>();
  const year_ = memo(parseYear);
  const silo_ = memo(parseSilo);
  const stage_ = memo(parseStage);
  // one per column, so that each one's last name is that column's
  const place_ = interner();
  const service_ = interner();
  const agency_ = interner();
  const places: string[] = [];
  const placeSet = new Set<string>();
  const years = new Set<number>();
  const silos = new Set<string>();
  const agencyAt = index.get('agency');
  // column positions, looked up once rather than for every cell of every row
  const placeAt = at('place');
  const yearAt = at('year');
  const siloAt = at('silo');
  const serviceAt = at('service');
  const stageAt = at('stage');
  const amountAt = at('amount');

  const problem = (message: string, loc: Location, hint?: string): void => problems.add(hint ? { message, loc, hint } : { message, loc });

  for await (const batch of table.batches) {
    for (const row of batch) {
      if (row.problem) {
        problems.add(row.problem);
        continue;
      }
      const v = row.values;
      // a blank row (e.g. `,,,` from a spreadsheet); its first cell is looked at first, as few rows start blank
      if ((v[0] ?? '').trim() === '' && v.every((c) => c.trim() === '')) continue;
      if (v.length !== width) {
        problems.add({
          message: `this row has ${v.length} ${v.length === 1 ? 'cell' : 'cells'} but the header has ${width}`,
          loc: row.loc,
          hint: 'Each row needs one cell per header column. Check for a missing or extra comma, or a comma inside an unquoted name (quote it: "Care, residential").',
        });
        continue;
      }
      const place = place_(v[placeAt]!.trim());
      const year = year_(v[yearAt]!);
      const silo = silo_(v[siloAt]!);
      const service = service_(v[serviceAt]!.trim());
      const stage = stage_(v[stageAt]!);
      const amountText = v[amountAt]!;
      const pence = plainPence(amountText);
      const amount = pence === undefined ? parseAmount(amountText) : undefined;
      if (place === '' || service === '' || !year.ok || !silo.ok || !stage.ok || (amount !== undefined && !amount.ok)) {
        if (place === '') problem('the place is empty', row.cellLoc(placeAt), 'Name the local area of this budget line, e.g. Lambeth.');
        if (!year.ok) problem(year.message, row.cellLoc(yearAt), year.hint);
        if (!silo.ok) problem(silo.message, row.cellLoc(siloAt), silo.hint);
        if (service === '') problem('the service is empty', row.cellLoc(serviceAt), 'Name the service line, e.g. Residential care (65+).');
        if (!stage.ok) problem(stage.message, row.cellLoc(stageAt), stage.hint);
        if (amount !== undefined && !amount.ok) problem(amount.message, row.cellLoc(amountAt), amount.hint);
        continue;
      }

      let ofPlace = seen.get(place);
      if (!ofPlace) seen.set(place, (ofPlace = new SeriesIndex()));
      let series = ofPlace.get(service, silo.value, stage.value);
      let first: number | undefined;
      if (series) for (const i of series) if (lines[i]!.year === year.value) first = i;
      if (first !== undefined) {
        problems.add({
          message: `duplicate budget line ${describeKey(place, silo.value, service, stage.value, year.value)}: also on ${lineOf(lines[first]!.loc)}`,
          loc: row.loc,
          hint: 'Each (place, silo, service, stage) may have one row per year: add the two amounts into one row, or correct the year, stage or service.',
        });
        continue;
      }
      series ??= ofPlace.add(service, silo.value, stage.value, []);
      series.push(lines.length);
      const agency = agencyAt === undefined ? '' : agency_(v[agencyAt]?.trim() ?? '');
      lines.push(
        new ReadLine(place, year.value, silo.value, service, stage.value, pence, amount?.ok ? amount.value : undefined, agency === '' ? undefined : agency, row.line ?? row.loc, file),
      );
      if (!placeSet.has(place)) {
        placeSet.add(place);
        places.push(place);
      }
      years.add(year.value);
      silos.add(silo.value);
    }
  }

  if (problems.size) problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} problems in ${file}`);
  if (lines.length === 0) {
    throw new InputError({
      message: 'the file has a header but no budget lines',
      loc: { ...table.header[0]!.loc, column: undefined },
      hint: 'Add one row per budget line under the header: place, year, silo, service, stage, amount.',
    });
  }

  for (const s of silos) {
    if ((MISSION_SILOS as readonly string[]).includes(s) || s === 'housing') continue;
    const near = suggest(s, MISSION_SILOS);
    if (near) {
      const where = lines.find((l) => l.silo === s)!.loc;
      warnings.push({ code: 'silo-near-miss', message: `the silo "${s}" is not one of the mission's silos; did you mean ${near}?`, loc: where });
    }
  }

  return {
    source: table.source,
    lines,
    places,
    years: [...years].sort((a, b) => a - b),
    silos: [...silos].sort(),
    ignoredColumns: ignored.map((c) => c.name),
    warnings: [...(table.warnings ?? []), ...warnings],
  };
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/** Whether a BUDGETS argument names a workbook: `.xlsx`/`.xlsm`, optionally `#Sheet`, or `-#Sheet` for stdin. */
export function isWorkbookArg(arg: string): boolean {
  return /^(?:.*\.xls[xm](?:#.*)?|-#.*)$/is.test(arg);
}

/** A CSV row: its text cells and the line it starts on; locations are built only when a problem needs one. */
class CsvRow implements RawRow {
  constructor(
    readonly values: string[],
    private readonly file: string,
    readonly line: number,
  ) {}
  get loc(): Location {
    return { file: this.file, line: this.line };
  }
  cellLoc(i: number): Location {
    return { file: this.file, line: this.line, column: i + 1 };
  }
}

function countBreaks(s: string): { lines: number; crlf: number } {
  let lines = 0;
  let crlf = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 10) lines++;
    else if (ch === 13) {
      lines++;
      if (s.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      }
    }
  }
  return { lines, crlf };
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The longest CSV row read (see max_record_size). */
const MAX_ROW_CHARS = 1_000_000;

function csvProblem(err: CsvError, file: string, line: number, what: string): Problem {
  const column = typeof err.index === 'number' ? err.index + 1 : undefined;
  const loc: Location = column !== undefined ? { file, line, column } : { file, line };
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { message: 'a quoted cell is never closed: the file ends inside quotes', loc, hint: 'Add the closing " to the cell that starts on this row (a " inside a quoted cell is written "").' };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { message: 'a quoted cell has text after its closing quote', loc, hint: 'Write a " inside a quoted cell as "", and quote the whole cell: "The ""Front Door"" service".' };
    case 'CSV_MAX_RECORD_SIZE':
      return {
        message: `this row is longer than ${MAX_ROW_CHARS.toLocaleString('en-GB')} characters`,
        loc,
        hint: `A ${what} row is a few dozen characters: a quote may be left open here (close it), or this is not a ${what} file.`,
      };
    case 'INVALID_OPENING_QUOTE':
      return { message: 'a quote appears inside an unquoted cell', loc, hint: 'Quote the whole cell and double the inner quotes: "The ""Front Door"" service".' };
    default:
      return { message: `this row cannot be read as CSV: ${err.message.replace(/ at line \d+.*$/, '')}`, loc };
  }
}

/**
 * A CSV file as a raw table, streamed through csv-parse. Line numbers are the file's own (1-based, the
 * line where the row starts); columns are 1-based cell positions. `source.sha256` is filled in when the
 * rows have been read to the end.
 *
 * Lines are counted here rather than taken from csv-parse's `info` (which costs as much again as parsing):
 * each record takes one line plus the line breaks inside its quoted cells, blank lines included. After a
 * row broken by a stray quote, the count resumes from the parser's own line counter.
 */
export async function readCsvTable(arg: string, io: InputIo, what = 'budgets'): Promise<RawTable> {
  return csvTable(await openInputUtf8(arg, io, what), what);
}

/**
 * The raw table of a CSV input already opened (`openInputUtf8`, or `utf8FromBytes` for bytes read whole);
 * `what` names the kind of file in messages (`budgets`, `deflators`, `unit-cost`).
 */
export async function csvTable(input: { source: InputSource; bytes: AsyncIterable<Buffer>; warnings: Warning[] }, what: string): Promise<RawTable> {
  const file = input.source.name;
  const parser = parse({
    bom: true,
    trim: true,
    relax_column_count: true,
    skip_records_with_error: true,
    // a budgets row is a few dozen characters: a longer one is a quote left open or not a budgets file, and
    // the parser would otherwise hold all of it in memory
    max_record_size: MAX_ROW_CHARS,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  // The file's bytes are written to the parser here, chunk by chunk, and its records collected as they are
  // parsed: each chunk's rows are handed on as one batch, rather than a promise and a wake-up per row.
  let records: string[][] = [];
  const skipped: CsvError[] = [];
  let failed: unknown;
  let ended = false;
  parser.on('data', (record: string[]) => records.push(record));
  parser.on('skip', (err: CsvError) => skipped.push(err));
  parser.on('error', (err: unknown) => (failed ??= err));
  const finished = new Promise<void>((resolve) => {
    parser.once('end', () => {
      ended = true;
      resolve();
    });
    parser.once('close', resolve);
  });
  const bytes = input.bytes[Symbol.asyncIterator]();

  let lastEnd = 0; // the line on which the last record read ended
  let drift = 0; // csv-parse counts a CRLF inside a quoted cell as two lines
  let consumed = 0; // records read, blank lines included (csv-parse's own record count)
  let lastSkip = -1;
  let quoted = false; // whether any chunk written to the parser so far holds a "
  let fileNewlines = 0; // line feeds written to the parser so far
  let lastByte = 0x0a; // the last byte written (a file without a final line feed has one more line)
  let brokenLine = 0; // the line of the last unreadable row
  let toldUnread = false;
  // Skipped (unreadable) records are reported in file order: a skip that happened after `records` records
  // is released once that many have been read.
  const pendingSkips = (out: RawRow[], all = false): void => {
    while (skipped.length && (all || num(skipped[0]!.records) <= consumed)) {
      const err = skipped.shift()!;
      const parserLine = num(err.lines, lastEnd + 1) - drift;
      if (num(err.records) === lastSkip) {
        // the same broken stretch, noticed again
        lastEnd = Math.max(lastEnd, parserLine);
        continue;
      }
      lastSkip = num(err.records);
      // the broken row starts after the last good one: that is where a stray quote opened, even when the
      // parser only noticed it lines later (or at the end of the file)
      const line = lastEnd + 1;
      lastEnd = Math.max(line, parserLine);
      brokenLine = line;
      out.push(unreadableRow({ file, line }, csvProblem(err, file, line, what)));
    }
  };

  /** The row of a record, or undefined for a blank line. */
  const toRow = (record: string[]): CsvRow | undefined => {
    consumed++;
    const start = lastEnd + 1;
    let inside = 0;
    // a line break inside a cell needs quotes around it: until the file has shown a quote, there is none
    if (quoted) {
      for (const v of record) {
        if (v.length > 0 && (v.includes('\n') || v.includes('\r'))) {
          const b = countBreaks(v);
          inside += b.lines;
          drift += b.crlf;
        }
      }
    }
    lastEnd = start + inside;
    if (record.length === 1 && record[0] === '') return undefined;
    return new CsvRow(record, file, start);
  };

  /** The rows of the records parsed so far (and, at the end, of every skip still to report). */
  const take = (all: boolean): RawRow[] => {
    const out: RawRow[] = [];
    const got = records;
    records = [];
    for (const record of got) {
      if (skipped.length) pendingSkips(out);
      const row = toRow(record);
      if (row) out.push(row);
    }
    if (all || skipped.length) pendingSkips(out, all);
    if (all && brokenLine > 0 && !toldUnread) {
      // csv-parse gives up on the rest of a file after some broken quotes (text after a closing quote): say
      // which lines were not read, rather than let the file seem to have no other problems
      toldUnread = true;
      const lines = fileNewlines + (lastByte === 0x0a ? 0 : 1);
      if (lines > lastEnd) {
        const line = lastEnd + 1;
        out.push(
          unreadableRow(
            { file, line },
            {
              message: `${line === lines ? `line ${line} was` : `lines ${line} to ${lines} were`} not read: the broken quote on line ${brokenLine} stopped the reader`,
              loc: { file, line },
              hint: `Mend line ${brokenLine} and run again to check the rest of the file.`,
            },
          ),
        );
      }
    }
    return out;
  };

  /** Feed the parser the next chunk of the file (or the end); false once the file is read. */
  const feed = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await bytes.next();
    if (next.done) {
      parser.end();
      await finished;
    } else {
      // before the parser sees the chunk, so before any record it completes is looked at
      const chunk = next.value;
      if (!quoted && chunk.includes(0x22)) quoted = true;
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) fileNewlines++;
      if (chunk.length) lastByte = chunk[chunk.length - 1]!;
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
    }
    if (failed !== undefined) throw failed;
    return !next.done;
  };

  // the header is the first row that is not blank (nor unreadable); rows around it are handed on first
  let header: RawCell[] = [];
  const firstRows: RawRow[] = [];
  let more = true;
  for (;;) {
    const rows = take(!more);
    const at = rows.findIndex((r) => !r.problem);
    if (at >= 0) {
      const row = rows[at]!;
      header = row.values.map((value, i) => ({ value, loc: row.cellLoc(i) }));
      firstRows.push(...rows.slice(0, at), ...rows.slice(at + 1));
      break;
    }
    firstRows.push(...rows);
    if (!more) break;
    more = await feed();
  }

  /** Release the file and the parser unless the file was read to the end. */
  const close = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    await bytes.return?.();
    parser.destroy();
  };

  async function* batches(): AsyncGenerator<RawRow[]> {
    try {
      if (firstRows.length) yield firstRows;
      while (more) {
        more = await feed();
        const rows = take(!more);
        if (rows.length) yield rows;
      }
      const rest = take(true);
      if (rest.length) yield rest;
    } finally {
      await close(); // stopped early
    }
  }
  return { source: input.source, header, batches: batches(), warnings: input.warnings, close };
}

/**
 * Read and validate a budgets file: CSV (path, `-` for stdin, `example:budgets.csv`), or a workbook
 * (`book.xlsx`, `book.xlsx#Sheet`), delegated to budgets-xlsx.ts and validated by the same rules.
 */
export async function readBudgets(arg: string, io: Io): Promise<Budgets> {
  if (isWorkbookArg(arg)) {
    const { readBudgetsXlsx } = await import('./budgets-xlsx.js');
    return readBudgetsXlsx(arg, io);
  }
  return budgetsFromRows(await readCsvTable(arg, io));
}
