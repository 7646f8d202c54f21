// The funding gap of a run's HTML report (docs/method.md, "Funding envelope and gap"): the gap that demand-led
// spend opens against the money each silo can expect, without and with the scenario, by year, with the share
// of it the scenario closes; a chart (the place's totals, then each silo with budget lines) and its figures.
import type { D } from '../../decimal.js';
import type { PlaceResult, PlaceYear, YearInfo } from '../../model/types.js';
import { gapClosed } from '../compare.js';
import { moneyShort, percent } from '../numbers.js';
import { siloLabel } from '../labels.js';
import { spendBySiloChart, type SpendPanel } from '../svg/charts.js';
import { figure, type TableRow } from './page.js';
import { pounds, yearTable, type Units } from './place.js';

/** The share of the gap closed as a percentage; '-' where the baseline has no gap. */
function closedShare(baseline: D | null, scenario: D | null): string {
  const c = gapClosed(baseline, scenario);
  return c === null ? '-' : percent(c);
}

/** The share closed in words: ` (33.3% closed)`; '' where the baseline has no gap. */
function closedWords(baseline: D | null, scenario: D | null): string {
  const c = closedShare(baseline, scenario);
  return c === '-' ? '' : ` (${c} closed)`;
}

/**
 * The funding-gap chart and its figures for a place (or all places: `place` undefined, totals only); '' when
 * the scenario has no envelope.
 */
export function fundingGap(id: string, all: readonly PlaceYear[], place: PlaceResult | undefined, years: YearInfo[], where: string, units: Units = 'short'): string {
  if (all.length === 0 || all[0]!.baseline_gap === null) return '';
  const last = years.length - 1;
  const gaps = (ys: readonly { baseline_gap?: D | null; scenario_gap?: D | null }[]) => ({ baseline: ys.map((y) => y.baseline_gap!), scenario: ys.map((y) => y.scenario_gap!) });
  const lined = place ? place.silos.filter((s) => !s.external) : [];
  const panels: SpendPanel[] = [{ name: `All silos${closedWords(all[last]!.baseline_gap, all[last]!.scenario_gap)}`, ...gaps(all) }];
  for (const s of lined) panels.push({ name: siloLabel(s.silo), ...gaps(s.years) });
  const a = all[last]!;
  const desc =
    `The funding gap of ${where}: demand-led spend a year beyond the money the envelope gives, without the scenario ` +
    `(baseline, solid line) and with it (dashed line), ${years[0]!.label} to ${years[last]!.label}; ` +
    (lined.length ? `the place's totals, then one panel per silo with budget lines (${lined.length}), all on one scale. ` : '') +
    `In ${years[last]!.label} the gap is ${moneyShort(a.baseline_gap)} without the scenario and ${moneyShort(a.scenario_gap)} with it${closedWords(a.baseline_gap, a.scenario_gap)}.`;
  const chart = spendBySiloChart({ id, title: `Funding gap, baseline and scenario, ${where}`, desc }, years, panels, { legend: ['Baseline gap', 'Scenario gap'] });
  const rows: TableRow[] = [
    { cells: [{ text: 'Funding envelope, all silos', th: true }, ...all.map((y) => pounds(y.funding_envelope, units))] },
    { cells: [{ text: 'Baseline gap, all silos', th: true }, ...all.map((y) => pounds(y.baseline_gap, units))], cls: 'total' },
    { cells: [{ text: 'Scenario gap, all silos', th: true }, ...all.map((y) => pounds(y.scenario_gap, units))] },
    { cells: [{ text: 'Share of the gap closed', th: true }, ...all.map((y) => closedShare(y.baseline_gap, y.scenario_gap))] },
  ];
  for (const s of lined) {
    rows.push(
      { cells: [{ text: `${siloLabel(s.silo)}, baseline gap`, th: true }, ...s.years.map((y) => pounds(y.baseline_gap ?? null, units))] },
      { cells: [{ text: `${siloLabel(s.silo)}, scenario gap`, th: true }, ...s.years.map((y) => pounds(y.scenario_gap ?? null, units))] },
    );
  }
  return figure(chart, yearTable(`Figures: funding gap, ${where} (£ a year, real terms; the share closed as %)`, 'Measure', years, rows, units));
}
