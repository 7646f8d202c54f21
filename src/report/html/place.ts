// The parts of a report about one place's result, shared by the run, compare and simulate pages.
import { ZERO, negative, type D } from '../../decimal.js';
import {
  INTERVENTION_MEASURES,
  SETTLEMENT_MEASURES,
  allYearMeasures,
  yearlyBlocks,
  type PlaceResult,
  type RunResult,
  type YearlyBlock,
  type PlaceYear,
  type SettlementRow,
  type Summary,
  type YearInfo,
} from '../../model/types.js';
import { kindOf, labelOf, paybackYearText, summaryMeasuresFor } from '../measures.js';
import { money, moneyShort, percent, plain, ratio } from '../numbers.js';
import { barChart, cumulativeChart, spendBySiloChart, type ChartText } from '../svg/charts.js';
import { PALETTE } from '../svg/frame.js';
import { cards, figure, table, type Card, type CellLike, type TableRow } from './page.js';
import { count } from '../../words.js';

/** A measure's value as a person reads it in a table (shares to 0.01%, ratios to 6 dp, money to the penny); '' for none. */
export function showMeasure(measure: string, value: D | number | null | undefined, years?: YearInfo[]): string {
  const kind = kindOf(measure);
  if (value === null || value === undefined) return kind === 'year' ? 'never' : '';
  if (kind === 'year') {
    const t = Number(value);
    return paybackYearText(years?.[t]?.label, t);
  }
  if (typeof value === 'number') return String(value);
  if (kind === 'share') return percent(value, 2);
  if (kind === 'money') return money(value);
  return plain(value, 'ratio');
}

/** Years across a printed landscape page: longer horizons are split into several tables. */
export const YEARS_PER_TABLE = 10;

/**
 * A years-across table: each row is its header cell followed by one cell per year. A horizon longer than
 * YEARS_PER_TABLE gives several tables, each captioned with its years.
 */
export function yearTable(caption: string, first: string, years: YearInfo[], rows: (TableRow | CellLike[])[]): string {
  const out: string[] = [];
  for (let from = 0; from < Math.max(1, years.length); from += YEARS_PER_TABLE) {
    const to = Math.min(years.length, from + YEARS_PER_TABLE);
    const part = years.slice(from, to);
    const cap = years.length > YEARS_PER_TABLE ? `${caption}, ${part[0]!.label} to ${part[part.length - 1]!.label}` : caption;
    const body = rows.map((r) => {
      const row = Array.isArray(r) ? { cells: r } : r;
      return { ...row, cells: [row.cells[0]!, ...row.cells.slice(1 + from, 1 + to)] };
    });
    out.push(table(cap, [{ text: first, cls: 'l' }, ...part.map((y) => y.label)], body));
  }
  return out.join('\n');
}

/** The headline figures as cards: NPVs, ROIs, payback, peak funding, and the shift to prevention. */
export function headline(summary: Summary, years: YearInfo[]): string {
  const s = summary;
  const pb = s.payback_t;
  const list: Card[] = [
    { key: 'Net present value, cashable', value: moneyShort(s.npv_cashable), detail: money(s.npv_cashable), bad: s.npv_cashable !== null && negative(s.npv_cashable) },
    { key: 'Net present value, fiscal', value: moneyShort(s.npv_fiscal), detail: money(s.npv_fiscal), bad: s.npv_fiscal !== null && negative(s.npv_fiscal) },
    {
      key: 'Return on investment, cashable',
      value: s.cashable_roi === null ? 'n/a' : `£${ratio(s.cashable_roi)}`,
      detail: s.cashable_roi === null ? 'no costs' : `per £1 of cost (PV), ${plain(s.cashable_roi, 'ratio')}`,
      bad: s.cashable_roi?.lessThan(1) ?? false,
    },
    {
      key: 'Return on investment, fiscal',
      value: s.fiscal_roi === null ? 'n/a' : `£${ratio(s.fiscal_roi)}`,
      detail: s.fiscal_roi === null ? 'no costs' : `per £1 of cost (PV), ${plain(s.fiscal_roi, 'ratio')}`,
      bad: s.fiscal_roi?.lessThan(1) ?? false,
    },
    {
      key: 'Payback year',
      value: pb === null ? 'Never' : paybackYearText(years[pb]?.label, pb),
      detail: pb === null ? `not within ${count(years.length, 'year')}` : `discounted, over a horizon of ${count(years.length, 'year')}`,
      bad: pb === null,
    },
    { key: 'Peak funding requirement', value: moneyShort(s.peak_funding_requirement), detail: `${money(s.peak_funding_requirement)} (cash)` },
  ];
  return cards(list);
}

/** Every summary measure with its exact value. */
export function summaryTable(summary: Summary, years: YearInfo[], caption: string): string {
  return table(
    caption,
    [{ text: 'Measure', cls: 'l' }, 'Value'],
    summaryMeasuresFor([summary]).map((m) => [{ text: labelOf(m, 'html'), th: true }, showMeasure(m, summary[m], years)]),
  );
}

function running(values: D[]): D[] {
  let acc = ZERO;
  return values.map((v) => (acc = acc.plus(v)));
}

/** Chart (b) and its table: yearly net cashable, the cumulative cash and discounted positions. */
export function cashPosition(id: string, all: PlaceYear[], summary: Summary, years: YearInfo[], where: string): string {
  const net = all.map((y) => y.net_cashable);
  // the engine fills in the cash position of every place and of all places (model/engine.ts completePlaceYears)
  const cumulative = all.map((y) => y.cumulative_net_cashable!);
  const discounted = running(all.map((y) => y.pv_net_cashable ?? ZERO));
  const last = years.length - 1;
  let trough = 0;
  cumulative.forEach((v, t) => {
    if (v.lessThan(cumulative[trough]!)) trough = t;
  });
  const pb = summary.payback_t;
  const peak = summary.peak_funding_requirement;
  const desc =
    `Bars show the net cashable position of ${where} in each year from ${years[0]!.label} to ${years[last]!.label}; ` +
    `lines show the cumulative position, in cash and discounted. ` +
    (peak !== null && peak.greaterThan(0)
      ? `The cash position is lowest in ${years[trough]!.label} at ${moneyShort(cumulative[trough]!)}: a peak funding requirement of ${moneyShort(peak)}. `
      : 'The cash position never falls below zero: no peak funding requirement. ') +
    (pb === null ? 'The discounted position does not stay at or above zero: no payback within the horizon. ' : `The discounted position is at or above zero from ${paybackYearText(years[pb]?.label, pb)} on (payback). `) +
    `It ends at ${moneyShort(cumulative[last]!)} in cash and ${moneyShort(discounted[last]!)} discounted.`;
  const text: ChartText = { id, title: `Cumulative net cashable position, ${where}`, desc };
  const chart = cumulativeChart(text, years, { net, cumulative, discounted, paybackT: pb, peak });
  const rows: CellLike[][] = [
    [{ text: 'Net cashable in the year', th: true }, ...net.map((v) => money(v))],
    [{ text: 'Cumulative, cash', th: true }, ...cumulative.map((v) => money(v))],
    [{ text: 'Present value of net cashable', th: true }, ...all.map((y) => money(y.pv_net_cashable))],
    [{ text: 'Cumulative, discounted', th: true }, ...discounted.map((v) => money(v))],
  ];
  return figure(chart, yearTable(`Figures: cumulative net cashable position, ${where} (£, real terms)`, 'Measure', years, rows));
}

/** Chart (a) and its table: baseline and scenario spend of each silo with budget lines. */
export function spendBySilo(id: string, place: PlaceResult, years: YearInfo[]): string {
  const lined = place.silos.filter((s) => !s.external);
  const last = years.length - 1;
  const panels = lined.map((s) => ({ name: s.silo, baseline: s.years.map((y) => y.baseline_spend), scenario: s.years.map((y) => y.scenario_spend) }));
  const endings = lined
    .map((s) => `${s.silo} ${moneyShort(s.years[last]!.baseline_spend)} baseline, ${moneyShort(s.years[last]!.scenario_spend)} scenario`)
    .join('; ');
  const desc =
    `One panel per silo with budget lines (${lined.length}), each on its own scale: spend a year under the baseline ` +
    `(solid line) and under the scenario (dashed line), ${years[0]!.label} to ${years[last]!.label}. In ${years[last]!.label}: ${endings}.`;
  const chart = spendBySiloChart({ id, title: `Spend by silo, baseline and scenario, ${place.place}`, desc }, years, panels);
  const rows: TableRow[] = lined.flatMap((s) => [
    { cells: [{ text: `${s.silo}, baseline`, th: true }, ...s.years.map((y) => money(y.baseline_spend))] },
    { cells: [{ text: `${s.silo}, scenario`, th: true }, ...s.years.map((y) => money(y.scenario_spend))] },
  ]);
  rows.push(
    { cells: [{ text: 'All silos, baseline', th: true }, ...place.all.map((y) => money(y.baseline_spend))], cls: 'total' },
    { cells: [{ text: 'All silos, scenario', th: true }, ...place.all.map((y) => money(y.scenario_spend))] },
  );
  return figure(chart, yearTable(`Figures: spend by silo, ${place.place} (£ a year, real terms)`, 'Silo', years, rows));
}

function siloName(r: SettlementRow): string {
  return r.external ? `${r.silo} (external)` : r.silo;
}

/** Chart (c) and its table: who pays and who benefits, before and after settlement. */
export function settlement(id: string, place: PlaceResult): string {
  const rows = place.settlement;
  if (rows.length === 0) return '<p>No silo pays or gains anything: there is nothing to settle.</p>';
  const wrong = rows.filter((r) => r.wrongPocket).map((r) => r.silo);
  const total = rows.reduce((a, r) => a.plus(r.net_before), ZERO);
  const desc =
    `For each silo, the present value of its cashable gains less what it pays, before settlement and after. ` +
    rows.map((r) => `${siloName(r)}: ${moneyShort(r.net_before)} before, ${moneyShort(r.net_after)} after`).join('; ') +
    `. ` +
    (wrong.length > 0 ? `Wrong pockets (paying more than they gain while the place gains ${moneyShort(total)}): ${wrong.join(', ')}.` : 'No silo is a wrong pocket.');
  const chart = barChart(
    { id, title: `Who pays and who benefits, ${place.place}`, desc },
    rows.map((r) => ({ label: siloName(r), note: r.wrongPocket ? 'wrong pocket' : undefined, values: [r.net_before, r.net_after] })),
    [
      { name: 'Net before settlement', colour: PALETTE.orange },
      { name: 'Net after settlement', colour: PALETTE.blue },
    ],
    { axisTitle: 'Net position, £ present value (gains less payments)', format: moneyShort },
  );
  const body: TableRow[] = rows.map((r) => ({
    cls: r.wrongPocket ? 'wrong' : undefined,
    cells: [
      { text: siloName(r), th: true },
      ...SETTLEMENT_MEASURES.map((m) => money(r[m])),
      r.wrongPocket ? { text: 'wrong pocket', cls: 'l flag' } : { text: '', cls: 'l' },
    ],
  }));
  const sumOf = (m: (typeof SETTLEMENT_MEASURES)[number]): D => rows.reduce((a, r) => a.plus(r[m]), ZERO);
  // peaks fall in different years, so they do not add up to the place's peak: no total for them
  body.push({ cls: 'total', cells: [{ text: 'All silos', th: true }, ...SETTLEMENT_MEASURES.map((m) => (m === 'peak_funding' ? '' : money(sumOf(m)))), { text: '', cls: 'l' }] });
  const head: CellLike[] = [{ text: 'Silo', cls: 'l' }, ...SETTLEMENT_MEASURES.map((m) => labelOf(m, 'html')), { text: 'Note', cls: 'l' }];
  return figure(chart, table(`Figures: who pays and who benefits, ${place.place} (£, present values)`, head, body));
}

export function interventionsTable(place: PlaceResult): string {
  if (place.interventions.length === 0) return '<p>The scenario has no interventions.</p>';
  const head: CellLike[] = [{ text: 'Intervention', cls: 'l' }, ...INTERVENTION_MEASURES.map((m) => labelOf(m, 'html'))];
  const rows = place.interventions.map((k) => [
    { text: k.name, th: true },
    ...INTERVENTION_MEASURES.map((m) => (kindOf(m) === 'money' ? money(k[m]) : plain(k[m], 'ratio'))),
  ]);
  return table(`Interventions, ${place.place} (£, present values; cost per success in cash)`, head, rows);
}

/** The yearly flows, one table per silo (years across), external silos after, then the place total. */
export function yearlyTables(result: Pick<RunResult, 'hasFunders' | 'hasEnvelope'>, place: PlaceResult, years: YearInfo[]): string {
  const out: string[] = [];
  const blocks = yearlyBlocks(result, place);
  const what: Record<YearlyBlock['kind'], string> = { silo: '', external: ' (external: no budget lines)', funder: ' (funder)', partner: ' (partner)', all: '' };
  for (const b of blocks.slice(0, -1)) {
    const rows = b.measures.map((m) => [{ text: labelOf(m, 'html'), th: true }, ...b.years.map((y) => money(y[m] ?? null))]);
    out.push(yearTable(`Yearly flows: ${b.entity}${what[b.kind]}, ${place.place} (£, real terms)`, 'Measure', years, rows));
  }
  out.push(allYearlyTable(result, place.all, years, `Yearly flows: all silos, ${place.place}`));
  return out.join('\n');
}

export function allYearlyTable(result: Pick<RunResult, 'hasFunders' | 'hasEnvelope'>, all: PlaceYear[], years: YearInfo[], caption: string): string {
  const rows = allYearMeasures(result).map((m) => [
    { text: labelOf(m, 'html'), th: true },
    ...all.map((y) => showMeasure(m, y[m])),
  ]);
  return yearTable(`${caption} (£, real terms; shares as %)`, 'Measure', years, rows);
}

