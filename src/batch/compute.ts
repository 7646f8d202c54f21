// One run of a batch: the run id tells the scenario, the sweep point and the place (src/batch/grid.ts); the
// scenario is read once, and each sweep point's values set on it through the schema's setter (the checks a
// written value gets); the exact engine models the place;
// the result becomes a runs.csv row and the run's yearly.csv rows, as text, and its expectations are checked.
// Used on the main thread (--jobs 1) and in worker threads alike, so every run's text is the same either way.
import { D } from '../decimal.js';
import { InputError, PlacepoolError, formatLocation, type Location, type Problem } from '../errors.js';
import { runModel } from '../model/engine.js';
import { penceDecimalText } from '../model/amounts.js';
import { linesByPlace } from '../model/series.js';
import { SUMMARY_MEASURES, type BudgetLine, type Budgets, type Scenario, type Stage, type SummaryMeasure } from '../model/types.js';
import { csvRecord, guardText, num, toCsv, type Cell } from '../report/csv.js';
import { LONG_HEADER, longCells, yearlyRows } from '../report/long.js';
import { statisticPrecision } from '../report/measures.js';
import { plain, plainMeasure } from '../report/numbers.js';
import { ParsedDocument, type DocNode } from '../io/document.js';
import { scenarioFromDocument } from '../io/scenario.js';
import { moneyFromPlain, type PlainMoney } from '../io/scenario-money.js';
import { setParam } from '../model/params.js';
import { check, type Expectation } from './expect.js';
import { coordsOf, type GridShape } from './grid.js';
import { statisticColumns, type Statistics, type SimulateFn } from './stats.js';
import { summaryValue } from './values.js';

/**
 * What a run needs, as plain data that can be posted to a worker thread. The budgets go without their lines:
 * each task carries the lines of the places it models (see RunTask), so that a worker thread never holds a
 * copy of the whole file.
 */
export interface BatchData {
  budgets: Omit<Budgets, 'lines'>;
  /** each scenario's document, and the files its money values need as plain data (src/io/scenario-money.ts) */
  scenarios: { source: ParsedDocument['source']; format: ParsedDocument['format']; root: DocNode | null; money?: PlainMoney }[];
  sweep: { path: string; values: string[] }[];
  places: string[];
  shape: GridShape;
  simulate?: { draws: number; seed: number };
  expect: (Omit<Expectation, 'value'> & { value: string })[];
}

/**
 * One place's budget lines as posted to a worker thread: one array per field (amounts as exact decimal text,
 * the locations as one JSON text). Copying a few arrays of plain values to a thread is far quicker, and needs
 * far less memory, than copying an object per line.
 */
export interface PlaceLines {
  place: string;
  year: number[];
  silo: string[];
  service: string[];
  stage: Stage[];
  amount: string[];
  agency: (string | null)[];
  locs: string;
}

/** A worker thread's task: runs to compute, and the lines of the places they model. */
export interface RunTask {
  ids: number[];
  lines: PlaceLines[];
}

export function placeLines(place: string, lines: readonly BudgetLine[]): PlaceLines {
  return {
    place,
    year: lines.map((l) => l.year),
    silo: lines.map((l) => l.silo),
    service: lines.map((l) => l.service),
    stage: lines.map((l) => l.stage),
    // whole pence as `12345e-2`: exact decimal text, without making each line's decimal here
    amount: lines.map((l) => (l.pence !== undefined ? penceDecimalText(l.pence) : l.amount.toString())),
    agency: lines.map((l) => l.agency ?? null),
    locs: JSON.stringify(lines.map((l) => l.loc)),
  };
}

/** The budget lines of a place as posted, amounts made decimal again. */
function linesFromSerial(p: PlaceLines): BudgetLine[] {
  const locs = JSON.parse(p.locs) as Location[];
  return p.year.map((year, i) => {
    const line: BudgetLine = { place: p.place, year, silo: p.silo[i]!, service: p.service[i]!, stage: p.stage[i]!, amount: new D(p.amount[i]!), loc: locs[i]! };
    const agency = p.agency[i];
    if (agency !== null && agency !== undefined) line.agency = agency;
    return line;
  });
}

/** The places that runs model, each once, in order of first appearance. */
export function placesOfRuns(data: Pick<BatchData, 'shape' | 'places'>, ids: readonly number[]): string[] {
  return [...new Set(ids.map((id) => data.places[coordsOf(data.shape, id).place]!))];
}

/** The successful outcome of a run: its text for runs.csv and yearly.csv. */
export interface RunOutput {
  id: number;
  /** the runs.csv cells as written (text cells already guarded) */
  cells: string[];
  /** the run's yearly.csv records, each ending in `\n` */
  yearly: string;
  yearlyRecords: number;
  /** how many of the manifest's expectations failed */
  failed: number;
  /** the model's warnings for this run (and its sweep point's scenario's), when there are any */
  warnings?: { code: string; message: string }[];
}

/** A run that could not be made: the problems, to be raised on the main thread. */
export interface RunFailure {
  id: number;
  error: { message: string; problems: Problem[] };
}

/** The header of yearly.csv: the long layout's, with `run_id` first. */
export const YEARLY_HEADER = ['run_id', ...LONG_HEADER];
const YEARLY_HEADER_TEXT = toCsv(YEARLY_HEADER, []);

/** The header of runs.csv. */
export function runsHeader(data: Pick<BatchData, 'sweep' | 'simulate'>): string[] {
  return ['run_id', 'place', 'scenario', ...data.sweep.map((k) => k.path), ...SUMMARY_MEASURES, ...(data.simulate ? statisticColumns() : []), 'expectations'];
}

export class RunComputer {
  private readonly base: Scenario[];
  private readonly sweepValues: D[][];
  private readonly expectations: Expectation[];
  private cacheKey = '';
  private cached: Scenario | undefined;
  /** main thread: the budgets' lines by place, grouped when first needed */
  private linesOf: Map<string, BudgetLine[]> | undefined;
  /** each place's budgets with only that place's lines: on the main thread all of them as used, in a worker
   * thread those of the current task */
  private byPlace = new Map<string, Budgets>();

  constructor(
    private readonly data: BatchData,
    private readonly simulate?: SimulateFn,
    /** the budgets as read (main thread); a worker thread gets each task's places' lines through `provide` */
    private readonly budgets?: Budgets,
  ) {
    this.base = data.scenarios.map((s) => scenarioFromDocument(new ParsedDocument(s.source, s.format, s.root), s.money ? moneyFromPlain(s.money) : undefined));
    this.sweepValues = data.sweep.map((k) => k.values.map((v) => new D(v)));
    this.expectations = data.expect.map((e) => ({ ...e, value: new D(e.value) }));
  }

  /** The scenario of a sweep point (cached: places vary fastest). */
  private scenarioAt(scenario: number, point: number, sweep: number[]): Scenario {
    const key = `${scenario}:${point}`;
    if (key === this.cacheKey && this.cached) return this.cached;
    let s = this.base[scenario]!;
    sweep.forEach((vi, k) => {
      s = setParam(s, this.data.sweep[k]!.path, this.sweepValues[k]![vi]!, { from: 'manifest' });
    });
    this.cached = s;
    this.cacheKey = key;
    return this.cached;
  }

  /** Worker thread: the lines of the places of the next task (those of the last task are let go). */
  provide(lines: readonly PlaceLines[]): void {
    this.byPlace = new Map(lines.map((p) => [p.place, { ...this.data.budgets, lines: linesFromSerial(p) }]));
  }

  /** The budgets with only one place's rows (a run models one place): the engine then reads that place's rows only. */
  private budgetsOf(place: string): Budgets {
    let b = this.byPlace.get(place);
    if (b) return b;
    if (!this.budgets) throw new Error(`the task did not carry the lines of ${place}`);
    this.linesOf ??= linesByPlace(this.budgets.lines);
    b = { ...this.budgets, lines: this.linesOf.get(place) ?? [] };
    this.byPlace.set(place, b);
    return b;
  }

  /** Describe a run for messages: `run 7 (Lambeth, Whole place, investment.reinvest = 0.5)`. */
  describe(id: number): string {
    const c = coordsOf(this.data.shape, id);
    const sweep = c.sweep.map((vi, k) => `${this.data.sweep[k]!.path} = ${this.data.sweep[k]!.values[vi]}`);
    const scenario = this.data.scenarios[c.scenario]!.source.name;
    return `run ${id} (${[this.data.places[c.place]!, scenario, ...sweep].join(', ')})`;
  }

  run(id: number): RunOutput | RunFailure {
    try {
      return this.compute(id);
    } catch (err) {
      if (!(err instanceof PlacepoolError)) throw err;
      const where = this.describe(id);
      return { id, error: { message: `${where}: ${err.message}`, problems: err.problems.map((p) => ({ ...p, message: `${where}: ${p.message}` })) } };
    }
  }

  private compute(id: number): RunOutput {
    const c = coordsOf(this.data.shape, id);
    const scenario = this.scenarioAt(c.scenario, c.point, c.sweep);
    const place = this.data.places[c.place]!;
    const budgets = this.budgetsOf(place);
    const result = runModel(budgets, scenario, { places: [place] });
    const modelled = result.places[0]!;
    const summary = modelled.summary;

    let stats: Statistics | undefined;
    if (this.data.simulate) {
      if (!this.simulate) throw new Error('a simulated batch needs the simulation module');
      stats = this.simulate(budgets, scenario, result, this.data.simulate);
    }

    const lookup = (e: Expectation): D | null => (e.statistic ? (stats?.get(`${e.measure}.${e.statistic}`) ?? null) : summaryValue(summary, e.measure));
    const verdict = check(this.expectations, lookup);

    const cells: string[] = [String(id), guardText(place), guardText(result.scenario)];
    c.sweep.forEach((vi, k) => cells.push(this.data.sweep[k]!.values[vi]!));
    for (const m of SUMMARY_MEASURES) cells.push(plainMeasure(m, m === 'payback_t' ? summary.payback_t : summary[m as Exclude<SummaryMeasure, 'payback_t'>]));
    if (stats) for (const col of statisticColumns()) cells.push(presentStatistic(col, stats.get(col) ?? null));
    cells.push(guardText(verdict.failed === 0 ? 'pass' : `fail: ${verdict.detail}`));

    const runId = num(String(id));
    const rows: Cell[][] = [];
    for (const row of yearlyRows(result, modelled)) rows.push([runId, ...longCells(row)]);
    // one stringify call per run (not per row): the header it writes first is cut off
    const yearly = toCsv(YEARLY_HEADER, rows).slice(YEARLY_HEADER_TEXT.length);
    const out: RunOutput = { id, cells, yearly, yearlyRecords: rows.length, failed: verdict.failed };
    const warnings = [...(this.data.sweep.length ? scenario.warnings : []), ...result.warnings];
    if (warnings.length) out.warnings = warnings.map((w) => ({ code: w.code, message: (w.loc ? `${formatLocation(w.loc)}: ` : '') + w.message }));
    return out;
  }
}

/** A statistic column's value as written: money to pence, shares and year statistics to 6 dp. */
export function presentStatistic(column: string, value: D | null): string {
  const [measure, stat] = column.split('.') as [string, string];
  return plain(value, statisticPrecision(measure, stat));
}

/** A runs.csv record from cells already written as text (nothing is guarded twice). */
export function runsRecord(cells: readonly string[]): string {
  return csvRecord(cells.map((c): Cell => num(c)));
}

/** Raise a run's failure on the main thread as the InputError it was. */
export function raiseFailure(f: RunFailure): never {
  throw new InputError(f.error.problems, f.error.problems.length > 1 ? f.error.message : undefined);
}
