// The domain types every layer shares. The model consumes Budgets and Scenario and produces RunResult;
// readers (src/io) build the first two, renderers (src/report) consume the last. See docs/method.md.
import type { D } from '../decimal.js';
import type { Location, Warning } from '../errors.js';

export type Stage = 'reactive' | 'preventive' | 'other';
export const STAGES: readonly Stage[] = ['reactive', 'preventive', 'other'];

/** One row of a budgets file, validated. `silo` is normalised (docs/method.md, "Conventions"). */
export interface BudgetLine {
  place: string;
  /** financial year by its starting calendar year: 2025 means 2025/26 */
  year: number;
  silo: string;
  service: string;
  stage: Stage;
  amount: D;
  /**
   * The same amount as an exact whole number of pence, when the reader saw one (a file's amounts are nearly
   * always pounds and pence): totals add these as integers, far faster than decimals, with the same result.
   */
  pence?: bigint;
  agency?: string;
  loc: Location;
}

export interface Budgets {
  source: InputSource;
  lines: BudgetLine[];
  /** places in order of first appearance */
  places: string[];
  /** every year present, ascending */
  years: number[];
  /** every silo present, alphabetical */
  silos: string[];
  /** header names that are not columns of the format (reported by `validate`) */
  ignoredColumns: string[];
  warnings: Warning[];
}

// The scenario's types are declared with its fields, in the scenario schema.
export type { DiscountSpec, Distribution, Funder, InputSource, Intervention, Partner, Scenario, SettlementRule, UncertainParam } from './schema.js';
import type { InputSource } from './schema.js';

// ---------------------------------------------------------------------------------------------------------
// Results. Measure names are the snake_case names of docs/method.md (sections 9 to 11 and "Long CSV layout"), used as they are in
// long CSV, JSON, expectations and batch files.

export const SUMMARY_MEASURES = [
  'pv_costs',
  'pv_cashable_benefits',
  'pv_fiscal_benefits',
  'npv_cashable',
  'npv_fiscal',
  'cashable_roi',
  'fiscal_roi',
  'payback_t',
  'peak_funding_requirement',
  'total_investment',
  'total_cashable_savings',
  'final_baseline_prevention_share',
  'final_scenario_prevention_share',
  // public value (docs/method.md, "Public value")
  'pv_economic_benefits',
  'pv_social_benefits',
  'pv_transfers',
  'pv_public_value',
  'npv_public_value',
  'public_value_roi',
  // outside money: with no funders these are 0, npv_cashable and peak_funding_requirement
  'pv_external_funding',
  'partners_npv_cashable',
  'partners_peak_funding_requirement',
  // the funding gap: empty without an envelope
  'final_baseline_gap',
  'final_scenario_gap',
  'cumulative_baseline_gap',
  'cumulative_scenario_gap',
] as const;
export type SummaryMeasure = (typeof SUMMARY_MEASURES)[number];

export type Summary = { [K in Exclude<SummaryMeasure, 'payback_t'>]: D | null } & { payback_t: number | null };

/** Yearly measures of a silo with lines and of the place total `all`, in the order of docs/method.md, "Long CSV layout". */
export const YEARLY_MEASURES = [
  'baseline_spend',
  'baseline_reactive',
  'baseline_preventive',
  'pooled',
  'investment',
  'transition_cost',
  'efficiency_saving',
  'avoided_cost',
  'cashable_saving',
  'non_cashable_saving',
  'net_cashable',
  'scenario_spend',
] as const;
export type YearlyMeasure = (typeof YEARLY_MEASURES)[number];
export const EXTERNAL_YEARLY_MEASURES = ['avoided_cost', 'cashable_saving', 'non_cashable_saving', 'net_cashable'] as const;
export const ALL_EXTRA_MEASURES = [
  'cumulative_net_cashable',
  'discount_factor',
  'pv_net_cashable',
  'baseline_prevention_share',
  'scenario_prevention_share',
  'economic_value',
  'social_value',
] as const;
export type AllExtraMeasure = (typeof ALL_EXTRA_MEASURES)[number];

/** Measures of outside money and of the funding gap, present in reports only when a scenario has them. */
export const FUNDER_MEASURES = ['grant', 'outcome_payment', 'net_cashable'] as const;
export const PARTNER_MEASURES = ['net_cashable'] as const;
export const ENVELOPE_MEASURES = ['funding_envelope', 'baseline_gap', 'scenario_gap'] as const;
export type EnvelopeMeasure = (typeof ENVELOPE_MEASURES)[number];

/**
 * A silo's flows of a year: the yearly measures, the outcome payments it receives (0 without funders) and its
 * funding envelope and gaps (null without an envelope).
 */
export type SiloYear = Record<YearlyMeasure, D> & { outcome_payment: D } & Record<EnvelopeMeasure, D | null>;
/** A place's totals of a year: the silos' measures summed, the running and discounted measures, public value. */
export type PlaceYear = SiloYear & { [K in AllExtraMeasure]: D | null } & {
  economic_value: D;
  social_value: D;
  /** the funders' grants (G[t]); `outcome_payment` is what they pay for outcomes (OP[t]) */
  grant: D;
  /** avoided cost that is a transfer payment (TF[t]): in pv_transfers, not a measure of its own */
  transfers: D;
};

export const SETTLEMENT_MEASURES = ['pays', 'gains', 'net_before', 'transfer', 'net_after', 'peak_funding'] as const;
export type SettlementMeasure = (typeof SETTLEMENT_MEASURES)[number];
/**
 * A row of who pays and who benefits: a partner (an organisation's silos together), a silo in no partner, or a
 * funder. `silo` is the party's name.
 */
export type SettlementRow = { silo: string; kind: 'partner' | 'silo' | 'funder'; external: boolean; wrongPocket: boolean } & Record<SettlementMeasure, D>;

/** A funder's money by year, and its net cashable position (what it pays, negated). */
export interface FunderResult {
  name: string;
  years: Record<(typeof FUNDER_MEASURES)[number], D>[];
}

/** A partner's net cashable position by year: the sum over its silos in the place. */
export interface PartnerResult {
  name: string;
  years: Record<(typeof PARTNER_MEASURES)[number], D>[];
}

export const INTERVENTION_MEASURES = ['investment_pv', 'avoided_cost_pv', 'cashable_pv', 'net_successes', 'cost_per_success', 'economic_value_pv', 'social_value_pv'] as const;
export type InterventionMeasure = (typeof INTERVENTION_MEASURES)[number];
export type InterventionResult = { name: string } & { [K in InterventionMeasure]: D | null };

/**
 * How a measure is presented: money to pence, other measures to 6 dp, integers as they are. Each measure's
 * kind and words for people are in src/report/measures.ts, whose test checks that its kinds agree with this.
 */
export type Precision = 'money' | 'ratio' | 'int';
const RATIO_MEASURES = new Set<string>([
  'cashable_roi',
  'fiscal_roi',
  'final_baseline_prevention_share',
  'final_scenario_prevention_share',
  'discount_factor',
  'baseline_prevention_share',
  'scenario_prevention_share',
  'net_successes',
  'public_value_roi',
]);
export function precisionOf(measure: string): Precision {
  if (measure === 'payback_t' || measure === 't') return 'int';
  return RATIO_MEASURES.has(measure) ? 'ratio' : 'money';
}

export interface SiloResult {
  silo: string;
  /** true for a silo that appears only in interventions' avoided costs (no budget lines) */
  external: boolean;
  /** indexed by t; external silos carry only the external measures (others are zero) */
  years: SiloYear[];
}

export interface YearInfo {
  t: number;
  year: number;
  /** `2025/26` */
  label: string;
}

export interface PlaceResult {
  /** the place's name; for combined places the names joined with ` + ` */
  place: string;
  /** the places behind it (one, or several when combined) */
  members: string[];
  /** silos with lines alphabetically, then external silos alphabetically */
  silos: SiloResult[];
  /** the place totals (`all`), indexed by t */
  all: PlaceYear[];
  summary: Summary;
  settlement: SettlementRow[];
  interventions: InterventionResult[];
  /** in the scenario's order (none without funders) */
  funders: FunderResult[];
  /** in the order of `partners` (none without partners) */
  partners: PartnerResult[];
  /** what the horizon's cohorts would still save after its last year, undiscounted (not counted in any measure) */
  beyondHorizon?: BeyondHorizon;
}

/** Benefits of investment within the horizon that fall after it, undiscounted, in the scenario's prices. */
export interface BeyondHorizon {
  /** gross of the cap on reactive spend, every silo (external ones too) */
  avoided_cost: D;
  economic_value: D;
  social_value: D;
}

export interface AllPlacesResult {
  place: 'all places';
  /** summed yearly flows of the places, indexed by t */
  all: PlaceYear[];
  summary: Summary;
}

export interface RunResult {
  scenario: string;
  baseYear: number;
  horizon: number;
  years: YearInfo[];
  places: PlaceResult[];
  /** present when two or more places are modelled separately */
  allPlaces?: AllPlacesResult;
  /** whether the scenario has funders (their rows and measures appear) and an envelope (the funding gap) */
  hasFunders: boolean;
  hasEnvelope: boolean;
  /** the year whose prices money is in (the base year unless the scenario gives another) */
  priceBase: number;
  /** the deflator series money was converted with, when any value was converted */
  prices?: { deflators: string; note?: string };
  warnings: Warning[];
}

/** The yearly measures of a silo with lines, in the order of the long layout, for this result. */
export function siloYearMeasures(r: Pick<RunResult, 'hasFunders' | 'hasEnvelope'>): (keyof SiloYear)[] {
  return [...YEARLY_MEASURES, ...(r.hasFunders ? (['outcome_payment'] as const) : []), ...(r.hasEnvelope ? ENVELOPE_MEASURES : [])];
}

/** The yearly measures of a place's totals (`all`), in the order of the long layout, for this result. */
export function allYearMeasures(r: Pick<RunResult, 'hasFunders' | 'hasEnvelope'>): (keyof PlaceYear)[] {
  return [...YEARLY_MEASURES, ...ALL_EXTRA_MEASURES, ...(r.hasFunders ? (['grant', 'outcome_payment'] as const) : []), ...(r.hasEnvelope ? ENVELOPE_MEASURES : [])];
}

/** One entity of a place's yearly table: its name, what it is, its measures in the long layout's order, its years. */
export interface YearlyBlock {
  entity: string;
  kind: 'silo' | 'external' | 'funder' | 'partner' | 'all';
  measures: readonly string[];
  years: readonly Readonly<Record<string, D | null>>[];
}

/**
 * The yearly entities of a place in the long layout's order: silos with lines (alphabetically), external silos
 * (alphabetically), funders (the scenario's order), partners (the order of `partners`), then `all`. Every format
 * lays out the yearly flows from this one list.
 */
export function yearlyBlocks(r: Pick<RunResult, 'hasFunders' | 'hasEnvelope'>, place: Pick<PlaceResult, 'silos' | 'funders' | 'partners' | 'all'>): YearlyBlock[] {
  const siloMeasures = siloYearMeasures(r);
  return [
    ...place.silos.map((s): YearlyBlock => ({ entity: s.silo, kind: s.external ? 'external' : 'silo', measures: s.external ? EXTERNAL_YEARLY_MEASURES : siloMeasures, years: s.years })),
    ...place.funders.map((f): YearlyBlock => ({ entity: f.name, kind: 'funder', measures: FUNDER_MEASURES, years: f.years })),
    ...place.partners.map((p): YearlyBlock => ({ entity: p.name, kind: 'partner', measures: PARTNER_MEASURES, years: p.years })),
    { entity: 'all', kind: 'all', measures: allYearMeasures(r), years: place.all },
  ];
}
