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
import { gapClosed } from '../compare.js';
import { kindOf, labelOf, paybackYearText, summaryMeasuresFor } from '../measures.js';
import { siloLabel } from '../labels.js';
import { money, moneyShort, percent, plain, ratio } from '../numbers.js';
import { barChart, cumulativeChart, spendBySiloChart, type ChartText } from '../svg/charts.js';
import { PALETTE } from '../svg/frame.js';
import { cards, figure, table, type Card, type CellLike, type TableRow } from './page.js';
import { count } from '../../words.js';

/**
 * How a table shows money: `exact` to the penny (the data appendix), `short` in sensible units (£1.22m, £350k)
 * for the narrative tables a board reads.
 */
export type Units = 'exact' | 'short';

/** Pounds in a table's units. */
export function pounds(value: D | null | undefined, units: Units): string {
  return units === 'short' ? moneyShort(value) : money(value);
}

/** A measure's value as a person reads it in a table: exact (shares to 0.01%, ratios to 6 dp, money to the penny) or short (£1.22m, 12.3%, 2.42); '' for none. */
export function showMeasure(measure: string, value: D | number | null | undefined, years?: YearInfo[], units: Units = 'exact'): string {
  const kind = kindOf(measure);
  if (value === null || value === undefined) return kind === 'year' ? 'never' : '';
  if (kind === 'year') {
    const t = Number(value);
    return paybackYearText(years?.[t]?.label, t);
  }
  if (typeof value === 'number') return String(value);
  if (kind === 'share') return percent(value, units === 'short' ? 1 : 2);
  if (kind === 'money') return pounds(value, units);
  // three decimals, so that a return of 0.9994 never reads as 1.00
  return units === 'short' ? ratio(value, 3) : plain(value, 'ratio');
}

/**
 * Years across a printed A4 page: ten short figures (£350.1m), or five exact ones (£350,123,456.78); longer
 * horizons are split into several tables.
 */
export const YEARS_PER_TABLE: Readonly<Record<Units, number>> = { short: 10, exact: 5 };

/**
 * A years-across table: each row is its header cell followed by one cell per year. A horizon longer than
 * YEARS_PER_TABLE gives several tables, each captioned with its years.
 */
export function yearTable(caption: string, first: string, years: YearInfo[], rows: (TableRow | CellLike[])[], units: Units = 'exact'): string {
  const out: string[] = [];
  const per = YEARS_PER_TABLE[units];
  for (let from = 0; from < Math.max(1, years.length); from += per) {
    const to = Math.min(years.length, from + per);
    const part = years.slice(from, to);
    const cap = years.length > per ? `${caption}, ${part[0]!.label} to ${part[part.length - 1]!.label}` : caption;
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
    ...partnersCards(s),
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
    ...publicValueCards(s),
    {
      key: 'Payback year',
      value: pb === null ? 'Never' : paybackYearText(years[pb]?.label, pb),
      detail: pb === null ? `not within ${count(years.length, 'year')}` : `discounted, over a horizon of ${count(years.length, 'year')}`,
      bad: pb === null,
    },
    { key: 'Peak funding requirement', value: moneyShort(s.peak_funding_requirement), detail: `${money(s.peak_funding_requirement)} (cash)` },
    ...gapCards(s),
  ];
  return cards(list);
}

/**
 * With outside money, the partners' own view beside the whole system's: a grant buys prevention in the place
 * (so the system's NPV counts it as spending) but is not the partners' loss.
 */
function partnersCards(s: Summary): Card[] {
  if (s.pv_external_funding === null || s.pv_external_funding.isZero()) return [];
  return [
    {
      key: "Net present value to the partners, cashable",
      value: moneyShort(s.partners_npv_cashable),
      detail: `${money(s.partners_npv_cashable)}, with ${moneyShort(s.pv_external_funding)} of outside funding (PV)`,
      bad: s.partners_npv_cashable !== null && negative(s.partners_npv_cashable),
    },
    {
      key: "Partners' peak funding requirement",
      value: moneyShort(s.partners_peak_funding_requirement),
      detail: `${money(s.partners_peak_funding_requirement)} (cash); the whole system's ${moneyShort(s.peak_funding_requirement)}`,
    },
  ];
}

/** The public value return beside the financial one: fiscal benefits less transfers, plus economic and social value. */
function publicValueCards(s: Summary): Card[] {
  return [
    {
      key: 'Net present public value',
      value: moneyShort(s.npv_public_value),
      detail: `public value ${money(s.pv_public_value)} (PV) less costs`,
      bad: s.npv_public_value !== null && negative(s.npv_public_value),
    },
    {
      key: 'Return on investment, public value',
      value: s.public_value_roi === null ? 'n/a' : `£${ratio(s.public_value_roi)}`,
      detail: s.public_value_roi === null ? 'no costs' : `per £1 of cost (PV), ${plain(s.public_value_roi, 'ratio')}`,
      bad: s.public_value_roi?.lessThan(1) ?? false,
    },
  ];
}

/** With an envelope, the share of the final year's funding gap the scenario closes. */
function gapCards(s: Summary): Card[] {
  if (s.final_baseline_gap === null || s.final_scenario_gap === null) return [];
  const closed = gapClosed(s.final_baseline_gap, s.final_scenario_gap);
  return [
    {
      key: 'Funding gap closed, final year',
      value: closed === null ? 'no gap' : percent(closed),
      detail: `${moneyShort(s.final_baseline_gap)} baseline, ${moneyShort(s.final_scenario_gap)} scenario`,
    },
  ];
}

/** Every summary measure with its value, short or exact. */
export function summaryTable(summary: Summary, years: YearInfo[], caption: string, units: Units = 'exact'): string {
  return table(
    caption,
    [{ text: 'Measure', cls: 'l' }, 'Value'],
    summaryMeasuresFor([summary]).map((m) => [{ text: labelOf(m, 'html'), th: true }, showMeasure(m, summary[m], years, units)]),
  );
}

function running(values: D[]): D[] {
  let acc = ZERO;
  return values.map((v) => (acc = acc.plus(v)));
}

/** Chart (b) and its table: yearly net cashable, the cumulative cash and discounted positions. */
export function cashPosition(id: string, all: PlaceYear[], summary: Summary, years: YearInfo[], where: string): string {
  const { net, cumulative, discounted } = cashSeries(all);
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
  return figure(chart, cashTable(all, years, `Figures: cumulative net cashable position, ${where} (£, real terms)`, 'short'));
}

function cashSeries(all: PlaceYear[]): { net: D[]; cumulative: D[]; discounted: D[] } {
  return {
    net: all.map((y) => y.net_cashable),
    // the engine fills in the cash position of every place and of all places (model/engine.ts completePlaceYears)
    cumulative: all.map((y) => y.cumulative_net_cashable!),
    discounted: running(all.map((y) => y.pv_net_cashable ?? ZERO)),
  };
}

/** The figures of chart (b): yearly net cashable, the cumulative cash and discounted positions. */
export function cashTable(all: PlaceYear[], years: YearInfo[], caption: string, units: Units): string {
  const { net, cumulative, discounted } = cashSeries(all);
  const rows: CellLike[][] = [
    [{ text: 'Net cashable in the year', th: true }, ...net.map((v) => pounds(v, units))],
    [{ text: 'Cumulative, cash', th: true }, ...cumulative.map((v) => pounds(v, units))],
    [{ text: 'Present value of net cashable', th: true }, ...all.map((y) => pounds(y.pv_net_cashable, units))],
    [{ text: 'Cumulative, discounted', th: true }, ...discounted.map((v) => pounds(v, units))],
  ];
  return yearTable(caption, 'Measure', years, rows, units);
}

/** Chart (a) and its table: baseline and scenario spend of each silo with budget lines. */
export function spendBySilo(id: string, place: PlaceResult, years: YearInfo[]): string {
  const lined = place.silos.filter((s) => !s.external);
  const last = years.length - 1;
  const panels = lined.map((s) => ({ name: siloLabel(s.silo), baseline: s.years.map((y) => y.baseline_spend), scenario: s.years.map((y) => y.scenario_spend) }));
  const endings = lined
    .map((s) => `${siloLabel(s.silo)} ${moneyShort(s.years[last]!.baseline_spend)} baseline, ${moneyShort(s.years[last]!.scenario_spend)} scenario`)
    .join('; ');
  const desc =
    `One panel per silo with budget lines (${lined.length}), all on one scale from £0: spend a year under the baseline ` +
    `(solid line) and under the scenario (dashed line), ${years[0]!.label} to ${years[last]!.label}. In ${years[last]!.label}: ${endings}.`;
  const chart = spendBySiloChart({ id, title: `Spend by silo, baseline and scenario, ${place.place}`, desc }, years, panels);
  return figure(chart, spendTable(place, years, `Figures: spend by silo, ${place.place} (£ a year, real terms)`, 'short'));
}

/** The figures of chart (a): each silo's baseline and scenario spend and the change, then all silos. */
export function spendTable(place: PlaceResult, years: YearInfo[], caption: string, units: Units): string {
  const lined = place.silos.filter((s) => !s.external);
  const change = (a: D, b: D): string => pounds(b.minus(a), units);
  const rows: TableRow[] = lined.flatMap((s) => [
    { cells: [{ text: `${siloLabel(s.silo)}, baseline`, th: true }, ...s.years.map((y) => pounds(y.baseline_spend, units))] },
    { cells: [{ text: `${siloLabel(s.silo)}, scenario`, th: true }, ...s.years.map((y) => pounds(y.scenario_spend, units))] },
    { cls: 'change', cells: [{ text: `${siloLabel(s.silo)}, change`, th: true }, ...s.years.map((y) => change(y.baseline_spend, y.scenario_spend))] },
  ]);
  rows.push(
    { cells: [{ text: 'All silos, baseline', th: true }, ...place.all.map((y) => pounds(y.baseline_spend, units))], cls: 'total' },
    { cells: [{ text: 'All silos, scenario', th: true }, ...place.all.map((y) => pounds(y.scenario_spend, units))] },
    { cls: 'change', cells: [{ text: 'All silos, change', th: true }, ...place.all.map((y) => change(y.baseline_spend, y.scenario_spend))] },
  );
  return yearTable(caption, 'Silo', years, rows, units);
}

function siloName(r: SettlementRow): string {
  // partners and funders are named as the scenario names them, with what they are; silos in words
  const name = r.kind === 'silo' ? siloLabel(r.silo) : `${r.silo} (${r.kind})`;
  return r.external ? `${name} (external)` : name;
}

export function settlement(id: string, place: PlaceResult): string {
  const rows = place.settlement;
  if (rows.length === 0) return '<p>No silo pays or gains anything: there is nothing to settle.</p>';
  const wrong = rows.filter((r) => r.wrongPocket).map(siloName);
  const total = rows.filter((r) => r.kind !== 'funder').reduce((a, r) => a.plus(r.net_before), ZERO);
  const desc =
    `For each ${rows.some((r) => r.kind !== 'silo') ? 'party (partner, silo in no partner, funder)' : 'silo'}, the present value of its cashable gains less what it pays, before settlement and after. ` +
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
  return figure(chart, settlementTable(place, `Figures: who pays and who benefits, ${place.place} (£, present values)`, 'short'));
}

/** The figures of chart (c): each party's payments, gains, net before and after settlement, transfer, peak. */
export function settlementTable(place: PlaceResult, caption: string, units: Units): string {
  const rows = place.settlement;
  if (rows.length === 0) return '<p>No silo pays or gains anything: there is nothing to settle.</p>';
  const line = (r: SettlementRow): TableRow => ({
    cls: r.wrongPocket ? 'wrong' : undefined,
    cells: [
      { text: siloName(r), th: true },
      ...SETTLEMENT_MEASURES.map((m) => pounds(r[m], units)),
      r.wrongPocket ? { text: 'wrong pocket', cls: 'l flag' } : { text: '', cls: 'l' },
    ],
  });
  // the settlement and its totals are over the parties (partners and silos); funders' rows follow the total
  const parties = rows.filter((r) => r.kind !== 'funder');
  const body: TableRow[] = parties.map(line);
  const sumOf = (m: (typeof SETTLEMENT_MEASURES)[number]): D => parties.reduce((a, r) => a.plus(r[m]), ZERO);
  // peaks fall in different years, so they do not add up to the place's peak: no total for them
  const grouped = rows.some((r) => r.kind !== 'silo');
  body.push({ cls: 'total', cells: [{ text: grouped ? 'All partners and silos' : 'All silos', th: true }, ...SETTLEMENT_MEASURES.map((m) => (m === 'peak_funding' ? '' : pounds(sumOf(m), units))), { text: '', cls: 'l' }] });
  body.push(...rows.filter((r) => r.kind === 'funder').map(line));
  const head: CellLike[] = [{ text: grouped ? 'Party' : 'Silo', cls: 'l' }, ...SETTLEMENT_MEASURES.map((m) => labelOf(m, 'html')), { text: 'Note', cls: 'l' }];
  return table(caption, head, body);
}

export function interventionsTable(place: PlaceResult, units: Units = 'exact'): string {
  if (place.interventions.length === 0) return '<p>The scenario has no interventions.</p>';
  const head: CellLike[] = [{ text: 'Intervention', cls: 'l' }, ...INTERVENTION_MEASURES.map((m) => labelOf(m, 'html'))];
  const rows = place.interventions.map((k) => [
    { text: k.name, th: true },
    ...INTERVENTION_MEASURES.map((m) => (kindOf(m) === 'money' ? pounds(k[m], units) : units === 'short' ? plain(k[m], 'money') : plain(k[m], 'ratio'))),
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
    const entity = b.kind === 'silo' || b.kind === 'external' ? siloLabel(b.entity) : b.entity;
    out.push(yearTable(`Yearly flows: ${entity}${what[b.kind]}, ${place.place} (£, real terms)`, 'Measure', years, rows));
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

