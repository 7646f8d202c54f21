// `compare --format html`: for each place, the scenarios' summaries side by side with each one's difference
// from the first, charts of their net present values and returns on investment, who pays and who benefits
// (each party with its peak funding), and the funding gap with the share closed (a chart of the final year).
import { D } from '../../decimal.js';
import type { RunResult, Scenario, Summary, SummaryMeasure, YearInfo } from '../../model/types.js';
import type { ReportMeta } from '../meta.js';
import { money, moneyShort, percent, plain, ratio, yearsDifference } from '../numbers.js';
import { compareRows, compareWarnings, GAP_ROWS, partyLabel, rowLabel, type CompareRow } from '../compare.js';
import { barChart } from '../svg/charts.js';
import { PALETTE } from '../svg/frame.js';
import { plainTicks } from '../svg/scale.js';
import { esc } from '../svg/xml.js';
import { kindOf, labelOf, summaryMeasuresFor } from '../measures.js';
import { figure, page, provenanceSection, table, warningsSection, type CellLike, type TableRow } from './page.js';
import { pounds, showMeasure, type Units } from './place.js';
import { assumptionsSection } from './assumptions.js';
import { siloLabel } from '../labels.js';
import { comparePriceText } from '../price-text.js';

interface Column {
  /** `1. Lambeth whole-place pool` */
  name: string;
  summary: Summary | null;
  years: YearInfo[];
}

function signed(s: string): string {
  return s.startsWith('-') || /^£?0(\.0+)?( pp)?$/.test(s) ? s : `+${s}`;
}

/** The difference of a measure from the first scenario's, as a reader wants it; '' when either is missing. */
export function difference(measure: SummaryMeasure, value: D | number | null, first: D | number | null, units: Units = 'exact'): string {
  if (value === null || first === null) return '';
  if (typeof value === 'number' || typeof first === 'number') {
    const d = Number(value) - Number(first);
    return yearsDifference(d);
  }
  const d = value.minus(first);
  const kind = kindOf(measure);
  if (kind === 'share') return signed(`${units === 'short' ? d.times(100).toFixed(1, D.ROUND_HALF_UP) : plain(d.times(100), 'money')} pp`);
  if (kind === 'money') return signed(pounds(d, units));
  return signed(units === 'short' ? ratio(d, 3) : plain(d, 'ratio'));
}

/** The summaries side by side, with each one's difference from the first. */
function sideBySide(cols: Column[], units: Units, caption: string, withGap: boolean): string {
  const first = cols[0]!;
  const head: CellLike[] = [{ text: 'Measure', cls: 'l' }];
  cols.forEach((c, i) => {
    head.push(c.name);
    if (i > 0) head.push(`Difference from 1`);
  });
  // with an envelope the gap measures have a section of their own
  const measures = summaryMeasuresFor(cols.map((c) => c.summary)).filter((m) => !withGap || !(GAP_ROWS as readonly string[]).includes(m));
  const rows = measures.map((m) => {
    const cells: CellLike[] = [{ text: labelOf(m, 'html'), th: true }];
    cols.forEach((c, i) => {
      cells.push(c.summary ? showMeasure(m, c.summary[m], c.years, units) : 'not modelled');
      if (i > 0) cells.push(c.summary && first.summary ? difference(m, c.summary[m], first.summary[m], units) : '');
    });
    return cells;
  });
  return table(caption, head, rows);
}

function comparison(id: string, where: string, cols: Column[], withGap: boolean): string {
  const present = cols.filter((c): c is Column & { summary: Summary } => c.summary !== null);
  const out = [sideBySide(cols, 'short', `Summaries side by side, ${where} (differences from scenario 1)`, withGap)];
  if (present.length === 0) return out.join('\n');

  const npvDesc =
    `Net present value of each scenario for ${where}, cashable and fiscal: ` +
    present.map((c) => `${c.name}: ${moneyShort(c.summary.npv_cashable)} cashable, ${moneyShort(c.summary.npv_fiscal)} fiscal`).join('; ') +
    '.';
  const npvChart = barChart(
    { id: `${id}-npv`, title: `Net present value by scenario, ${where}`, desc: npvDesc },
    present.map((c) => ({ label: c.name, values: [c.summary.npv_cashable, c.summary.npv_fiscal] })),
    [
      { name: 'Cashable', colour: PALETTE.blue },
      { name: 'Fiscal', colour: PALETTE.green },
    ],
    { axisTitle: 'Net present value, £ (real terms, discounted)', format: moneyShort },
  );
  out.push(
    figure(
      npvChart,
      table(
        `Figures: net present value by scenario, ${where}`,
        [{ text: 'Scenario', cls: 'l' }, 'Cashable', 'Fiscal'],
        present.map((c) => [{ text: c.name, th: true }, moneyShort(c.summary.npv_cashable), moneyShort(c.summary.npv_fiscal)]),
      ),
    ),
  );

  const withRoi = present.filter((c) => c.summary.cashable_roi !== null || c.summary.fiscal_roi !== null);
  if (withRoi.length > 0) {
    const roiDesc =
      `Return on investment of each scenario for ${where} (present value of benefits per £1 of cost; 1 breaks even): ` +
      withRoi.map((c) => `${c.name}: ${ratio(c.summary.cashable_roi) || 'n/a'} cashable, ${ratio(c.summary.fiscal_roi) || 'n/a'} fiscal`).join('; ') +
      '.';
    const roiChart = barChart(
      { id: `${id}-roi`, title: `Return on investment by scenario, ${where}`, desc: roiDesc },
      withRoi.map((c) => ({ label: c.name, values: [c.summary.cashable_roi, c.summary.fiscal_roi] })),
      [
        { name: 'Cashable', colour: PALETTE.blue },
        { name: 'Fiscal', colour: PALETTE.green },
      ],
      {
        axisTitle: '£ of benefit per £1 of cost (present values)',
        format: (v) => `£${ratio(v, 3)}`,
        tickFormat: (ticks) => {
          const f = plainTicks(ticks);
          return (v) => `£${f(v)}`;
        },
        reference: { value: new D(1), label: 'breaks even' },
      },
    );
    out.push(
      figure(
        roiChart,
        table(
          `Figures: return on investment by scenario, ${where} (£ per £1)`,
          [{ text: 'Scenario', cls: 'l' }, 'Cashable', 'Fiscal'],
          withRoi.map((c) => [{ text: c.name, th: true }, ratio(c.summary.cashable_roi, 3), ratio(c.summary.fiscal_roi, 3)]),
        ),
      ),
    );
  }
  return out.join('\n');
}

/** A compare row's value for a paper: '-' where the scenario does not model the place or has no such party. */
function shown(row: CompareRow, i: number, units: Units): string {
  const v = row.values[i]!;
  if (!row.modelled[i] || v === null) return '-';
  return row.kind === 'share' ? percent(v as D) : pounds(v as D, units);
}

function shownDifference(row: CompareRow, i: number, units: Units): string {
  const d = row.differences[i];
  if (d === null || d === undefined) return '';
  return row.kind === 'share' ? signed(`${plain((d as D).times(100), 'money')} pp`) : signed(pounds(d as D, units));
}

function rowCells(row: CompareRow, label: CellLike, units: Units): CellLike[] {
  const cells: CellLike[] = [label];
  row.values.forEach((_, i) => {
    cells.push(shown(row, i, units));
    if (i > 0) cells.push(shownDifference(row, i, units));
  });
  return cells;
}

function headOf(names: readonly string[], first: string): CellLike[] {
  const head: CellLike[] = [{ text: first, cls: 'l' }];
  names.forEach((n, i) => {
    head.push(n);
    if (i > 0) head.push('Difference from 1');
  });
  return head;
}

/** Who pays and who benefits in each scenario: every party (partners, silos in no partner, funders) with its peak funding. */
function whoPaysSection(rows: readonly CompareRow[], names: readonly string[], where: string, units: Units): string {
  const these = rows.filter((r) => r.table === 'settlement');
  if (these.length === 0) return '';
  const body: TableRow[] = [];
  these.forEach((r, k) => {
    const prev = these[k - 1];
    if (!prev || prev.entity !== r.entity || prev.party!.kind !== r.party!.kind) {
      body.push({ cells: [{ text: partyLabel(r, siloLabel), th: true, cls: 'l' }, ...names.flatMap((_, i) => (i === 0 ? [''] : ['', '']))] });
    }
    // the measures of a party under its name, indented (no-break spaces: no style of the page's own needed)
    body.push({ cells: rowCells(r, { text: `\u00a0\u00a0\u00a0${rowLabel(r, 'html')}`, th: true }, units) });
  });
  return table(`Who pays and who benefits, ${where}: each party's present values and its peak funding (cash), by scenario${units === 'exact' ? ' (exact)' : ''}`, headOf(names, 'Party'), body);
}

/** The funding gap of each scenario with the share it closes, and a chart of the final year's gaps. */
function gapSection(id: string, rows: readonly CompareRow[], names: readonly string[], where: string): string {
  const these = rows.filter((r) => r.table === 'gap');
  if (these.length === 0) return '';
  const out = [table(`The funding gap, ${where}: the money demand-led spend needs beyond the funding envelope, by scenario`, headOf(names, 'Measure'), these.map((r) => rowCells(r, { text: rowLabel(r, 'html'), th: true }, 'short')))];
  const base = these.find((r) => r.measure === 'final_baseline_gap')!;
  const scen = these.find((r) => r.measure === 'final_scenario_gap')!;
  const closed = these.find((r) => r.measure === 'final_gap_closed')!;
  const given = names.map((n, i) => ({ n, i })).filter(({ i }) => base.values[i] !== null);
  if (given.length === 0) return out.join('\n');
  const desc =
    `The funding gap in the final year for ${where}, without and with each scenario: ` +
    given.map(({ n, i }) => `${n}: ${moneyShort(base.values[i] as D)} baseline, ${moneyShort(scen.values[i] as D)} scenario${closed.values[i] !== null ? ` (${percent(closed.values[i] as D)} closed)` : ''}`).join('; ') +
    '.';
  const chart = barChart(
    { id: `${id}-gap`, title: `Funding gap in the final year by scenario, ${where}`, desc },
    given.map(({ n, i }) => ({ label: n, values: [base.values[i] as D, scen.values[i] as D], ...(closed.values[i] !== null ? { note: `${percent(closed.values[i] as D)} of the gap closed` } : {}) })),
    [
      { name: 'Baseline gap', colour: PALETTE.vermillion },
      { name: 'Scenario gap', colour: PALETTE.blue },
    ],
    { axisTitle: 'Funding gap in the final year, £ (real terms, cash)', format: moneyShort },
  );
  out.push(
    figure(
      chart,
      table(
        `Figures: funding gap in the final year by scenario, ${where}`,
        [{ text: 'Scenario', cls: 'l' }, 'Baseline gap', 'Scenario gap', 'Share closed'],
        given.map(({ n, i }) => [{ text: n, th: true }, money(base.values[i] as D), money(scen.values[i] as D), closed.values[i] !== null ? percent(closed.values[i] as D) : '-']),
      ),
    ),
  );
  return out.join('\n');
}

export interface CompareHtmlOptions {
  /** the scenarios in the order of `results`, for their descriptions and assumptions */
  scenarios?: Scenario[];
}

export function renderCompareHtml(results: RunResult[], meta: ReportMeta, date: string, options: CompareHtmlOptions = {}): string {
  const scenarios = options.scenarios?.length === results.length ? options.scenarios : undefined;
  const names = results.map((r, i) => `${i + 1}. ${r.scenario}`);
  // who pays and the funding gap: the rows every compare format shows (src/report/compare.ts)
  const people = compareRows(results, { forPeople: true });
  const withGap = results.some((r) => r.hasEnvelope);
  const places: string[] = [];
  for (const r of results) for (const p of r.places) if (!places.includes(p.place)) places.push(p.place);
  const body: string[] = [
    '<header>',
    `<h1>${esc(results.length === 1 ? 'One scenario' : `${results.length} scenarios compared`)}</h1>`,
    `<p class="sub">${esc(results.map((r) => r.scenario).join(' · '))}. Made by ${esc(meta.tool)} ${esc(meta.version)} on ${esc(date)}.</p>`,
    `<p class="note">Money in pounds (real terms), ${esc(comparePriceText(results))}; rounded to three significant figures ` +
      '(£1.22m) in the tables of each place, and to the penny in the data appendix. ' +
      'Each difference is the scenario\'s figure less scenario 1\'s.</p>',
    '</header>',
    '<nav aria-label="Contents"><ul>',
    ...(scenarios ? ['<li><a href="#assumptions-1">The scenarios and their assumptions</a></li>'] : []),
    ...places.map((p, i) => `<li><a href="#place-${i + 1}">${esc(p)}</a></li>`),
    ...(results.some((r) => r.allPlaces) ? ['<li><a href="#all-places">All places</a></li>'] : []),
    '<li><a href="#appendix">Data appendix: every figure to the penny</a></li>',
    '<li><a href="#warnings">Warnings</a></li>',
    '<li><a href="#provenance">Provenance</a></li>',
    '</ul></nav>',
    table(
      'Scenarios',
      [{ text: 'Scenario', cls: 'l' }, { text: 'Places', cls: 'l' }, { text: 'Years', cls: 'l' }],
      results.map((r, i) => [
        { text: names[i]!, th: true },
        { text: r.places.map((p) => p.place).join(', '), cls: 'l' },
        { text: r.years.length > 0 ? `${r.years[0]!.label} to ${r.years[r.years.length - 1]!.label}` : '', cls: 'l' },
      ]),
    ).replace('<div class="table-wrap">', '<div class="table-wrap words">'),
  ];
  scenarios?.forEach((s, i) => body.push(assumptionsSection(s, results[i]!, { id: `assumptions-${i + 1}`, heading: `Scenario ${names[i]!}: assumptions`, breakBefore: i > 0 })));
  const columnsOf = (place: string): Column[] =>
    results.map((r, j) => {
      const p = r.places.find((x) => x.place === place);
      return { name: names[j]!, summary: p ? p.summary : null, years: r.years };
    });
  const allColumns = (): Column[] => results.map((r, j) => ({ name: names[j]!, summary: r.allPlaces?.summary ?? null, years: r.years }));
  places.forEach((place, i) => {
    const rows = people.filter((r) => r.place === place);
    body.push(
      `<section class="place${i > 0 || scenarios ? ' break' : ''}" id="place-${i + 1}">`,
      `<h2>${esc(place)}</h2>`,
      comparison(`p${i + 1}`, place, columnsOf(place), withGap),
      whoPaysSection(rows, names, place, 'short'),
      gapSection(`p${i + 1}`, rows, names, place),
      '</section>',
    );
  });
  const anyAll = results.some((r) => r.allPlaces);
  if (anyAll) {
    const rows = people.filter((r) => r.place === 'all places');
    body.push('<section class="place break" id="all-places">', '<h2>All places</h2>', comparison('all', 'all places', allColumns(), withGap), gapSection('all', rows, names, 'all places'), '</section>');
  }
  body.push(
    '<section class="appendix break" id="appendix">',
    '<h2>Data appendix: every figure to the penny</h2>',
    '<p class="note">The summaries unrounded (pounds to the penny, shares to 0.01%, ratios to 6 decimal places), as in the CSV, JSON and Excel reports.</p>',
    ...places.flatMap((place) => [
      sideBySide(columnsOf(place), 'exact', `Summaries side by side, ${place} (exact)`, false),
      whoPaysSection(people.filter((r) => r.place === place), names, place, 'exact'),
    ]),
    ...(anyAll ? [sideBySide(allColumns(), 'exact', 'Summaries side by side, all places (exact)', false)] : []),
    '</section>',
  );
  body.push(
    warningsSection([{ heading: 'The scenarios side by side', warnings: compareWarnings(results) }, ...results.map((r, i) => ({ heading: names[i]!, warnings: r.warnings }))]),
    provenanceSection(meta, date),
  );
  return page(`${results.map((r) => r.scenario).join(' vs ')}: placepool compare`, body);
}
