// `simulate --format html` and `tornado --format html`: the distribution of the net present value over the
// draws (histogram, chart d), the chance it is positive, the statistics of every measure, the payback years,
// the uncertain values, and the one-at-a-time sensitivity of the NPV (tornado, chart e).
import { D } from '../../decimal.js';
import type { Distribution } from '../../model/types.js';
import {
  PERCENTILES,
  type EntitySimulation,
  type MeasureStatistics,
  type SimulationResult,
  type TornadoEntity,
  type TornadoResult,
  type NpvMeasure,
} from '../../uncertainty/types.js';
import type { ReportMeta } from '../meta.js';
import { money, moneyShort, percent, ratio } from '../numbers.js';
import { barChart, histogramChart } from '../svg/charts.js';
import { INK, PALETTE } from '../svg/frame.js';
import { esc } from '../svg/xml.js';
import { kindOf, labelOf, npvWords, paybackYearText, summaryMeasuresFor } from '../measures.js';
import { paramLabel } from '../labels.js';
import { cards, figure, page, provenanceSection, table, warningsSection, type CellLike } from './page.js';
import { showMeasure } from './place.js';
import { count } from '../../words.js';
import { priceText } from '../price-text.js';

/** A simulated statistic (binary floating point) as a decimal, for presentation only. */
const toD = (x: number): D => new D(String(x));

function distText(d: Distribution): string {
  const s = (x: D): string => x.toString();
  switch (d.kind) {
    case 'triangular':
      return `triangular(${s(d.low)}, ${s(d.mode)}, ${s(d.high)})`;
    case 'pert':
      return `PERT(${s(d.low)}, ${s(d.mode)}, ${s(d.high)})`;
    case 'uniform':
      return `uniform(${s(d.low)}, ${s(d.high)})`;
    case 'normal':
      return `normal(mean ${s(d.mean)}, sd ${s(d.sd)})`;
  }
}

/** A parameter's value as written in a scenario: up to 10 significant digits, no exponent. */
function paramValue(v: D): string {
  return v.toSignificantDigits(10).toFixed();
}

/** A parameter's value for a chart label: 4 significant digits. */
function shortValue(v: D): string {
  return v.toSignificantDigits(4).toFixed();
}

/** A statistic of a measure, exact to the presentation rule of the measure (payback in fractional years). */
function statistic(measure: string, value: number | null): string {
  if (value === null) return '';
  if (kindOf(measure) === 'year') return ratio(toD(value), 2);
  return showMeasure(measure, toD(value));
}

const pct = (x: number): string => percent(toD(x), 1);

function simulationHeadline(e: EntitySimulation, years: SimulationResult['years']): string {
  const npv = e.measures.find((m) => m.measure === 'npv_cashable');
  const p10 = npv?.percentiles.p10 ?? null;
  const p90 = npv?.percentiles.p90 ?? null;
  const pb = e.centre.payback_t;
  return cards([
    { key: 'Chance the cashable NPV is above zero', value: pct(e.probPositive), bad: e.probPositive < 0.5 },
    { key: 'Net present value, cashable, central', value: moneyShort(e.centre.npv_cashable), detail: money(e.centre.npv_cashable) },
    {
      key: 'Net present value, cashable, P10 to P90',
      value: p10 === null || p90 === null ? 'n/a' : `${moneyShort(toD(p10))} to ${moneyShort(toD(p90))}`,
      detail: '80% of draws lie in this range',
      wide: true,
    },
    { key: 'Mean net present value, cashable', value: npv?.mean === null || npv === undefined ? 'n/a' : moneyShort(toD(npv.mean)) },
    { key: 'Chance of no payback within the horizon', value: pct(e.probNever), bad: e.probNever >= 0.5 },
    { key: 'Payback year, central', value: pb === null ? 'Never' : paybackYearText(years[pb]?.label, pb) },
  ]);
}

function npvHistogram(id: string, e: EntitySimulation, draws: number): string {
  const npv = e.measures.find((m) => m.measure === 'npv_cashable')!;
  const bins = e.histogram.map((b) => ({ from: toD(b.from), to: toD(b.to), count: b.count }));
  const p10 = npv.percentiles.p10;
  const p90 = npv.percentiles.p90;
  const markers: { value: D; label: string; colour: string; dash?: string }[] = [];
  if (p10 !== null) markers.push({ value: toD(p10), label: `P10 ${moneyShort(toD(p10))}`, colour: PALETTE.purple, dash: '2 3' });
  if (p90 !== null) markers.push({ value: toD(p90), label: `P90 ${moneyShort(toD(p90))}`, colour: PALETTE.purple, dash: '2 3' });
  if (e.centre.npv_cashable !== null) markers.push({ value: e.centre.npv_cashable, label: `Central ${moneyShort(e.centre.npv_cashable)}`, colour: INK, dash: '6 3' });
  const lo = bins[0]?.from;
  const hi = bins[bins.length - 1]?.to;
  const desc =
    `Histogram of the cashable net present value over ${count(draws, 'draw')} for ${e.place}` +
    (lo && hi ? `, in ${bins.length} equal bins from ${moneyShort(lo)} to ${moneyShort(hi)}` : '') +
    `. ${pct(e.probPositive)} of draws are above zero. ` +
    (p10 !== null && p90 !== null ? `P10 ${moneyShort(toD(p10))}, P90 ${moneyShort(toD(p90))}; ` : '') +
    `the central value (every uncertain value at its centre) is ${moneyShort(e.centre.npv_cashable)}.`;
  const chart = histogramChart(
    { id, title: `Distribution of the cashable net present value, ${e.place}`, desc },
    { bins, draws, markers },
    'Net present value, cashable, £ (real terms, discounted)',
  );
  const rows = e.histogram.map((b, i): CellLike[] => [
    { text: `${money(toD(b.from))} to ${money(toD(b.to))}`, th: true },
    String(b.count),
    pct(b.count / Math.max(1, draws)),
    { text: i === e.histogram.length - 1 ? 'both ends included' : 'lower end included', cls: 'l note' },
  ]);
  const head: CellLike[] = [{ text: 'Net present value, cashable', cls: 'l' }, 'Draws', 'Share of draws', { text: 'Bin', cls: 'l' }];
  return figure(chart, table(`Figures: distribution of the cashable net present value, ${e.place}`, head, rows));
}

function statisticsTable(e: EntitySimulation, years: SimulationResult['years']): string {
  const head: CellLike[] = [{ text: 'Measure', cls: 'l' }, 'Central', 'Mean', ...PERCENTILES.map((p) => `P${p}`), 'Draws with a value'];
  const byMeasure = new Map<string, MeasureStatistics>(e.measures.map((m) => [m.measure, m]));
  const rows = summaryMeasuresFor([e.centre]).map((m) => {
    const s = byMeasure.get(m);
    return [
      { text: labelOf(m, 'html'), th: true },
      showMeasure(m, e.centre[m], years),
      statistic(m, s?.mean ?? null),
      ...PERCENTILES.map((p) => statistic(m, s?.percentiles[`p${p}`] ?? null)),
      s ? String(s.count) : '',
    ];
  });
  return table(`Statistics over the draws, ${e.place} (payback as a year index, over the draws that pay back)`, head, rows);
}

function paybackTable(e: EntitySimulation): string {
  return table(
    `Payback year over the draws, ${e.place}`,
    [{ text: 'Payback year', cls: 'l' }, 'Draws', 'Share of draws'],
    e.payback.map((b) => [{ text: paybackYearText(b.label, b.t, { never: 'never (not within the horizon)' }), th: true }, String(b.count), pct(b.share)]),
  );
}

function parametersTable(result: SimulationResult): string {
  if (result.parameters.length === 0) return '<p>The scenario has no uncertain values: every draw is the central case.</p>';
  return table(
    'Uncertain values',
    [{ text: 'Value', cls: 'l' }, { text: 'Path', cls: 'l' }, { text: 'Distribution', cls: 'l' }, 'Central', 'Valid range', 'Draws clamped'],
    result.parameters.map((p) => [
      { text: paramLabel(p.label), th: true },
      { text: p.path, cls: 'l' },
      { text: distText(p.dist), cls: 'l' },
      paramValue(p.central),
      `${paramValue(p.min)} to ${p.max === null ? 'no limit' : paramValue(p.max)}`,
      String(p.clamped),
    ]),
  );
}

/** Chart (e) and its table: an NPV (the cashable one unless asked) with each uncertain value at its P10 and at its P90. */
export function tornadoFigure(id: string, e: TornadoEntity, measure: NpvMeasure = 'npv_cashable'): string {
  const what = npvWords(measure);
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  if (e.bars.length === 0) return '<p>The scenario has no uncertain values: there is nothing to vary.</p>';
  const desc =
    `For each uncertain value, ${what} of ${e.place} with that value at its P10 and at its P90, ` +
    `every other value at its centre (central NPV ${moneyShort(e.centralNpv)}); largest swing first. ` +
    e.bars.map((b) => `${paramLabel(b.label)}: ${moneyShort(b.npvLow)} at ${paramValue(b.low)}, ${moneyShort(b.npvHigh)} at ${paramValue(b.high)}`).join('; ') +
    '.';
  const chart = barChart(
    { id, title: `What moves ${what} most, ${e.place}`, desc },
    e.bars.map((b) => ({ label: paramLabel(b.label), note: `${shortValue(b.low)} to ${shortValue(b.high)}`, values: [b.npvLow, b.npvHigh] })),
    [
      { name: 'Value at its P10', colour: PALETTE.orange },
      { name: 'Value at its P90', colour: PALETTE.blue },
    ],
    {
      axisTitle: `${What}, £ (bars start at the central value)`,
      format: moneyShort,
      base: e.centralNpv,
      noteColour: '#555555',
      reference: { value: e.centralNpv, label: `Central ${moneyShort(e.centralNpv)}` },
    },
  );
  const head: CellLike[] = [{ text: 'Uncertain value', cls: 'l' }, 'At P10', 'At P90', 'NPV at P10', 'NPV at P90', 'Swing'];
  const rows = e.bars.map((b) => [{ text: paramLabel(b.label), th: true }, paramValue(b.low), paramValue(b.high), money(b.npvLow), money(b.npvHigh), money(b.swing)]);
  return figure(chart, table(`Figures: sensitivity of ${what}, ${e.place} (central ${money(e.centralNpv)})`, head, rows));
}

function header(title: string, lines: string[]): string[] {
  return ['<header>', `<h1>${esc(title)}</h1>`, ...lines.map((l) => `<p class="sub">${esc(l)}</p>`), '</header>'];
}

/**
 * The simulation report; with `tornado` (the same scenario's one-at-a-time sensitivity) its chart is shown in
 * each place's section too.
 */
export function renderSimulateHtml(result: SimulationResult, meta: ReportMeta, date: string, tornado?: TornadoResult): string {
  const years = result.years;
  const span = years.length > 0 ? `${years[0]!.label} to ${years[years.length - 1]!.label}` : '';
  const body: string[] = [
    ...header(result.scenario, [
      `Monte Carlo simulation: ${count(result.draws, 'draw')}, seed ${result.seed}, ${count(result.horizon, 'year')} (${span}). Made by ${meta.tool} ${meta.version} on ${date}.`,
    ]),
    `<p class="note">Money in pounds (real terms), ${esc(priceText(result))}. ` +
      'Each draw samples every uncertain value once and runs the model; the statistics below are over the draws. ' +
      'Draws are computed in binary floating point; the central values are the exact result of `run`. ' +
      `Draws in which a value fell outside its valid range and was clamped: ${result.clamped}.</p>`,
  ];
  result.entities.forEach((e, i) => {
    const n = i + 1;
    const t = tornado?.entities.find((x) => x.place === e.place);
    body.push(
      `<section class="place${i > 0 ? ' break' : ''}" id="place-${n}">`,
      `<h2>${esc(e.place)}</h2>`,
      simulationHeadline(e, years),
      '<h3>Distribution of the net present value</h3>',
      npvHistogram(`p${n}-npv-dist`, e, result.draws),
      ...(t ? ['<h3>What moves it most</h3>', tornadoFigure(`p${n}-tornado`, t)] : []),
      '<h3>Statistics</h3>',
      statisticsTable(e, years),
      paybackTable(e),
      '</section>',
    );
  });
  body.push(
    '<section class="break" id="parameters">',
    '<h2>Uncertain values</h2>',
    parametersTable(result),
    '</section>',
    warningsSection([{ warnings: result.warnings }]),
    provenanceSection({ ...meta, seed: meta.seed ?? result.seed, draws: meta.draws ?? result.draws }, date),
  );
  return page(`${result.scenario}: placepool simulate`, body);
}

/** The tornado report on its own (`tornado --format html`). */
export function renderTornadoHtml(result: TornadoResult, meta: ReportMeta, date: string): string {
  const body: string[] = [
    ...header(result.scenario, [`One-at-a-time sensitivity of the cashable net present value. Made by ${meta.tool} ${meta.version} on ${date}.`]),
    `<p class="note">Money in pounds (real terms), ${esc(priceText(result))}. ` +
      'Each uncertain value is set to its distribution\'s 10th and then its 90th percentile (clamped into its valid range), ' +
      'every other value at its centre, and the model is run exactly. The swing is the difference between the two results.</p>',
  ];
  result.entities.forEach((e, i) => {
    body.push(`<section class="place${i > 0 ? ' break' : ''}" id="place-${i + 1}">`, `<h2>${esc(e.place)}</h2>`, tornadoFigure(`p${i + 1}-tornado`, e, result.measure), '</section>');
  });
  body.push(warningsSection([{ warnings: result.warnings }]), provenanceSection(meta, date));
  return page(`${result.scenario}: placepool tornado`, body);
}

