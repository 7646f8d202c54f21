// Renderers for `compare`: the scenarios' summaries side by side, with each one's difference from the first.
import type { ChalkInstance } from 'chalk';
import type { D } from '../decimal.js';
import { SUMMARY_MEASURES, type RunResult, type Summary, type SummaryMeasure } from '../model/types.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { metaJson, type ReportMeta } from './meta.js';
import { jsonDecimal, jsonWithNumbers } from './json-numbers.js';
import { mdEscape, mdGrid } from './markdown.js';
import { kindOf, labelOf, summaryMeasuresFor } from './measures.js';
import { humanMeasure, provenanceMd } from './run.js';
import { plainMeasure, ratio, yearsDifference } from './numbers.js';
import { renderTable } from './table.js';
import { comparePriceText } from './price-text.js';

type Value = D | number | null;

export interface CompareRow {
  place: string;
  measure: SummaryMeasure;
  /** one per scenario, in the order given (null where the scenario does not model the place) */
  values: Value[];
  /** value minus the first scenario's; null for the first, or where either is missing */
  differences: Value[];
}

function difference(a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return b - a;
  return (b as D).minus(a as D);
}

/** Places in order of first appearance across the scenarios, `all places` last. */
export function compareRows(results: readonly RunResult[], options: { forPeople?: boolean } = {}): CompareRow[] {
  const summaries = new Map<string, (Summary | null)[]>();
  const put = (place: string, i: number, s: Summary) => {
    if (!summaries.has(place)) summaries.set(place, results.map(() => null));
    summaries.get(place)![i] = s;
  };
  results.forEach((r, i) => r.places.forEach((p) => put(p.place, i, p.summary)));
  results.forEach((r, i) => r.allPlaces && put(r.allPlaces.place, i, r.allPlaces.summary));
  const order = [...summaries.keys()].sort((a, b) => Number(a === 'all places') - Number(b === 'all places'));
  const rows: CompareRow[] = [];
  for (const place of order) {
    const s = summaries.get(place)!;
    // a report for people leaves out what says nothing here (summaryMeasuresFor); CSV, JSON and Excel keep all
    for (const m of options.forPeople ? summaryMeasuresFor(s) : SUMMARY_MEASURES) {
      const values = s.map((x) => (x ? x[m] : null));
      rows.push({ place, measure: m, values, differences: values.map((v, i) => (i === 0 ? null : difference(values[0]!, v))) });
    }
  }
  return rows;
}

function humanDifference(measure: SummaryMeasure, v: Value, short: boolean): string {
  if (v === null) return '';
  const kind = kindOf(measure);
  if (kind === 'year') return yearsDifference(v as number);
  const d = v as D;
  const sign = d.greaterThan(0) ? '+' : '';
  if (kind === 'roi') return `${sign}${ratio(d)}`;
  // a difference of shares is in percentage points
  if (kind === 'share') return `${sign}${ratio(d.times(100), 1)} pp`;
  return `${sign}${humanMeasure(measure, d, undefined, short)}`;
}

function columns(results: readonly RunResult[]): string[] {
  return results.flatMap((r, i) => (i === 0 ? [r.scenario] : [r.scenario, 'difference']));
}

function cellsOf(row: CompareRow, results: readonly RunResult[], short = false): string[] {
  return row.values.flatMap((v, i) => {
    const shown = kindOf(row.measure) === 'year' && v !== null ? (results[i]!.years[v as number]?.label ?? String(v)) : humanMeasure(row.measure, v, undefined, short);
    return i === 0 ? [shown] : [shown, humanDifference(row.measure, row.differences[i]!, short)];
  });
}

function byPlace(rows: CompareRow[]): Map<string, CompareRow[]> {
  const m = new Map<string, CompareRow[]>();
  for (const r of rows) m.set(r.place, [...(m.get(r.place) ?? []), r]);
  return m;
}

export function renderCompareTable(results: readonly RunResult[], chalk: ChalkInstance): string {
  const blocks: string[] = [`${chalk.bold('Scenarios compared')}: ${results.map((r) => r.scenario).join(', ')} (differences from ${results[0]!.scenario})\nMoney: ${comparePriceText(results)}.`];
  for (const [place, rows] of byPlace(compareRows(results, { forPeople: true }))) {
    // long scenario names wrap in the header so that the table keeps to the terminal's width
    const head = [{ header: place, width: 42 }, ...columns(results).map((header) => ({ header, numeric: true, width: 14 }))];
    blocks.push(renderTable(head, rows.map((r) => [labelOf(r.measure), ...cellsOf(r, results, true)]), { chalk, headerRule: false }));
  }
  return `${blocks.join('\n\n')}\n`;
}

export function renderCompareCsv(results: readonly RunResult[], layout: 'wide' | 'long'): string {
  const rows = compareRows(results);
  if (layout === 'long') {
    const out: Cell[][] = [];
    for (const r of rows) {
      r.values.forEach((v, i) =>
        out.push([text(r.place), text(results[i]!.scenario), text(r.measure), num(plainMeasure(r.measure, v)), num(plainMeasure(r.measure, r.differences[i]!))]),
      );
    }
    return toCsv(['place', 'scenario', 'measure', 'value', 'difference'], out);
  }
  const header = ['place', 'measure', ...results.flatMap((r, i) => (i === 0 ? [r.scenario] : [r.scenario, `${r.scenario} - ${results[0]!.scenario}`]))];
  return toCsv(
    header,
    rows.map((r) => [
      text(r.place),
      text(r.measure),
      ...r.values.flatMap((v, i) => (i === 0 ? [num(plainMeasure(r.measure, v))] : [num(plainMeasure(r.measure, v)), num(plainMeasure(r.measure, r.differences[i]!))])),
    ]),
  );
}

export function renderCompareJson(results: readonly RunResult[], meta: ReportMeta): string {
  const json = (m: SummaryMeasure, v: Value) => jsonDecimal(plainMeasure(m, v));
  const places = [...byPlace(compareRows(results))].map(([place, rows]) => ({
    place,
    measures: Object.fromEntries(rows.map((r) => [r.measure, { values: r.values.map((v) => json(r.measure, v)), differences: r.differences.map((v) => json(r.measure, v)) }])),
  }));
  return jsonWithNumbers({ ...metaJson(meta), result: { scenarios: results.map((r) => r.scenario), baseline_scenario: results[0]!.scenario, price_bases: results.map((r) => r.priceBase), prices: comparePriceText(results), places } });
}

export function renderCompareMd(results: readonly RunResult[], meta: ReportMeta): string {
  const out = [`# Scenarios compared`, `Differences are from **${mdEscape(results[0]!.scenario)}**. Money in pounds; ${mdEscape(comparePriceText(results))}.`];
  let n = 0;
  for (const [place, rows] of byPlace(compareRows(results, { forPeople: true }))) {
    out.push(`**Table ${++n}. Summary by scenario, ${mdEscape(place)}**`);
    out.push(mdGrid(['Measure', ...columns(results)], rows.map((r) => [labelOf(r.measure), ...cellsOf(r, results)])));
  }
  const warnings = results.flatMap((r) => r.warnings.map((w) => `- ${mdEscape(r.scenario)}: ${mdEscape(w.message)}`));
  if (warnings.length) out.push('## Notes', warnings.join('\n'));
  out.push(provenanceMd(meta));
  return `${out.join('\n\n')}\n`;
}
