// The one validator of budgets: raw text cells (from a CSV file or a workbook's sheet) to typed budget lines,
// by the same rules whatever the source. It collects every problem (up to 100), each located at the offending
// cell, so an analyst can mend a file in one pass; nothing downstream sees raw strings.
import { D } from '../decimal.js';
import { InputError, ProblemList, suggest, type Location, type Warning } from '../errors.js';
import { fromPence } from '../model/amounts.js';
import { SeriesIndex } from '../model/series.js';
import { MISSION_SILOS } from '../model/silo.js';
import type { BudgetLine, Budgets, Stage } from '../model/types.js';
import { yearLabel } from '../model/years.js';
import { parseAmount, parseSilo, parseStage, parseYear, plainPence } from './budget-cells.js';
import { LAYOUTS_HINT, yearsAsRows } from './budgets-wide.js';
import { raggedRowProblem, type RawCell, type RawTable } from './rows.js';

export const REQUIRED_COLUMNS = ['place', 'year', 'silo', 'service', 'stage', 'amount'] as const;
export const OPTIONAL_COLUMNS = ['agency'] as const;
/** The columns a file with the years as columns names, beside its year columns (budgets-wide.ts). */
const WIDE_COLUMNS = ['place', 'silo', 'service', 'stage'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

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
 * The one validator of the budgets format: raw text cells (from CSV or a workbook) to typed budget lines.
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

async function validateRows(given: RawTable): Promise<Budgets> {
  const problems = new ProblemList(100);
  let table = given;
  const file = table.source.name;
  const warnings: Warning[] = [];

  if (table.header.length === 0 || table.header.every((c) => c.value.trim() === '')) {
    // drain the rows so a reader's problems (e.g. an unclosed quote) are not lost
    for await (const batch of table.batches) for (const row of batch) if (row.problem) problems.add(row.problem);
    if (problems.size) problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} problems in ${file}`);
    throw new InputError({
      message: 'the file is empty',
      loc: { file },
      hint: `A budgets file starts with a header row naming the columns ${REQUIRED_COLUMNS.join(', ')} (and optionally agency), then one row per budget line; or naming ${WIDE_COLUMNS.join(', ')} and one column per year such as 2025/26.`,
    });
  }

  // The years as columns: the same rows, one per year with an amount, after the header's own problems.
  const layout = yearsAsRows(table);
  for (const p of layout.problems) problems.add(p);
  table = layout.table;
  const wide = table.yearsAsColumns === true;

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
  const missing = (wide ? WIDE_COLUMNS : REQUIRED_COLUMNS).filter((c) => !index.has(c));
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
            `${wide ? `With the years as columns, the header names ${WIDE_COLUMNS.join(', ')} (any order, any case; agency is optional) and one column per year.` : LAYOUTS_HINT} ` +
            `Found: ${foundNames.map((n) => `"${n}"`).join(', ') || 'nothing'}.`,
        });
      }
    }
  }
  if (problems.size) {
    problems.throwIfAny(problems.size === 1 ? undefined : `${problems.size} problems in the header of ${file}`);
  }

  const width = table.header.length;
  if (wide) {
    // each row's values end with the year and the amount (budgets-wide.ts)
    index.set('year', width);
    index.set('amount', width + 1);
  }
  const cells = wide ? width + 2 : width;
  const at = (c: Column): number => index.get(c)!;
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

  let duplicateRow: Location | undefined;
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
      if (v.length !== cells) {
        problems.add(raggedRowProblem(v.length, width, row.loc));
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
        // a further year of a row with the years as columns: its other cells were reported with its first year
        const whole = row.continues !== true;
        if (whole && place === '') problem('the place is empty', row.cellLoc(placeAt), 'Name the local area of this budget line, e.g. Lambeth.');
        if (!year.ok) problem(year.message, row.cellLoc(yearAt), year.hint);
        if (whole && !silo.ok) problem(silo.message, row.cellLoc(siloAt), silo.hint);
        if (whole && service === '') problem('the service is empty', row.cellLoc(serviceAt), 'Name the service line, e.g. Residential care (65+).');
        if (whole && !stage.ok) problem(stage.message, row.cellLoc(stageAt), stage.hint);
        if (amount !== undefined && !amount.ok) problem(amount.message, row.cellLoc(amountAt), amount.hint);
        continue;
      }

      let ofPlace = seen.get(place);
      if (!ofPlace) seen.set(place, (ofPlace = new SeriesIndex()));
      let series = ofPlace.get(service, silo.value, stage.value);
      let first: number | undefined;
      if (series) for (const i of series) if (lines[i]!.year === year.value) first = i;
      if (first !== undefined) {
        // a row repeated with the years as columns is one duplicate, not one for each year
        if (row.continues && duplicateRow === row.loc) continue;
        duplicateRow = row.loc;
        problems.add({
          message: `duplicate budget line ${describeKey(place, silo.value, service, stage.value, year.value)}: also on ${lineOf(lines[first]!.loc)}`,
          loc: row.loc,
          hint: wide
            ? 'Each (place, silo, service, stage) may have one row: add the two rows into one, or correct the stage or service.'
            : 'Each (place, silo, service, stage) may have one row per year: add the two amounts into one row, or correct the year, stage or service.',
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
      hint: wide
        ? 'Add one row per budget line under the header, with its amount under each year (an empty cell means no amount for that year).'
        : 'Add one row per budget line under the header: place, year, silo, service, stage, amount.',
    });
  }

  for (const s of silos) {
    if ((MISSION_SILOS as readonly string[]).includes(s) || s === 'housing') continue;
    const near = suggest(s, MISSION_SILOS);
    if (near) {
      const where = lines.find((l) => l.silo === s)!.loc;
      warnings.push({ code: 'silo-near-miss', message: `the silo "${s}" is read as a silo of its own, not as ${near}; did you mean ${near}?`, loc: where });
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
