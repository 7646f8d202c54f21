// The budgets totalled for the `baseline` report: each place's spend by silo and stage for each year, with
// the reactive and preventive shares of the total (the prevention share of docs/method.md, 7).
//
// Years. A budgets file gives every line for its base year and, often, medium-term-plan rows for later years
// on some lines only. Summing only the rows given for a later year would make its total look like a collapse
// in spend, so by default a line with no row for a year carries its latest earlier amount forward unchanged:
// the projection of docs/method.md, 1, with no growth (a scenario's growth applies in `run`). A line with no
// row for a year or any earlier year is not counted. `asGiven` sums only the rows given for each year.
import { D, ZERO } from '../decimal.js';
import { AmountSum, fromPence } from './amounts.js';
import { SeriesIndex } from './series.js';
import { STAGES, type BudgetLine, type Budgets, type InputSource, type Stage } from './types.js';
import { yearLabel } from './years.js';

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
