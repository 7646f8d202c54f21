// The measures of docs/method.md (sections 9 to 11 and "Long CSV layout"), once: for each, what kind of
// number it is (which decides how every format presents it) and the words each format uses for it. The
// formats' words differ on purpose and are kept apart (HTML writes for a paper, terminal tables must fit 100
// columns); a renderer asks for its own.
import {
  SUMMARY_MEASURES,
  precisionOf,
  type AllExtraMeasure,
  type EnvelopeMeasure,
  type InterventionMeasure,
  type Precision,
  type SettlementMeasure,
  type Summary,
  type SummaryMeasure,
  type YearlyMeasure,
} from '../model/types.js';

export { precisionOf };

export type Measure = SummaryMeasure | YearlyMeasure | AllExtraMeasure | SettlementMeasure | InterventionMeasure | EnvelopeMeasure | 'grant' | 'outcome_payment';

/**
 * What kind of number a measure is:
 * - money: pounds (to the penny in machine formats);
 * - share: a fraction of spend, shown to people as a percentage;
 * - roi: pounds of benefit per £1 of cost;
 * - factor: a discount factor;
 * - count: a number of people (net successes; fractional);
 * - year: an index t into the years (payback_t), a whole number.
 * The last four but `year` are ratios to 6 dp in CSV and JSON (see KIND_PRECISION).
 */
export type MeasureKind = 'money' | 'share' | 'roi' | 'factor' | 'count' | 'year';
export const MEASURE_KINDS: readonly MeasureKind[] = ['money', 'share', 'roi', 'factor', 'count', 'year'];

/** The machine precision (CSV, JSON, Excel cells) of each kind; agrees with the model's precisionOf. */
export const KIND_PRECISION: Readonly<Record<MeasureKind, Precision>> = {
  money: 'money',
  share: 'ratio',
  roi: 'ratio',
  factor: 'ratio',
  count: 'ratio',
  year: 'int',
};

/** Which words: HTML pages; terminal and Markdown tables; narrow terminal tables; Excel sheets. */
export type LabelStyle = 'html' | 'text' | 'short' | 'xlsx';

export interface MeasureInfo {
  kind: MeasureKind;
  /** words for a paper: the HTML reports */
  html: string;
  /** terminal and Markdown tables (run, compare, simulate), and Excel unless `xlsx` is given */
  text: string;
  /** narrow terminal tables (simulate's statistics; run's settlement and intervention columns), when not `text` */
  short?: string;
  /** Excel sheets, when not `text` */
  xlsx?: string;
}

export const MEASURES: Readonly<Record<Measure, MeasureInfo>> = {
  // summary (docs/method.md, "9. Summary measures")
  pv_costs: { kind: 'money', html: 'Present value of costs', text: 'Present value of costs', short: 'PV of costs' },
  pv_cashable_benefits: { kind: 'money', html: 'Present value of cashable benefits', text: 'Present value of cashable benefits', short: 'PV cashable benefits' },
  pv_fiscal_benefits: { kind: 'money', html: 'Present value of fiscal benefits', text: 'Present value of fiscal benefits', short: 'PV fiscal benefits' },
  npv_cashable: { kind: 'money', html: 'Net present value, cashable', text: 'Net present value (cashable)', short: 'NPV (cashable)' },
  npv_fiscal: { kind: 'money', html: 'Net present value, fiscal', text: 'Net present value (fiscal)', short: 'NPV (fiscal)' },
  cashable_roi: { kind: 'roi', html: 'Return on investment, cashable (£ per £1)', text: 'Cashable return on investment', short: 'Cashable ROI' },
  fiscal_roi: { kind: 'roi', html: 'Return on investment, fiscal (£ per £1)', text: 'Fiscal return on investment', short: 'Fiscal ROI' },
  payback_t: { kind: 'year', html: 'Payback year', text: 'Payback year', short: 'Payback (year index)', xlsx: 'Payback (year index t)' },
  peak_funding_requirement: { kind: 'money', html: 'Peak funding requirement (cash)', text: 'Peak funding requirement', short: 'Peak funding' },
  total_investment: { kind: 'money', html: 'Total investment (cash)', text: 'Total investment' },
  total_cashable_savings: { kind: 'money', html: 'Total cashable savings (cash)', text: 'Total cashable savings' },
  final_baseline_prevention_share: {
    kind: 'share',
    html: 'Prevention share in the final year, baseline',
    text: 'Prevention share, baseline (final year)',
    short: 'Prevention share, base',
  },
  final_scenario_prevention_share: {
    kind: 'share',
    html: 'Prevention share in the final year, scenario',
    text: 'Prevention share, scenario (final year)',
    short: 'Prevention share, scen.',
  },
  // public value (docs/method.md, "Public value")
  pv_economic_benefits: { kind: 'money', html: 'Present value of economic benefits', text: 'Present value of economic benefits', short: 'PV economic' },
  pv_social_benefits: { kind: 'money', html: 'Present value of social benefits', text: 'Present value of social benefits', short: 'PV social' },
  pv_transfers: { kind: 'money', html: 'Present value of transfer payments (not public value)', text: 'Present value of transfers', short: 'PV transfers' },
  pv_public_value: { kind: 'money', html: 'Present value of public value', text: 'Present value of public value', short: 'PV public value' },
  npv_public_value: { kind: 'money', html: 'Net present public value', text: 'Net present public value', short: 'NPV (public value)' },
  public_value_roi: { kind: 'roi', html: 'Public value return (£ per £1)', text: 'Public value return on investment', short: 'Public value ROI' },
  // outside money: with no funders, 0, npv_cashable and peak_funding_requirement
  pv_external_funding: { kind: 'money', html: 'Present value of outside funding', text: 'Present value of outside funding', short: 'PV outside funding' },
  partners_npv_cashable: { kind: 'money', html: "Net present value to the partners, cashable", text: "Partners' net present value (cashable)", short: "Partners' NPV" },
  partners_peak_funding_requirement: { kind: 'money', html: "Partners' peak funding requirement (cash)", text: "Partners' peak funding requirement", short: "Partners' peak" },
  // the funding gap, empty without an envelope
  final_baseline_gap: { kind: 'money', html: 'Funding gap in the final year, baseline', text: 'Funding gap, baseline (final year)', short: 'Gap, baseline' },
  final_scenario_gap: { kind: 'money', html: 'Funding gap in the final year, scenario', text: 'Funding gap, scenario (final year)', short: 'Gap, scenario' },
  cumulative_baseline_gap: { kind: 'money', html: 'Funding gap over the horizon, baseline (cash)', text: 'Cumulative funding gap, baseline', short: 'Cum. gap, base' },
  cumulative_scenario_gap: { kind: 'money', html: 'Funding gap over the horizon, scenario (cash)', text: 'Cumulative funding gap, scenario', short: 'Cum. gap, scen.' },

  // yearly, of a silo and of the place (docs/method.md, "Long CSV layout")
  baseline_spend: { kind: 'money', html: 'Baseline spend', text: 'Baseline spend' },
  baseline_reactive: { kind: 'money', html: 'Baseline reactive spend', text: 'Baseline reactive' },
  baseline_preventive: { kind: 'money', html: 'Baseline preventive spend', text: 'Baseline preventive' },
  pooled: { kind: 'money', html: 'Pooled', text: 'Pooled' },
  investment: { kind: 'money', html: 'Investment borne', text: 'Investment in prevention' },
  transition_cost: { kind: 'money', html: 'Transition cost borne', text: 'Transition costs' },
  efficiency_saving: { kind: 'money', html: 'Integration efficiency saving', text: 'Integration efficiency' },
  avoided_cost: { kind: 'money', html: 'Avoided cost', text: 'Avoided cost' },
  cashable_saving: { kind: 'money', html: 'Cashable saving', text: 'Cashable saving' },
  non_cashable_saving: { kind: 'money', html: 'Non-cashable saving', text: 'Non-cashable saving' },
  net_cashable: { kind: 'money', html: 'Net cashable', text: 'Net cashable' },
  scenario_spend: { kind: 'money', html: 'Scenario spend', text: 'Scenario spend' },

  // yearly, of the place only
  cumulative_net_cashable: { kind: 'money', html: 'Cumulative net cashable (cash)', text: 'Cumulative net cashable' },
  discount_factor: { kind: 'factor', html: 'Discount factor', text: 'Discount factor' },
  pv_net_cashable: { kind: 'money', html: 'Present value of net cashable', text: 'Discounted net cashable' },
  baseline_prevention_share: { kind: 'share', html: 'Prevention share, baseline', text: 'Prevention share, baseline' },
  scenario_prevention_share: { kind: 'share', html: 'Prevention share, scenario', text: 'Prevention share, scenario' },
  economic_value: { kind: 'money', html: 'Economic value', text: 'Economic value' },
  social_value: { kind: 'money', html: 'Social value', text: 'Social value' },

  // yearly, with funders (docs/method.md, "Funders and partners") and with an envelope (the funding gap)
  grant: { kind: 'money', html: 'Grant received', text: 'Grant' },
  outcome_payment: { kind: 'money', html: 'Outcome payments received', text: 'Outcome payments' },
  funding_envelope: { kind: 'money', html: 'Funding envelope', text: 'Funding envelope' },
  baseline_gap: { kind: 'money', html: 'Funding gap, baseline', text: 'Funding gap, baseline' },
  scenario_gap: { kind: 'money', html: 'Funding gap, scenario', text: 'Funding gap, scenario' },

  // settlement (docs/method.md, "10. Who pays and who benefits")
  pays: { kind: 'money', html: 'Pays (PV)', text: 'Pays (PV)' },
  gains: { kind: 'money', html: 'Gains (PV)', text: 'Gains (PV)' },
  net_before: { kind: 'money', html: 'Net before settlement', text: 'Net before settlement', short: 'Net before' },
  transfer: { kind: 'money', html: 'Transfer', text: 'Transfer' },
  net_after: { kind: 'money', html: 'Net after settlement', text: 'Net after settlement', short: 'Net after' },
  peak_funding: { kind: 'money', html: 'Peak funding (cash)', text: 'Peak funding', short: 'Peak' },

  // interventions (docs/method.md, "11. Interventions")
  investment_pv: { kind: 'money', html: 'Investment (PV)', text: 'Investment (PV)', short: 'Invested (PV)' },
  avoided_cost_pv: { kind: 'money', html: 'Avoided cost (PV)', text: 'Avoided cost (PV)', short: 'Avoided (PV)' },
  cashable_pv: { kind: 'money', html: 'Cashable (PV)', text: 'Cashable (PV)' },
  net_successes: { kind: 'count', html: 'Net successes', text: 'Net successes' },
  cost_per_success: { kind: 'money', html: 'Cost per net success', text: 'Cost per net success', short: 'Cost/success' },
  economic_value_pv: { kind: 'money', html: 'Economic value (PV)', text: 'Economic value (PV)', short: 'Economic (PV)' },
  social_value_pv: { kind: 'money', html: 'Social value (PV)', text: 'Social value (PV)', short: 'Social (PV)' },
};

function infoOf(measure: string): MeasureInfo | undefined {
  return Object.hasOwn(MEASURES, measure) ? MEASURES[measure as Measure] : undefined;
}

/**
 * What kind of number a measure is. The year index `t` of long layouts is a year; any other name is taken
 * for money, as precisionOf does.
 */
export function kindOf(measure: string): MeasureKind {
  if (measure === 't') return 'year';
  return infoOf(measure)?.kind ?? 'money';
}

/**
 * The precision of a statistic of a measure (simulate's tables, batch's statistic columns and expectations):
 * probabilities (`prob_positive`, `prob_never`) are ratios; the mean and percentiles of a year measure
 * (payback_t) are fractional years, shown to 6 dp; any other statistic is presented as its measure.
 */
export function statisticPrecision(measure: string, statistic?: string): Precision {
  if (statistic?.startsWith('prob_')) return 'ratio';
  return kindOf(measure) === 'year' ? 'ratio' : precisionOf(measure);
}

/** The words for a measure in a format; a name that is not a measure is shown as it is. */
export function labelOf(measure: string, style: LabelStyle = 'text'): string {
  const info = infoOf(measure);
  if (!info) return measure;
  switch (style) {
    case 'html':
      return info.html;
    case 'text':
      return info.text;
    case 'short':
      return info.short ?? info.text;
    case 'xlsx':
      return info.xlsx ?? info.text;
  }
}

const OUTSIDE_MONEY: ReadonlySet<string> = new Set(['pv_external_funding', 'partners_npv_cashable', 'partners_peak_funding_requirement']);
const GAP: ReadonlySet<string> = new Set(['final_baseline_gap', 'final_scenario_gap', 'cumulative_baseline_gap', 'cumulative_scenario_gap']);

/**
 * The summary measures a report for people shows: all but those that say nothing here, the partners' view when
 * no outside money comes in (it repeats the place's own figures) and the funding gap without an envelope (it
 * is empty). CSV, JSON and Excel keep every measure, so that their columns never depend on the scenario.
 */
export function summaryMeasuresFor(summaries: readonly (Summary | null)[]): SummaryMeasure[] {
  const given = summaries.filter((s): s is Summary => s !== null);
  const outside = given.some((s) => s.pv_external_funding !== null && !s.pv_external_funding.isZero());
  const gap = given.some((s) => s.final_baseline_gap !== null);
  return SUMMARY_MEASURES.filter((m) => (outside || !OUTSIDE_MONEY.has(m)) && (gap || !GAP.has(m)));
}

/** An NPV measure in a sentence: `the cashable net present value`. */
export function npvWords(measure: string): string {
  switch (measure) {
    case 'npv_fiscal':
      return 'the fiscal net present value';
    case 'npv_public_value':
      return 'the net present public value';
    case 'partners_npv_cashable':
      return "the partners' cashable net present value";
    default:
      return 'the cashable net present value';
  }
}

/**
 * An uncertain value's label for people: `Family intervention: success_rate` reads `Family intervention:
 * success rate`, `Reablement: avoided_cost_per_success.social_care` reads `Reablement: avoided cost per
 * success (social care)`, `investment.shift.1` reads `investment shift (1)`. The field, which tells the rows of
 * one intervention apart, is kept whole: a table wraps a long label rather than cut it.
 */
export function paramLabel(label: string): string {
  const colon = label.lastIndexOf(': ');
  const who = colon < 0 ? '' : label.slice(0, colon + 2);
  const segments = (colon < 0 ? label : label.slice(colon + 2)).split('.').map((x) => x.replace(/_/g, ' '));
  const head = segments.length > 1 && (segments[0] === 'investment' || segments[0] === 'integration') ? `${segments.shift()!} ${segments.shift()!}` : segments.shift()!;
  return `${who}${head}${segments.length ? ` (${segments.join(', ')})` : ''}`;
}

/**
 * The payback year for people, one convention in every report: the financial year with its year index in
 * brackets (`2027/28 (year 2)`, year 0 being the base year), or only the financial year where a table has no
 * room; `never` (or the words given) when the plan does not pay back within the horizon.
 */
export function paybackYearText(label: string | undefined, t: number | null, options: { never?: string; short?: boolean } = {}): string {
  if (t === null) return options.never ?? 'never';
  if (label === undefined) return `year ${t}`;
  return options.short ? label : `${label} (year ${t})`;
}
