// Words for the measures of METHOD.md 2.12-2.14 and 4, as a reader of a paper would want them, and how each
// is written in a table (money to the penny, ratios to 6 dp, shares as percentages, years by label).
import type { D } from '../../decimal.js';
import type { SummaryMeasure, YearInfo } from '../../model/types.js';
import { money, percent, plain } from '../numbers.js';

export const SUMMARY_LABELS: Record<SummaryMeasure, string> = {
  pv_costs: 'Present value of costs',
  pv_cashable_benefits: 'Present value of cashable benefits',
  pv_fiscal_benefits: 'Present value of fiscal benefits',
  npv_cashable: 'Net present value, cashable',
  npv_fiscal: 'Net present value, fiscal',
  cashable_roi: 'Return on investment, cashable (£ per £1)',
  fiscal_roi: 'Return on investment, fiscal (£ per £1)',
  payback_t: 'Payback year',
  peak_funding_requirement: 'Peak funding requirement (cash)',
  total_investment: 'Total investment (cash)',
  total_cashable_savings: 'Total cashable savings (cash)',
  final_baseline_prevention_share: 'Prevention share in the final year, baseline',
  final_scenario_prevention_share: 'Prevention share in the final year, scenario',
};

export const YEARLY_LABELS: Record<string, string> = {
  baseline_spend: 'Baseline spend',
  baseline_reactive: 'Baseline reactive spend',
  baseline_preventive: 'Baseline preventive spend',
  pooled: 'Pooled',
  investment: 'Investment borne',
  transition_cost: 'Transition cost borne',
  efficiency_saving: 'Integration efficiency saving',
  avoided_cost: 'Avoided cost',
  cashable_saving: 'Cashable saving',
  non_cashable_saving: 'Non-cashable saving',
  net_cashable: 'Net cashable',
  scenario_spend: 'Scenario spend',
  cumulative_net_cashable: 'Cumulative net cashable (cash)',
  discount_factor: 'Discount factor',
  pv_net_cashable: 'Present value of net cashable',
  baseline_prevention_share: 'Prevention share, baseline',
  scenario_prevention_share: 'Prevention share, scenario',
};

export const SETTLEMENT_LABELS: Record<string, string> = {
  pays: 'Pays (PV)',
  gains: 'Gains (PV)',
  net_before: 'Net before settlement',
  transfer: 'Transfer',
  net_after: 'Net after settlement',
};

export const INTERVENTION_LABELS: Record<string, string> = {
  investment_pv: 'Investment (PV)',
  avoided_cost_pv: 'Avoided cost (PV)',
  cashable_pv: 'Cashable (PV)',
  net_successes: 'Net successes',
  cost_per_success: 'Cost per net success',
};

const SHARES = new Set(['final_baseline_prevention_share', 'final_scenario_prevention_share', 'baseline_prevention_share', 'scenario_prevention_share']);
const RATIOS = new Set(['cashable_roi', 'fiscal_roi', 'discount_factor', 'net_successes']);

/** A measure's value as a person reads it in a table; '' for none. */
export function showMeasure(measure: string, value: D | number | null | undefined, years?: YearInfo[]): string {
  if (value === null || value === undefined) return measure === 'payback_t' ? 'never' : '';
  if (measure === 'payback_t') {
    const t = Number(value);
    const info = years?.[t];
    return info ? `${info.label} (t = ${t})` : `t = ${t}`;
  }
  if (typeof value === 'number') return String(value);
  if (SHARES.has(measure)) return percent(value, 2);
  if (RATIOS.has(measure)) return plain(value, 'ratio');
  return money(value);
}
