// Benefits by kind in a run's HTML report (docs/method.md, "Public value"): each year's cashable savings, the
// other (non-cashable) fiscal savings, economic value and social value, undiscounted; a chart and its figures.
import { D } from '../../decimal.js';
import type { PlaceYear, YearInfo } from '../../model/types.js';
import { moneyShort } from '../numbers.js';
import { barChart } from '../svg/charts.js';
import { PALETTE } from '../svg/frame.js';
import { figure } from './page.js';
import { pounds, yearTable, type Units } from './place.js';

const KINDS = [
  { key: 'cashable_saving', name: 'Cashable savings', colour: PALETTE.blue },
  { key: 'non_cashable_saving', name: 'Other fiscal savings', colour: PALETTE.sky },
  { key: 'economic_value', name: 'Economic value', colour: PALETTE.green },
  { key: 'social_value', name: 'Social value', colour: PALETTE.orange },
] as const;

/** The chart of benefits by kind and year for a place (or all places), with its figures; '' with no years. */
export function benefitsByKind(id: string, all: readonly PlaceYear[], years: YearInfo[], where: string, units: Units = 'short'): string {
  if (all.length === 0) return '';
  const total = (k: (typeof KINDS)[number]['key']) => all.reduce((a, y) => a.plus(y[k]), new D(0));
  const desc =
    `Benefits a year for ${where} by kind, undiscounted, ${years[0]!.label} to ${years[years.length - 1]!.label}; over the years: ` +
    KINDS.map((k) => `${k.name.toLowerCase()} ${moneyShort(total(k.key))}`).join(', ') +
    '. Transfers (benefits no longer paid) are within the fiscal savings and are not public value.';
  const chart = barChart(
    { id, title: `Benefits by kind and year, ${where}`, desc },
    all.map((y, t) => ({ label: years[t]!.label, values: KINDS.map((k) => y[k.key]) })),
    KINDS.map((k) => ({ name: k.name, colour: k.colour })),
    { axisTitle: 'Benefit in the year, £ (real terms, undiscounted)', format: moneyShort },
  );
  const rows = KINDS.map((k) => [{ text: k.name, th: true }, ...all.map((y) => pounds(y[k.key], units))]);
  return figure(chart, yearTable(`Figures: benefits by kind and year, ${where} (£ a year, real terms)`, 'Benefit', years, rows, units));
}
