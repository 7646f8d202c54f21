// The `baseline` report: a place's budgets by silo and stage for each year, with totals and the reactive and
// preventive shares (of the total, as METHOD.md 2.10 defines the prevention share). Pure: budgets in, text out.
//
// Years. A budgets file gives every line for its base year and, often, medium-term-plan rows for later years
// on some lines only. Summing only the rows given for a later year would make its total look like a collapse
// in spend, so by default a line with no row for a year carries its latest earlier amount forward unchanged:
// METHOD.md 2.1 with no growth (a scenario's growth applies in `run`). A line with no row for a year or any
// earlier year is not counted. `asGiven` sums only the rows given for each year.
import type { ChalkInstance } from 'chalk';
import { D, ZERO } from '../decimal.js';
import { AmountSum } from '../model/amounts.js';
import { STAGES, type BudgetLine, type Budgets, type InputSource, type Stage } from '../model/types.js';
import { toCsv, num, text, type Cell } from './csv.js';
import { mdEscape, mdTable } from './markdown.js';
import { metaJson, reportMeta } from './meta.js';
import { money, moneyShort, percent, plain, yearLabel } from './numbers.js';
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
  silo: string;
  stages: Record<Stage, D | null>;
  total: D;
  /** reactive / total and preventive / total; null when the total is 0 */
  reactiveShare: D | null;
  preventiveShare: D | null;
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

function row(silo: string, stages: Record<Stage, D | null>): BaselineRow {
  const total = STAGES.reduce((t, s) => (stages[s] ? t.plus(stages[s]) : t), ZERO);
  const share = (s: Stage): D | null => (total.isZero() ? null : (stages[s] ?? ZERO).dividedBy(total));
  return { silo, stages, total, reactiveShare: share('reactive'), preventiveShare: share('preventive') };
}

/** Aggregate budgets into the baseline report (no rounding: figures stay exact decimals). */
export function computeBaseline(budgets: Budgets, options: BaselineOptions = {}): BaselineReport {
  const asGiven = options.asGiven === true;
  const wanted = options.places ?? budgets.places;
  // each place's lines in order of first appearance, found by service then (silo, stage): the reader shares
  // one string per name, so these lookups hash nothing new (a joined key would be built and hashed per row)
  const byPlace = new Map<string, { series: LineSeries[]; byService: Map<string, LineSeries[]> }>();
  for (const l of budgets.lines) {
    let p = byPlace.get(l.place);
    if (!p) byPlace.set(l.place, (p = { series: [], byService: new Map() }));
    let same = p.byService.get(l.service);
    if (!same) p.byService.set(l.service, (same = []));
    let s: LineSeries | undefined;
    for (const x of same) if (x.silo === l.silo && x.stage === l.stage) s = x;
    if (!s) {
      same.push((s = { silo: l.silo, stage: l.stage, byYear: [] }));
      p.series.push(s);
    }
    s.byYear.push(l);
  }
  const places: BaselinePlace[] = [];
  for (const place of wanted) {
    const series = byPlace.get(place)?.series ?? [];
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
        return row(silo, { reactive: sums.reactive?.value ?? null, preventive: sums.preventive?.value ?? null, other: sums.other?.value ?? null });
      });
      const all: Record<Stage, D | null> = { reactive: null, preventive: null, other: null };
      for (const r of silos) for (const st of STAGES) if (r.stages[st]) all[st] = (all[st] ?? ZERO).plus(r.stages[st]);
      out.push({ year, label: yearLabel(year), lines, carried, silos, all: row('all', all) });
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
 * Long CSV (METHOD.md 4): `place,year,silo,stage,amount`. Places in the order asked (else first appearance),
 * years ascending, silos alphabetically then `all`, stages reactive, preventive, other then `all`; a
 * (silo, stage) with no line in force that year has no row. `year` is the financial-year label (`2025/26`).
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
          const a = stageAmount(r, st);
          if (a === null) continue;
          yield [text(p.place), num(y.label), text(r.silo), text(st), num(plain(a, 'money'))];
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
        const values = bySilo.map((r) => (r ? stageAmount(r, st) : null));
        if (values.every((v) => v === null)) continue;
        yield [text(p.place), text(silo), text(st), text('amount'), ...values.map((v) => num(plain(v, 'money')))];
      }
      for (const st of ['reactive', 'preventive'] as const) {
        const values = bySilo.map((r) => (r ? (st === 'reactive' ? r.reactiveShare : r.preventiveShare) : null));
        yield [text(p.place), text(silo), text(st), text('share'), ...values.map((v) => num(plain(v, 'ratio')))];
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
    reactive: jnum(plain(r.stages.reactive, 'money')),
    preventive: jnum(plain(r.stages.preventive, 'money')),
    other: jnum(plain(r.stages.other, 'money')),
    total: jnum(plain(r.total, 'money')),
    reactive_share: jnum(plain(r.reactiveShare, 'ratio')),
    preventive_share: jnum(plain(r.preventiveShare, 'ratio')),
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
