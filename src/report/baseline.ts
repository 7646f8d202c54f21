// The `baseline` report: a place's budgets by silo and stage for each year, with totals and the reactive and
// preventive shares (of the total, as docs/method.md, "7. Flows by silo and for the place" defines the
// prevention share). Pure: budgets in, text out.
//
// Years. A budgets file gives every line for its base year and, often, medium-term-plan rows for later years
// on some lines only. Summing only the rows given for a later year would make its total look like a collapse
// in spend, so by default a line with no row for a year carries its latest earlier amount forward unchanged:
// docs/method.md, "1. Baseline spend" with no growth (a scenario's growth applies in `run`). A line with no
// row for a year or any earlier year is not counted. `asGiven` sums only the rows given for each year.
import type { ChalkInstance } from 'chalk';
import { D, ZERO } from '../decimal.js';
import { AmountSum, fromPence } from '../model/amounts.js';
import { SeriesIndex } from '../model/series.js';
import { STAGES, type BudgetLine, type Budgets, type InputSource, type Stage } from '../model/types.js';
import { toCsv, num, text, type Cell } from './csv.js';
import { mdEscape, mdTable } from './markdown.js';
import { metaJson, reportMeta } from './meta.js';
import { money, moneyShort, penceText, percent, plain, ratioText, yearLabel } from './numbers.js';
import { renderTable, tableWidth, type TableColumn } from './table.js';

export interface BaselineOptions {
  /** places to report, in this order (default: all, in order of first appearance) */
  places?: string[];
  /** one year to report (default: every year the place has rows for) */
  year?: number;
  /** only the rows given for each year, no carrying forward */
  asGiven?: boolean;
}

/** Spend of a silo (or of `all`) in one year; a stage is null when no line of it is in force. */
export interface BaselineRow {
  readonly silo: string;
  /** made when first read, when the row holds pence */
  readonly stages: Record<Stage, D | null>;
  readonly total: D;
  /** reactive / total and preventive / total; null when the total is 0 (divided when first read) */
  readonly reactiveShare: D | null;
  readonly preventiveShare: D | null;
  /**
   * The same amounts in whole pence, when every line in the row was given in whole pence (nearly always): the
   * CSV and JSON write them, and the shares to 6 dp, by exact integer arithmetic instead of from decimals.
   */
  readonly pence?: { stages: Record<Stage, bigint | null>; total: bigint };
}

export interface BaselineYear {
  year: number;
  label: string;
  /** budget lines counted this year */
  lines: number;
  /** of which carried forward from an earlier year (0 with asGiven) */
  carried: number;
  /** silos with lines this year, alphabetically */
  silos: BaselineRow[];
  all: BaselineRow;
}

export interface BaselinePlace {
  place: string;
  years: BaselineYear[];
}

export interface BaselineReport {
  source: InputSource;
  asGiven: boolean;
  places: BaselinePlace[];
}

interface LineSeries {
  silo: string;
  stage: Stage;
  /** the line's rows, by year ascending */
  byYear: BudgetLine[];
}

/**
 * A row of the report. When its lines were all in whole pence it holds the pence, and makes its decimals (the
 * amounts, and the shares: divisions at 40 digits) only if a report reads them; the CSV and JSON reports
 * write the pence and shares by exact integer arithmetic instead.
 */
class Row implements BaselineRow {
  readonly pence?: { stages: Record<Stage, bigint | null>; total: bigint };
  private decimals: Record<Stage, D | null> | undefined;
  private sum: D | undefined;
  private shares: { reactive: D | null; preventive: D | null } | undefined;

  constructor(
    readonly silo: string,
    amounts: { pence: Record<Stage, bigint | null> } | { stages: Record<Stage, D | null> },
  ) {
    if ('pence' in amounts) {
      const pence = amounts.pence;
      this.pence = { stages: pence, total: STAGES.reduce((t, st) => t + (pence[st] ?? 0n), 0n) };
    } else this.decimals = amounts.stages;
  }

  get stages(): Record<Stage, D | null> {
    if (!this.decimals) {
      const p = this.pence!.stages;
      const d = (x: bigint | null): D | null => (x === null ? null : fromPence(x));
      this.decimals = { reactive: d(p.reactive), preventive: d(p.preventive), other: d(p.other) };
    }
    return this.decimals;
  }

  get total(): D {
    if (!this.sum) {
      if (this.pence) this.sum = fromPence(this.pence.total);
      else {
        const stages = this.stages;
        this.sum = STAGES.reduce((t, st) => (stages[st] ? t.plus(stages[st]) : t), ZERO);
      }
    }
    return this.sum;
  }

  private share(s: 'reactive' | 'preventive'): D | null {
    if (!this.shares) {
      const total = this.total;
      const of = (st: Stage): D | null => (total.isZero() ? null : (this.stages[st] ?? ZERO).dividedBy(total));
      this.shares = { reactive: of('reactive'), preventive: of('preventive') };
    }
    return this.shares[s];
  }

  get reactiveShare(): D | null {
    return this.share('reactive');
  }

  get preventiveShare(): D | null {
    return this.share('preventive');
  }
}

/** The silo rows' sum by stage (for `all`): in pence when every row has them. */
function allRow(silos: readonly BaselineRow[]): Row {
  if (silos.every((r) => r.pence)) {
    const pence: Record<Stage, bigint | null> = { reactive: null, preventive: null, other: null };
    for (const r of silos) for (const st of STAGES) if (r.pence!.stages[st] !== null) pence[st] = (pence[st] ?? 0n) + r.pence!.stages[st]!;
    return new Row('all', { pence });
  }
  const stages: Record<Stage, D | null> = { reactive: null, preventive: null, other: null };
  for (const r of silos) for (const st of STAGES) if (r.stages[st]) stages[st] = (stages[st] ?? ZERO).plus(r.stages[st]);
  return new Row('all', { stages });
}

/** Whether a row has lines of a stage in force (`all`: always). */
function hasStage(r: BaselineRow, st: Stage | 'all'): boolean {
  if (st === 'all') return true;
  return r.pence ? r.pence.stages[st] !== null : r.stages[st] !== null;
}

/** A row's amount of a stage (or `all`) as a plain number; '' for none. */
function amountText(r: BaselineRow, st: Stage | 'all'): string {
  if (r.pence) {
    const p = st === 'all' ? r.pence.total : r.pence.stages[st];
    return p === null ? '' : penceText(p);
  }
  return plain(stageAmount(r, st), 'money');
}

/** A row's reactive or preventive share as a plain number to 6 dp; '' when the total is 0. */
function shareText(r: BaselineRow, st: 'reactive' | 'preventive'): string {
  if (r.pence) return r.pence.total === 0n ? '' : ratioText(r.pence.stages[st] ?? 0n, r.pence.total);
  return plain(st === 'reactive' ? r.reactiveShare : r.preventiveShare, 'ratio');
}

/** Aggregate budgets into the baseline report (no rounding: figures stay exact decimals). */
export function computeBaseline(budgets: Budgets, options: BaselineOptions = {}): BaselineReport {
  const asGiven = options.asGiven === true;
  const wanted = options.places ?? budgets.places;
  // each place's series (silo, service, stage) in order of first appearance, with their rows
  const byPlace = new Map<string, SeriesIndex<LineSeries>>();
  for (const l of budgets.lines) {
    let index = byPlace.get(l.place);
    if (!index) byPlace.set(l.place, (index = new SeriesIndex()));
    (index.get(l.service, l.silo, l.stage) ?? index.add(l.service, l.silo, l.stage, { silo: l.silo, stage: l.stage, byYear: [] })).byYear.push(l);
  }
  const places: BaselinePlace[] = [];
  for (const place of wanted) {
    const series = byPlace.get(place)?.values ?? [];
    const ownYears = new Set<number>();
    for (const s of series) {
      s.byYear.sort((a, b) => a.year - b.year);
      for (const l of s.byYear) ownYears.add(l.year);
    }
    const own = [...ownYears].sort((a, b) => a - b);
    const years = options.year === undefined ? own : [options.year];
    const out: BaselineYear[] = [];
    // years ascend, so each series' latest row at or before the year only moves forward: a cursor per series
    // keeps this linear in the rows rather than quadratic in the years
    const cursor = new Array<number>(series.length).fill(-1);
    for (const year of years) {
      const bySilo = new Map<string, Record<Stage, AmountSum | null>>();
      let lines = 0;
      let carried = 0;
      for (let i = 0; i < series.length; i++) {
        const s = series[i]!;
        const byYear = s.byYear;
        let k = cursor[i]!;
        while (k + 1 < byYear.length && byYear[k + 1]!.year <= year) k++;
        cursor[i] = k;
        if (k < 0 || (asGiven && byYear[k]!.year !== year)) continue;
        const line = byYear[k]!;
        lines++;
        if (line.year !== year) carried++;
        let stages = bySilo.get(s.silo);
        if (!stages) bySilo.set(s.silo, (stages = { reactive: null, preventive: null, other: null }));
        (stages[s.stage] ??= new AmountSum()).add(line);
      }
      if (lines === 0) continue;
      const silos = [...bySilo.keys()].sort().map((silo) => {
        const sums = bySilo.get(silo)!;
        if (STAGES.every((st) => sums[st] === null || sums[st].wholePence !== undefined)) {
          return new Row(silo, { pence: { reactive: sums.reactive?.wholePence ?? null, preventive: sums.preventive?.wholePence ?? null, other: sums.other?.wholePence ?? null } });
        }
        return new Row(silo, { stages: { reactive: sums.reactive?.value ?? null, preventive: sums.preventive?.value ?? null, other: sums.other?.value ?? null } });
      });
      out.push({ year, label: yearLabel(year), lines, carried, silos, all: allRow(silos) });
    }
    if (out.length) places.push({ place, years: out });
  }
  return { source: budgets.source, asGiven, places };
}

// ---------------------------------------------------------------------------------------------------------
// CSV

const STAGE_ORDER: readonly (Stage | 'all')[] = [...STAGES, 'all'];

function stageAmount(r: BaselineRow, st: Stage | 'all'): D | null {
  return st === 'all' ? r.total : r.stages[st];
}

/**
 * Long CSV (docs/method.md, "Long CSV layout"): `place,year,silo,stage,amount`. Places in the order asked
 * (else first appearance), years ascending, silos alphabetically then `all`, stages reactive, preventive,
 * other then `all`; a (silo, stage) with no line in force that year has no row. `year` is the financial-year label (`2025/26`).
 */
export function baselineLongCsv(report: BaselineReport): string {
  return toCsv(['place', 'year', 'silo', 'stage', 'amount'], longRows(report));
}

// Rows are generated as the CSV is written, so that a national report never holds them all at once.
function* longRows(report: BaselineReport): Generator<Cell[]> {
  for (const p of report.places) {
    for (const y of p.years) {
      for (const r of [...y.silos, y.all]) {
        for (const st of STAGE_ORDER) {
          if (!hasStage(r, st)) continue;
          yield [text(p.place), num(y.label), text(r.silo), text(st), num(amountText(r, st))];
        }
      }
    }
  }
}

/**
 * Wide CSV (years across, as a paper's table): `place,silo,stage,measure,<year labels>`. For each place, the
 * rows of the long layout with measure `amount`, then per silo (and `all`) the `share` of reactive and of
 * preventive spend in the silo's total. A year the place has no line for that row is left empty.
 */
export function baselineWideCsv(report: BaselineReport): string {
  const allYears = [...new Set(report.places.flatMap((p) => p.years.map((y) => y.year)))].sort((a, b) => a - b);
  return toCsv(['place', 'silo', 'stage', 'measure', ...allYears.map(yearLabel)], wideRows(report, allYears));
}

function* wideRows(report: BaselineReport, allYears: number[]): Generator<Cell[]> {
  for (const p of report.places) {
    const yearOf = new Map(p.years.map((y) => [y.year, y]));
    const siloNames = [...new Set(p.years.flatMap((y) => y.silos.map((r) => r.silo)))].sort();
    const find = (y: BaselineYear | undefined, silo: string): BaselineRow | undefined =>
      y === undefined ? undefined : silo === 'all' ? y.all : y.silos.find((r) => r.silo === silo);
    for (const silo of [...siloNames, 'all']) {
      const bySilo = allYears.map((yr) => find(yearOf.get(yr), silo));
      for (const st of STAGE_ORDER) {
        if (bySilo.every((r) => !r || !hasStage(r, st))) continue;
        yield [text(p.place), text(silo), text(st), text('amount'), ...bySilo.map((r) => num(r ? amountText(r, st) : ''))];
      }
      for (const st of ['reactive', 'preventive'] as const) {
        yield [text(p.place), text(silo), text(st), text('share'), ...bySilo.map((r) => num(r ? shareText(r, st) : ''))];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON: exact decimal text written as JSON numbers (money to the penny, shares to 6 dp).

const NUM = '\u0000num:';
const jnum = (s: string): string | null => (s === '' ? null : NUM + s);

function jsonRow(r: BaselineRow): Record<string, unknown> {
  return {
    silo: r.silo,
    reactive: jnum(amountText(r, 'reactive')),
    preventive: jnum(amountText(r, 'preventive')),
    other: jnum(amountText(r, 'other')),
    total: jnum(amountText(r, 'all')),
    reactive_share: jnum(shareText(r, 'reactive')),
    preventive_share: jnum(shareText(r, 'preventive')),
  };
}

/** Stringify a value whose `jnum` strings become bare JSON numbers. */
export function jsonWithNumbers(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/"\\u0000num:([^"]*)"/g, '$1')}\n`;
}

export function baselineJson(report: BaselineReport): string {
  return jsonWithNumbers({
    ...metaJson(reportMeta('baseline', [report.source])),
    result: {
      carried_forward: !report.asGiven,
      places: report.places.map((p) => ({
        place: p.place,
        years: p.years.map((y) => ({
          year: y.year,
          label: y.label,
          lines: y.lines,
          carried_lines: y.carried,
          silos: y.silos.map(jsonRow),
          all: jsonRow(y.all),
        })),
      })),
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Text for people: terminal table and Markdown

function yearHeading(p: BaselinePlace, y: BaselineYear): string {
  const lines = `${y.lines} budget ${y.lines === 1 ? 'line' : 'lines'}`;
  return y.carried ? `${p.place}, ${y.label}: ${lines} (${y.carried} carried forward unchanged from an earlier year)` : `${p.place}, ${y.label}: ${lines}`;
}

const CARRY_NOTE =
  'Carried forward: a line with no row for a year keeps its latest earlier amount, unchanged\n' +
  "(run applies a scenario's growth instead); --as-given totals only the rows given for each year.";

/** Terminal tables, one per place and year, fitting 100 columns (money in £ to the penny, else pounds, else £k/£m). */
export function baselineTable(report: BaselineReport, chalk?: ChalkInstance, maxWidth = 100): string {
  const columns: TableColumn[] = [
    { header: 'silo' },
    { header: 'reactive', numeric: true },
    { header: 'preventive', numeric: true },
    { header: 'other', numeric: true },
    { header: 'total', numeric: true },
    { header: 'reactive\nshare', numeric: true },
    { header: 'preventive\nshare', numeric: true },
  ];
  const styles: ((v: D | null) => string)[] = [(v) => (v ? money(v, 2) : ''), (v) => (v ? money(v, 0) : ''), (v) => (v ? moneyShort(v) : '')];
  const units = ['£ a year', '£ a year, to the nearest pound', '£ a year; k thousand, m million, bn billion'];
  const rowsOf = (fmt: (v: D | null) => string, y: BaselineYear): string[][] =>
    [...y.silos, y.all].map((r) => [
      r.silo,
      fmt(r.stages.reactive),
      fmt(r.stages.preventive),
      fmt(r.stages.other),
      fmt(r.total),
      percent(r.reactiveShare),
      percent(r.preventiveShare),
    ]);
  // the most exact money style in which every table fits (headings and notes are kept short separately)
  let style = styles.length - 1;
  for (let i = 0; i < styles.length; i++) {
    if (report.places.every((p) => p.years.every((y) => tableWidth(columns, rowsOf(styles[i]!, y)) <= maxWidth))) {
      style = i;
      break;
    }
  }
  const unit = units[style]!;
  const blocks: string[] = [];
  for (const p of report.places) {
    for (const y of p.years) {
      const rows = rowsOf(styles[style]!, y);
      const heading = chalk ? chalk.bold(yearHeading(p, y)) : yearHeading(p, y);
      blocks.push(`${heading}\n${renderTable(columns, rows, { ...(chalk ? { chalk } : {}), boldRows: new Set([rows.length - 1]) })}`);
    }
  }
  const carried = report.places.some((p) => p.years.some((y) => y.carried > 0));
  const title = `Baseline spend by silo and stage, from ${report.source.name}\nAmounts in ${unit}; shares are of the total.`;
  return `${title}\n\n${blocks.join('\n\n')}\n${carried ? `\n${CARRY_NOTE}\n` : ''}`;
}

export function baselineMarkdown(report: BaselineReport): string {
  const columns = [
    { header: 'silo' },
    { header: 'reactive (£)', numeric: true },
    { header: 'preventive (£)', numeric: true },
    { header: 'other (£)', numeric: true },
    { header: 'total (£)', numeric: true },
    { header: 'reactive share (%)', numeric: true },
    { header: 'preventive share (%)', numeric: true },
  ];
  const amount = (v: D | null): string => (v ? money(v, 2).replace('£', '') : '');
  const pct = (v: D | null): string => (v ? percent(v).replace('%', '') : '');
  const out: string[] = ['# Baseline spend by silo and stage', ''];
  for (const p of report.places) {
    for (const y of p.years) {
      const rows = [...y.silos, y.all].map((r) => [
        r.silo,
        amount(r.stages.reactive),
        amount(r.stages.preventive),
        amount(r.stages.other),
        amount(r.total),
        pct(r.reactiveShare),
        pct(r.preventiveShare),
      ]);
      out.push(mdTable(columns, rows, `## ${mdEscape(yearHeading(p, y))}`));
    }
  }
  if (report.places.some((p) => p.years.some((y) => y.carried > 0))) out.push(CARRY_NOTE.replace(/\n/g, ' '), '');
  const meta = reportMeta('baseline', [report.source]);
  out.push(`Made by ${meta.tool} ${meta.version} from ${mdEscape(report.source.name)} (SHA-256 ${report.source.sha256}).`);
  return `${out.join('\n')}\n`;
}

/** Whole-report totals, handy for checks: the sum of every `all` total over places and years. */
export function grandTotal(report: BaselineReport): D {
  return report.places.reduce((t, p) => p.years.reduce((u, y) => u.plus(y.all.total), t), new D(0));
}
