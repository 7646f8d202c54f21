// Renderers for `compare`: the scenarios' summaries side by side, with each one's difference from the first;
// who pays and who benefits (each party's settlement and peak funding), and the funding gap with the share closed.
import type { ChalkInstance } from 'chalk';
import type { D } from '../decimal.js';
import { SETTLEMENT_MEASURES, SUMMARY_MEASURES, type RunResult, type SettlementMeasure, type SettlementRow, type Summary } from '../model/types.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { metaJson, type ReportMeta } from './meta.js';
import { jsonDecimal, jsonWithNumbers } from './json-numbers.js';
import { mdEscape, mdGrid } from './markdown.js';
import { KIND_PRECISION, kindOf, labelOf, paybackYearText, summaryMeasuresFor, type LabelStyle, type MeasureKind } from './measures.js';
import { humanMeasure, provenanceMd } from './run.js';
import { percent, plain, ratio, yearsDifference } from './numbers.js';
import { renderTable, titled } from './table.js';
import type { Warning } from '../errors.js';
import { yearLabel } from '../model/years.js';
import { count } from '../words.js';
import { comparePriceText } from './price-text.js';

type Value = D | number | null;

/**
 * A row of a comparison: a summary measure of a place, one party's settlement measure (who pays, who
 * benefits), or a measure of the funding gap; one value per scenario in the order given.
 */
export interface CompareRow {
  place: string;
  /** `summary`, `settlement` (who pays: one row per party and measure) or `gap` (the funding gap) */
  table: 'summary' | 'settlement' | 'gap';
  /** the party (a partner, a silo in no partner, or a funder) for settlement rows; '' otherwise */
  entity: string;
  /** the party's kind, for settlement rows */
  party?: { kind: SettlementRow['kind']; external: boolean };
  measure: string;
  kind: MeasureKind;
  /** one per scenario, in the order given (null where the scenario does not model the place, or has no such party) */
  values: Value[];
  /** value minus the first scenario's; null for the first, or where either is missing */
  differences: Value[];
  /** whether the scenario models the place (a payback never reached is null too, and reads "never") */
  modelled: boolean[];
}

function difference(a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return b - a;
  return (b as D).minus(a as D);
}

/** The share of the funding gap that the scenario closes, `(baseline - scenario) / baseline`; none when the baseline has no gap. */
export function gapClosed(baseline: D | null, scenario: D | null): D | null {
  if (baseline === null || scenario === null || !baseline.greaterThan(0)) return null;
  return baseline.minus(scenario).dividedBy(baseline);
}

/** The funding gap as compare shows it: each gap measure of the summary, and beside each pair the share closed. */
export const GAP_ROWS = ['final_baseline_gap', 'final_scenario_gap', 'final_gap_closed', 'cumulative_baseline_gap', 'cumulative_scenario_gap', 'cumulative_gap_closed'] as const;
export type GapRow = (typeof GAP_ROWS)[number];

const CLOSED_WORDS: Record<'final_gap_closed' | 'cumulative_gap_closed', { text: string; html: string }> = {
  final_gap_closed: { text: 'Share of the gap closed (final year)', html: 'Share of the funding gap closed in the final year' },
  cumulative_gap_closed: { text: 'Share of the gap closed (cumulative)', html: 'Share of the funding gap closed over the horizon' },
};

function gapValue(s: Summary, m: GapRow): D | null {
  if (m === 'final_gap_closed') return gapClosed(s.final_baseline_gap, s.final_scenario_gap);
  if (m === 'cumulative_gap_closed') return gapClosed(s.cumulative_baseline_gap, s.cumulative_scenario_gap);
  return s[m];
}

/** The words for a row's measure (a party's row is named by its party beside it). */
export function rowLabel(row: Pick<CompareRow, 'measure'>, style: LabelStyle = 'text'): string {
  if (row.measure === 'final_gap_closed' || row.measure === 'cumulative_gap_closed') return CLOSED_WORDS[row.measure][style === 'html' ? 'html' : 'text'];
  return labelOf(row.measure, style);
}

/** A party as people read it: `Big Lottery Fund (funder)`, `criminal_justice (external)`. */
export function partyLabel(row: Pick<CompareRow, 'entity' | 'party'>, siloName: (silo: string) => string = (silo) => silo): string {
  if (!row.party) return row.entity;
  const name = row.party.kind === 'silo' ? siloName(row.entity) : row.entity;
  return `${name}${row.party.external ? ' (external)' : row.party.kind === 'silo' ? '' : ` (${row.party.kind})`}`;
}

/** A row's value as CSV and JSON write it (money to the penny, shares to 6 dp). */
export function rowPlain(row: Pick<CompareRow, 'kind'>, v: Value): string {
  return plain(v, KIND_PRECISION[row.kind]);
}

/** Who pays in a report for people: what each party pays, where it ends after settlement, and its own cash exposure. */
const PEOPLE_SETTLEMENT: readonly SettlementMeasure[] = ['pays', 'gains', 'net_after', 'peak_funding'];
const PARTY_ORDER: Record<SettlementRow['kind'], number> = { partner: 0, silo: 1, funder: 2 };

interface Column {
  summary: Summary | null;
  settlement: readonly SettlementRow[] | null;
}

function rowsOf(place: string, cols: readonly Column[], forPeople: boolean, withGap: boolean): CompareRow[] {
  const rows: CompareRow[] = [];
  const modelled = cols.map((c) => c.summary !== null);
  const push = (r: Omit<CompareRow, 'differences' | 'modelled' | 'place'>): void => {
    rows.push({ place, ...r, modelled, differences: r.values.map((v, i) => (i === 0 ? null : difference(r.values[0]!, v))) });
  };
  const summaries = cols.map((c) => c.summary);
  // a report for people leaves out what says nothing here (summaryMeasuresFor), and the gap it shows in its own table
  const measures = forPeople ? summaryMeasuresFor(summaries).filter((m) => !withGap || !(GAP_ROWS as readonly string[]).includes(m)) : SUMMARY_MEASURES;
  for (const m of measures) push({ table: 'summary', entity: '', measure: m, kind: kindOf(m), values: summaries.map((x) => (x ? x[m] : null)) });
  // the parties of every scenario, in the settlement's order: partners and funders in order of first appearance,
  // silos in no partner between them
  const parties: { name: string; kind: SettlementRow['kind']; external: boolean }[] = [];
  for (const c of cols) for (const r of c.settlement ?? []) if (!parties.some((p) => p.name === r.silo && p.kind === r.kind)) parties.push({ name: r.silo, kind: r.kind, external: r.external });
  // silos as the settlement orders them (with lines, then external, each alphabetically)
  const silo = (p: (typeof parties)[number]) => `${p.external ? 1 : 0}${p.name}`;
  parties.sort((a, b) => PARTY_ORDER[a.kind] - PARTY_ORDER[b.kind] || (a.kind === 'silo' ? (silo(a) < silo(b) ? -1 : silo(a) > silo(b) ? 1 : 0) : 0));
  for (const p of parties) {
    const found = cols.map((c) => c.settlement?.find((r) => r.silo === p.name && r.kind === p.kind) ?? null);
    for (const m of forPeople ? PEOPLE_SETTLEMENT : SETTLEMENT_MEASURES) {
      push({ table: 'settlement', entity: p.name, party: { kind: p.kind, external: p.external }, measure: m, kind: 'money', values: found.map((r) => (r ? r[m] : null)) });
    }
  }
  if (withGap) for (const m of GAP_ROWS) push({ table: 'gap', entity: '', measure: m, kind: m.endsWith('_closed') ? 'share' : 'money', values: summaries.map((x) => (x ? gapValue(x, m) : null)) });
  return rows;
}

/**
 * Places in order of first appearance across the scenarios, `all places` last; for each, its summary, who
 * pays (places only: `all places` has no settlement) and, when a scenario has an envelope, the funding gap.
 */
export function compareRows(results: readonly RunResult[], options: { forPeople?: boolean } = {}): CompareRow[] {
  const columns = new Map<string, Column[]>();
  const put = (place: string, i: number, c: Column) => {
    if (!columns.has(place)) columns.set(place, results.map(() => ({ summary: null, settlement: null })));
    columns.get(place)![i] = c;
  };
  results.forEach((r, i) => r.places.forEach((p) => put(p.place, i, { summary: p.summary, settlement: p.settlement })));
  results.forEach((r, i) => r.allPlaces && put(r.allPlaces.place, i, { summary: r.allPlaces.summary, settlement: null }));
  const withGap = results.some((r) => r.hasEnvelope);
  const order = [...columns.keys()].sort((a, b) => Number(a === 'all places') - Number(b === 'all places'));
  return order.flatMap((place) => rowsOf(place, columns.get(place)!, options.forPeople === true, withGap));
}

/**
 * Warnings when the scenarios are not like for like: different horizons (the longer counts more years of
 * costs and savings), base years (values discounted to different years) or price bases (pounds of different
 * years). One warning for each that differs, naming every scenario's value.
 */
export function compareWarnings(results: readonly RunResult[]): Warning[] {
  const out: Warning[] = [];
  const differ = (of: (r: RunResult) => string, code: string, what: string, why: string) => {
    const values = results.map(of);
    if (new Set(values).size > 1) {
      out.push({ code, message: `the scenarios have different ${what} (${results.map((r, i) => `${r.scenario}: ${values[i]!}`).join('; ')}): ${why}` });
    }
  };
  differ((r) => count(r.horizon, 'year'), 'compare-horizons', 'horizons', 'a longer horizon counts more years of costs and savings, so the differences are not like for like');
  differ((r) => yearLabel(r.baseYear), 'compare-base-years', 'base years', 'their present values are discounted to different years, so the differences are not like for like');
  differ((r) => `${yearLabel(r.priceBase)} prices`, 'compare-price-bases', 'price bases', 'their pounds are of different years, so the differences mix price levels');
  return out;
}

function humanDifference(row: CompareRow, v: Value, short: boolean): string {
  if (v === null) return '';
  if (row.kind === 'year') return yearsDifference(v as number);
  const d = v as D;
  const sign = d.greaterThan(0) ? '+' : '';
  if (row.kind === 'roi') return `${sign}${ratio(d)}`;
  // a difference of shares is in percentage points
  if (row.kind === 'share') return `${sign}${ratio(d.times(100), 1)} pp`;
  return `${sign}${humanMeasure(row.measure, d, undefined, short)}`;
}

/** A row's value for people: '-' where the scenario does not model the place or has no such party. */
function humanValue(row: CompareRow, i: number, results: readonly RunResult[], short: boolean): string {
  const v = row.values[i]!;
  if (!row.modelled[i]) return '-';
  if (row.kind === 'year') return paybackYearText(v === null ? undefined : results[i]!.years[v as number]?.label, v as number | null);
  if (v === null) return '-';
  if (row.kind === 'share') return percent(v as D);
  return humanMeasure(row.measure, v, undefined, short);
}

function columns(results: readonly RunResult[]): string[] {
  return results.flatMap((r, i) => (i === 0 ? [r.scenario] : [r.scenario, 'difference']));
}

function cellsOf(row: CompareRow, results: readonly RunResult[], short = false): string[] {
  return row.values.flatMap((_, i) => {
    const shown = humanValue(row, i, results, short);
    return i === 0 ? [shown] : [shown, humanDifference(row, row.differences[i]!, short)];
  });
}

/**
 * The lines of a block in a table for people: a party's rows follow a line naming the party, each measure
 * indented under it (`indent`), so that the label column stays narrow.
 */
function peopleLines(b: CompareBlock, results: readonly RunResult[], indent: (label: string) => string, short = false, style: LabelStyle = 'text'): string[][] {
  const blank = columns(results).map(() => '');
  const lines: string[][] = [];
  b.rows.forEach((r, k) => {
    if (r.table === 'settlement' && (k === 0 || b.rows[k - 1]!.entity !== r.entity || b.rows[k - 1]!.party!.kind !== r.party!.kind)) lines.push([partyLabel(r), ...blank]);
    const label = rowLabel(r, r.kind === 'year' ? 'text' : style);
    lines.push([r.table === 'settlement' ? indent(label) : label, ...cellsOf(r, results, short)]);
  });
  return lines;
}

export interface CompareBlock {
  place: string;
  table: CompareRow['table'];
  rows: CompareRow[];
}

/** The rows by place and table, in order: each place's summary, who pays, the funding gap. */
export function compareBlocks(rows: readonly CompareRow[]): CompareBlock[] {
  const out: CompareBlock[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.place === r.place && last.table === r.table) last.rows.push(r);
    else out.push({ place: r.place, table: r.table, rows: [r] });
  }
  return out;
}

const BLOCK_TITLE: Record<CompareRow['table'], string> = { summary: '', settlement: 'who pays, who benefits', gap: 'funding gap' };

export function renderCompareTable(results: readonly RunResult[], chalk: ChalkInstance, width = 80): string {
  const blocks: string[] = [titled(chalk, 'Scenarios compared', `: ${results.map((r) => r.scenario).join(', ')} (differences from ${results[0]!.scenario}). Money: ${comparePriceText(results)}.`, width)];
  for (const b of compareBlocks(compareRows(results, { forPeople: true }))) {
    // long scenario names wrap in the header, and scenarios beyond the width go to a further block
    const title = b.table === 'summary' ? b.place : `${b.place}: ${BLOCK_TITLE[b.table]}`;
    const head = [{ header: title }, ...columns(results).map((header) => ({ header, numeric: true }))];
    blocks.push(renderTable(head, peopleLines(b, results, (l) => `  ${l}`, true, 'short'), { chalk, headerRule: false, maxWidth: width }));
  }
  return `${blocks.join('\n\n')}\n`;
}

export function renderCompareCsv(results: readonly RunResult[], layout: 'wide' | 'long'): string {
  const rows = compareRows(results);
  if (layout === 'long') {
    const out: Cell[][] = [];
    for (const r of rows) {
      r.values.forEach((v, i) =>
        out.push([text(r.place), text(results[i]!.scenario), text(r.table), text(r.entity), text(r.measure), num(rowPlain(r, v)), num(rowPlain(r, r.differences[i]!))]),
      );
    }
    return toCsv(['place', 'scenario', 'table', 'entity', 'measure', 'value', 'difference'], out);
  }
  const header = ['place', 'table', 'entity', 'measure', ...results.flatMap((r, i) => (i === 0 ? [r.scenario] : [r.scenario, `${r.scenario} - ${results[0]!.scenario}`]))];
  return toCsv(
    header,
    rows.map((r) => [
      text(r.place),
      text(r.table),
      text(r.entity),
      text(r.measure),
      ...r.values.flatMap((v, i) => (i === 0 ? [num(rowPlain(r, v))] : [num(rowPlain(r, v)), num(rowPlain(r, r.differences[i]!))])),
    ]),
  );
}

export function renderCompareJson(results: readonly RunResult[], meta: ReportMeta): string {
  const pair = (r: CompareRow) => ({ values: r.values.map((v) => jsonDecimal(rowPlain(r, v))), differences: r.differences.map((v) => jsonDecimal(rowPlain(r, v))) });
  const places: Record<string, unknown>[] = [];
  for (const b of compareBlocks(compareRows(results))) {
    if (b.table === 'summary') places.push({ place: b.place, measures: Object.fromEntries(b.rows.map((r) => [r.measure, pair(r)])) });
    const at = places[places.length - 1]!;
    if (b.table === 'settlement') {
      const parties: Record<string, unknown>[] = [];
      for (const r of b.rows) {
        let p = parties[parties.length - 1];
        if (!p || p.party !== r.entity || p.kind !== r.party!.kind) parties.push((p = { party: r.entity, kind: r.party!.kind, external: r.party!.external, measures: {} }));
        (p.measures as Record<string, unknown>)[r.measure] = pair(r);
      }
      at.who_pays = parties;
    }
    if (b.table === 'gap') at.funding_gap = Object.fromEntries(b.rows.map((r) => [r.measure, pair(r)]));
  }
  return jsonWithNumbers({ ...metaJson(meta), result: { scenarios: results.map((r) => r.scenario), baseline_scenario: results[0]!.scenario, price_bases: results.map((r) => r.priceBase), prices: comparePriceText(results), warnings: compareWarnings(results).map((w) => ({ code: w.code, message: w.message })), places } });
}

const MD_TITLE: Record<CompareRow['table'], string> = { summary: 'Summary by scenario', settlement: 'Who pays and who benefits', gap: 'The funding gap' };

export function renderCompareMd(results: readonly RunResult[], meta: ReportMeta): string {
  const out = [`# Scenarios compared`, `Differences are from **${mdEscape(results[0]!.scenario)}**. Money in pounds; ${mdEscape(comparePriceText(results))}.`];
  let n = 0;
  for (const b of compareBlocks(compareRows(results, { forPeople: true }))) {
    out.push(`**Table ${++n}. ${MD_TITLE[b.table]}, ${mdEscape(b.place)}**`);
    out.push(mdGrid([b.table === 'settlement' ? 'Party' : 'Measure', ...columns(results)], peopleLines(b, results, (l) => `&nbsp;&nbsp;${l}`)));
  }
  const warnings = [
    ...compareWarnings(results).map((w) => `- ${mdEscape(w.message)}`),
    ...results.flatMap((r) => r.warnings.map((w) => `- ${mdEscape(r.scenario)}: ${mdEscape(w.message)}`)),
  ];
  if (warnings.length) out.push('## Notes', warnings.join('\n'));
  out.push(provenanceMd(meta));
  return `${out.join('\n\n')}\n`;
}
