// Renderers of a Monte Carlo simulation (docs/method.md, "13. Uncertainty"; the long CSV layout is in
// docs/method.md, "Long CSV layout"): terminal table with a histogram of npv_cashable and the payback-year
// distribution, CSV wide and long, JSON, Markdown. They present the statistics; they compute nothing but bar
// lengths.
import type { ChalkInstance } from 'chalk';
import { D } from '../decimal.js';
import { formatLocation } from '../errors.js';
import { SUMMARY_MEASURES, type Distribution, type Precision, type Summary } from '../model/types.js';
import { PERCENTILES, PROBABILITIES, probabilityOf, type EntitySimulation, type MeasureStatistics, type SimulationResult } from '../uncertainty/types.js';
import { STATISTICS } from '../uncertainty/stats.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { metaJson, type ReportMeta } from './meta.js';
import { jsonDecimal, jsonWithNumbers } from './json-numbers.js';
import { moneyShort, percent, plain, ratio } from './numbers.js';
import { kindOf, labelOf, paramLabel, paybackYearText, precisionOf, statisticPrecision, summaryMeasuresFor } from './measures.js';
import { provenanceMd, warningLines } from './run.js';
import { mdEscape, mdGrid } from './markdown.js';
import { renderTable, titled, wrap } from './table.js';
import { count, noun } from '../words.js';
import { priceText } from './price-text.js';


export const SIMULATE_LONG_HEADER = ['place', 'scenario', 'measure', 'statistic', 'value'];
export const SIMULATE_WIDE_HEADER = ['place', 'scenario', 'measure', 'count', 'mean', ...PERCENTILES.map((p) => `p${p}`), 'prob_positive', 'prob_never'];

function statValue(s: MeasureStatistics, statistic: (typeof STATISTICS)[number]): number | null {
  return statistic === 'mean' ? s.mean : s.percentiles[statistic];
}

const toD = (x: number): D => new D(String(x));

/** `10,000` */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// ---------------------------------------------------------------------------------------------------------
// CSV

function* longRows(result: SimulationResult): Generator<Cell[]> {
  for (const e of result.entities) {
    const row = (measure: string, statistic: string, value: string): Cell[] => [text(e.place), text(result.scenario), text(measure), text(statistic), num(value)];
    for (const s of e.measures) {
      for (const statistic of STATISTICS) yield row(s.measure, statistic, plain(statValue(s, statistic), statisticPrecision(s.measure)));
    }
    for (const p of PROBABILITIES) yield row(p.measure, p.statistic, plain(probabilityOf(e, p), 'ratio'));
    yield row('draws', 'count', String(result.draws));
    yield row('clamped', 'count', String(result.clamped));
  }
}

/** docs/method.md, "Long CSV layout", `simulate`: `place,scenario,measure,statistic,value`. */
export function renderSimulateLongCsv(result: SimulationResult): string {
  return toCsv(SIMULATE_LONG_HEADER, longRows(result));
}

/** One row per place and measure: the count of draws with a value, the mean and the percentiles. */
export function renderSimulateWideCsv(result: SimulationResult): string {
  const rows: Cell[][] = [];
  for (const e of result.entities) {
    for (const s of e.measures) {
      rows.push([
        text(e.place),
        text(result.scenario),
        text(s.measure),
        num(String(s.count)),
        ...STATISTICS.map((st) => num(plain(statValue(s, st), statisticPrecision(s.measure)))),
        ...(['prob_positive', 'prob_never'] as const).map((statistic) => {
          const p = PROBABILITIES.find((x) => x.measure === s.measure && x.statistic === statistic);
          return num(p ? plain(probabilityOf(e, p), 'ratio') : '');
        }),
      ]);
    }
  }
  return toCsv(SIMULATE_WIDE_HEADER, rows);
}

// ---------------------------------------------------------------------------------------------------------
// JSON

function jsonNumber(value: number | D | null, precision: Precision): string | null {
  return jsonDecimal(plain(value, precision));
}

export function distributionJson(dist: Distribution): Record<string, string | number> {
  const n = (x: D) => Number(x.toString());
  switch (dist.kind) {
    case 'triangular':
    case 'pert':
      return { kind: dist.kind, low: n(dist.low), mode: n(dist.mode), high: n(dist.high) };
    case 'uniform':
      return { kind: dist.kind, low: n(dist.low), high: n(dist.high) };
    case 'normal':
      return { kind: dist.kind, mean: n(dist.mean), sd: n(dist.sd) };
  }
}

/**
 * A parameter's number for people: at most 10 significant digits, so that a value converted to the price base
 * (6027.93748091153131044681751691841) reads 6027.937481; a value as written (0.035, 5214) is unchanged.
 */
export function parameterNumber(x: D): string {
  return x.toSignificantDigits(10).toString();
}

/** `triangular(0.3, 0.5, 0.6)`, `normal(0.02, 0.005)` */
export function distributionText(dist: Distribution): string {
  const n = parameterNumber;
  switch (dist.kind) {
    case 'triangular':
    case 'pert':
      return `${dist.kind}(${n(dist.low)}, ${n(dist.mode)}, ${n(dist.high)})`;
    case 'uniform':
      return `uniform(${n(dist.low)}, ${n(dist.high)})`;
    case 'normal':
      return `normal(${n(dist.mean)}, ${n(dist.sd)})`;
  }
}

function centreJson(s: Summary): Record<string, string | null> {
  return Object.fromEntries(SUMMARY_MEASURES.map((m) => [m, jsonNumber(s[m], precisionOf(m))]));
}

export function simulateJson(result: SimulationResult) {
  return {
    scenario: result.scenario,
    base_year: result.baseYear,
    price_base: result.priceBase,
    ...(result.prices ? { deflators: result.prices.deflators } : {}),
    horizon: result.horizon,
    draws: result.draws,
    seed: result.seed,
    clamped_draws: result.clamped,
    parameters: result.parameters.map((p) => ({
      path: p.path,
      label: p.label,
      distribution: distributionJson(p.dist),
      central: Number(p.central.toString()),
      min: Number(p.min.toString()),
      max: p.max === null ? null : Number(p.max.toString()),
      clamped_draws: p.clamped,
    })),
    places: result.entities.map((e) => ({
      place: e.place,
      central: centreJson(e.centre),
      statistics: Object.fromEntries(
        e.measures.map((s) => [
          s.measure,
          { count: s.count, ...Object.fromEntries(STATISTICS.map((st) => [st, jsonNumber(statValue(s, st), statisticPrecision(s.measure))])) },
        ]),
      ),
      prob_npv_cashable_positive: jsonNumber(e.probPositive, 'ratio'),
      prob_npv_public_value_positive: jsonNumber(e.probPublicValuePositive, 'ratio'),
      prob_never_pays_back: jsonNumber(e.probNever, 'ratio'),
      payback: e.payback.map((b) => ({ t: b.t, label: b.label, draws: b.count, share: jsonNumber(b.share, 'ratio') })),
      npv_cashable_histogram: e.histogram.map((b) => ({ from: jsonNumber(b.from, 'money'), to: jsonNumber(b.to, 'money'), draws: b.count })),
    })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.loc ? { location: formatLocation(w.loc) } : {}) })),
  };
}

export function renderSimulateJson(result: SimulationResult, meta: ReportMeta): string {
  return jsonWithNumbers({ ...metaJson(meta), result: simulateJson(result) });
}

// ---------------------------------------------------------------------------------------------------------
// For people

/** A statistic for people: money short (`£1.23m`), ROI `2.42`, shares `12.3%`, payback years `3.4`. */
export function humanStatistic(measure: string, value: number | null): string {
  if (value === null) return '-';
  const v = toD(value);
  switch (kindOf(measure)) {
    case 'year':
      return ratio(v, 1);
    case 'roi':
      return ratio(v);
    case 'share':
      return percent(v);
    default:
      return moneyShort(v);
  }
}

/** The statistics of the measures a report for people shows (summaryMeasuresFor). */
function shownStatistics(e: EntitySimulation): MeasureStatistics[] {
  const shown = new Set<string>(summaryMeasuresFor([e.centre]));
  return e.measures.filter((s) => shown.has(s.measure));
}

function statisticsRows(e: EntitySimulation): string[][] {
  return shownStatistics(e).map((s) => [labelOf(s.measure, 'short'), ...STATISTICS.map((st) => humanStatistic(s.measure, statValue(s, st)))]);
}

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/** A horizontal bar of `fraction` x `width` characters, in eighths. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8]!;
}

/** A bar's width: what is left of `width` after `used` characters, from 5 to 40. */
function barRoom(width: number, used: number): number {
  return Math.max(5, Math.min(40, width - used - 1));
}

function histogramLines(e: EntitySimulation, chalk: ChalkInstance, width: number): string[] {
  const most = Math.max(1, ...e.histogram.map((b) => b.count));
  const ranges = e.histogram.map((b) => [moneyShort(toD(b.from)), moneyShort(toD(b.to))] as const);
  const w0 = Math.max(...ranges.map((r) => r[0].length));
  const w1 = Math.max(...ranges.map((r) => r[1].length));
  const wc = Math.max(...e.histogram.map((b) => String(b.count).length));
  const barWidth = barRoom(width, 2 + w0 + 4 + w1 + 2 + wc + 2);
  return e.histogram.map((b, i) => {
    const [from, to] = ranges[i]!;
    const colour = b.to <= 0 ? chalk.red : b.from >= 0 ? chalk.green : chalk.yellow;
    return `  ${from.padStart(w0)} to ${to.padStart(w1)}  ${String(b.count).padStart(wc)}  ${colour(bar(b.count / most, barWidth))}`;
  });
}

function paybackLines(e: EntitySimulation, width: number): string[] {
  const shown = e.payback.filter((b) => b.count > 0);
  const w = Math.max(...shown.map((b) => paybackYearText(b.label, b.t).length));
  const barWidth = barRoom(width, 2 + w + 2 + 6 + 2);
  return shown.map((b) => `  ${paybackYearText(b.label, b.t).padEnd(w)}  ${percent(toD(b.share)).padStart(6)}  ${bar(b.share, barWidth)}`);
}

export interface SimulateTableOptions {
  chalk: ChalkInstance;
  /** the width the report keeps to */
  width: number;
}

function headerLines(result: SimulationResult): string[] {
  const first = result.years[0]!.label;
  const last = result.years[result.years.length - 1]!.label;
  const clamped =
    result.clamped === 0
      ? 'no draw was clamped'
      : `${grouped(result.clamped)} ${noun(result.clamped, 'draw')} had a value clamped into its valid range`;
  return [
    `${first} to ${last} (${count(result.horizon, 'year')}); ${grouped(result.draws)} ${noun(result.draws, 'draw')}, seed ${result.seed}; ${clamped}`,
    `Money: ${priceText(result)}.`,
  ];
}

export function renderSimulateTable(result: SimulationResult, options: SimulateTableOptions): string {
  const { chalk, width } = options;
  const blocks: string[] = [];
  blocks.push(`${chalk.bold(wrap(`${result.scenario}: Monte Carlo simulation`, width))}\n${wrap(headerLines(result).join('\n'), width)}`);
  if (result.parameters.length) {
    blocks.push(
      renderTable(
        [{ header: 'Uncertain value' }, { header: 'Distribution' }, { header: 'Central', numeric: true }, { header: 'Clamped draws', numeric: true }],
        result.parameters.map((p) => [paramLabel(p.label), distributionText(p.dist), parameterNumber(p.central), grouped(p.clamped)]),
        { chalk, headerRule: false, maxWidth: width },
      ),
    );
  } else blocks.push('The scenario has no uncertain values, so every draw is the same.');
  for (const e of result.entities) {
    blocks.push(chalk.bold.underline(wrap(e.place, width)));
    blocks.push(
      renderTable(
        [{ header: 'Measure' }, ...STATISTICS.map((s) => ({ header: s === 'mean' ? 'Mean' : s.toUpperCase(), numeric: true }))],
        statisticsRows(e),
        { chalk, headerRule: false, maxWidth: width },
      ),
    );
    blocks.push(
      `${titled(chalk, 'NPV (cashable) across the draws', `: positive in ${percent(toD(e.probPositive))} of draws (central value ${moneyShort(e.centre.npv_cashable)})`, width)}\n` +
        histogramLines(e, chalk, width).join('\n'),
    );
    blocks.push(`${titled(chalk, 'Payback year', ' (first year from which the cumulative discounted net cashable stays >= 0)', width)}\n${paybackLines(e, width).join('\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

export function renderSimulateMd(result: SimulationResult, meta: ReportMeta): string {
  const out: string[] = [];
  out.push(`# ${mdEscape(result.scenario)}: Monte Carlo simulation`);
  const [span, prices] = headerLines(result);
  out.push(`${span}.`, mdEscape(prices!));
  out.push(provenanceMd(meta));
  let n = 0;
  const caption = (title: string) => `**Table ${++n}. ${mdEscape(title)}**`;
  if (result.parameters.length) {
    out.push(
      caption('Uncertain values'),
      mdGrid(
        ['Value', 'Distribution', 'Central', 'Clamped draws'],
        result.parameters.map((p) => [paramLabel(p.label), distributionText(p.dist), parameterNumber(p.central), String(p.clamped)]),
        2,
      ),
    );
  }
  for (const e of result.entities) {
    out.push(`## ${mdEscape(e.place)}`);
    out.push(
      caption(`Summary measures over ${count(result.draws, 'draw')}, ${e.place}`),
      mdGrid(
        ['Measure', 'Draws', 'Mean', ...PERCENTILES.map((p) => `P${p}`)],
        // payback's statistics are of the year index t (a mean of 1.9 is not a year): its short words say so
        shownStatistics(e).map((s) => [labelOf(s.measure, kindOf(s.measure) === 'year' ? 'short' : 'text'), String(s.count), ...STATISTICS.map((st) => humanStatistic(s.measure, statValue(s, st)))]),
      ),
    );
    out.push(`The cashable net present value is positive in ${percent(toD(e.probPositive))} of draws; the plan never pays back within the horizon in ${percent(toD(e.probNever))}.`);
    out.push(
      caption(`Payback year, ${e.place}`),
      mdGrid(
        ['Payback year', 'Draws', 'Share'],
        e.payback.filter((b) => b.count > 0).map((b) => [paybackYearText(b.label, b.t), String(b.count), percent(toD(b.share))]),
      ),
    );
  }
  if (result.warnings.length) out.push('## Warnings (at the central values)', warningLines(result.warnings).map(mdEscape).join('\n'));
  return `${out.join('\n\n')}\n`;
}
