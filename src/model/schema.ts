// The scenario format, declared once. Each field of a scenario file has one entry here: where it goes, what
// kind of value it holds, its default and valid range, whether it may be uncertain, its unit and a line for
// users. Everything else that knows about fields is derived from this list: the reader (src/io/scenario.ts),
// the parameter paths of --param, sweeps, tornado and breakeven (src/model/params.ts), the fast simulation
// path's slots (src/uncertainty/compiled.ts), the Excel Inputs sheet, the JSON Schema of `placepool schema`,
// and the field table of docs/method.md (checked equal by a test). The typed Scenario below is the model's
// view of a file; an intervention's numbers are typed from their entries, so a new one is declared here only.
import { D, ZERO } from '../decimal.js';
import type { Location, Warning } from '../errors.js';

// ---------------------------------------------------------------------------------------------------------
// Field entries

/** What a field's values are, for checks, docs and the JSON Schema. */
export type FieldKind =
  /** pounds */
  | 'money'
  /** a share or proportion from 0 to 1 */
  | 'share'
  /** a rate a year (growth, discounting) */
  | 'rate'
  /** a multiplier such as a cost uplift */
  | 'factor'
  /** a whole number of years or items */
  | 'count'
  /** a financial year */
  | 'year'
  /** an evidence grade, 1 to 6 */
  | 'grade'
  | 'text'
  | 'boolean'
  /** one of a few words */
  | 'choice'
  /** a list of place names */
  | 'places'
  /** a list of items, each a map of fields (interventions, funders) */
  | 'items'
  /** organisations, each a list of silos (`partners`) */
  | 'partners'
  /** a map of fields (investment, integration) */
  | 'section';

/**
 * How a field holds its numbers: one value; a map by silo (`growth: {health: 0.02}`); one value a year, or one
 * number for every year (`shift: [0.01, 0.02]`); a map by evidence grade (`optimism_bias_table: {5: 0.3}`).
 * Parameter paths follow the shape: `growth.health`, `investment.shift.1`, `optimism_bias_table.5`. `names`:
 * a map by intervention name (a funder's `outcome_payment: {Family intervention: 800}`).
 */
export type FieldShape = 'one' | 'silos' | 'list' | 'grades' | 'names';

export interface FieldDef {
  /** `horizon`, `investment.shift` (a field of a section), `interventions.drop_off` (a field of each item) */
  readonly key: string;
  readonly kind: FieldKind;
  readonly shape: FieldShape;
  /** one line for users (docs, the JSON Schema, editors' tooltips) */
  readonly description: string;
  /** the unit of the values, in words */
  readonly unit?: string;
  /** where the value or the method comes from */
  readonly reference?: string;
  /** the default as a user would write it (JSON), when there is one */
  readonly default?: unknown;
  /** the default in words, where it is not a value (`every place in the budgets`) */
  readonly defaultText?: string;
  readonly required?: boolean;
  /** numbers: the valid range (as decimal text), whether the maximum itself is excluded, whole numbers only */
  readonly min?: string;
  readonly max?: string;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  /** may be written as a distribution (`{triangular: [low, mode, high]}` ...) */
  readonly uncertain?: boolean;
  /** a money value, which may later be written in the prices of another year or as a unit cost */
  readonly money?: boolean;
  /** a number a parameter path may vary (every numeric field but `base_year`) */
  readonly varied?: boolean;
  /** the words a choice (or a number-or-word field such as `discount`) accepts */
  readonly choices?: readonly string[];
  /** how to mend a bad value */
  readonly hint: string;
  /** how to mend a required field's absence */
  readonly missing?: string;
  /** interventions: the property of the typed Intervention that holds the value */
  readonly prop?: string;
  /** interventions: a value that may be absent (no default) */
  readonly optional?: boolean;
}

const SHARE_HINT = 'Write a share between 0 and 1: 0.3 means 30%.';
const GREEN_BOOK = 'HM Treasury, The Green Book (2022)';
const ADDITIONALITY = 'HM Treasury / GMCA cost-benefit analysis guidance; the Additionality Guide (Homes and Communities Agency, 2014)';

/** The fields of each intervention, in the order a file usually gives them (and reports echo them). */
export const INTERVENTION_FIELDS = {
  name: { key: 'interventions.name', kind: 'text', shape: 'one', required: true, prop: 'name', description: 'The intervention\'s name, unique within the scenario.', hint: 'Give it a name.' },
  share: {
    key: 'interventions.share', kind: 'share', shape: 'one', prop: 'share', default: 1, min: '0', max: '1', varied: true,
    description: "The intervention's share of each year's investment; the shares of all interventions add up to exactly 1.",
    unit: 'share', hint: "Write the intervention's share of each year's investment, between 0 and 1.",
  },
  cost_per_participant: {
    key: 'interventions.cost_per_participant', kind: 'money', shape: 'one', prop: 'costPerParticipant', required: true, min: '0.01', uncertain: true, money: true, max: '1e15', varied: true,
    description: 'What the intervention costs for one participant.', unit: '£ per participant', reference: 'GMCA Unit Cost Database',
    hint: 'Write the cost per participant in pounds, at least 0.01.', missing: 'Add the cost per participant in pounds, e.g. `cost_per_participant: 5214`.',
  },
  cost_optimism_bias: {
    key: 'interventions.cost_optimism_bias', kind: 'factor', shape: 'one', prop: 'costOptimismBias', default: 0, min: '0', max: '10', uncertain: true, varied: true,
    description: 'Uplift to the cost per participant for optimism bias (0.2 means +20%).', unit: 'proportion', reference: GREEN_BOOK,
    hint: 'Write the uplift to the cost, between 0 and 10: 0.2 means +20%.',
  },
  success_rate: {
    key: 'interventions.success_rate', kind: 'share', shape: 'one', prop: 'successRate', default: 0, min: '0', max: '1', uncertain: true, varied: true,
    description: 'Share of participants who achieve the outcome.', unit: 'share', hint: SHARE_HINT,
  },
  deadweight: {
    key: 'interventions.deadweight', kind: 'share', shape: 'one', prop: 'deadweight', default: 0, min: '0', max: '1', uncertain: true, varied: true,
    description: 'Share of participants who would have achieved the outcome anyway.', unit: 'share', reference: ADDITIONALITY, hint: SHARE_HINT,
  },
  attribution: {
    key: 'interventions.attribution', kind: 'share', shape: 'one', prop: 'attribution', default: 1, min: '0', max: '1', uncertain: true, varied: true,
    description: 'Share of the outcome that is due to this intervention.', unit: 'share', reference: ADDITIONALITY, hint: SHARE_HINT,
  },
  confidence: {
    key: 'interventions.confidence', kind: 'grade', shape: 'one', prop: 'confidence', optional: true, min: '1', max: '6', integer: true, varied: true,
    defaultText: 'none (then no optimism bias, with a warning)',
    description: 'Evidence grade, 1 (strong) to 6 (weak): sets the optimism bias from `optimism_bias_table`. Not together with `optimism_bias`.',
    unit: 'grade', reference: 'GMCA cost-benefit analysis guidance, confidence grades',
    hint: 'Write the evidence grade, a whole number from 1 (strong) to 6 (weak).',
  },
  optimism_bias: {
    key: 'interventions.optimism_bias', kind: 'share', shape: 'one', prop: 'optimismBias', min: '0', max: '1', uncertain: true, varied: true,
    defaultText: 'from `confidence`, else 0',
    description: 'Share by which the outcomes are reduced for optimism bias, given directly. Not together with `confidence`.',
    unit: 'share', reference: GREEN_BOOK, hint: 'Write an optimism bias between 0 and 1: 0.1 means 10%.',
  },
  lag: {
    key: 'interventions.lag', kind: 'count', shape: 'one', prop: 'lag', default: 0, min: '0', max: '99', integer: true, varied: true,
    description: 'Whole years from the investment to the first benefit.', unit: 'years', hint: 'Write the whole number of years before the first benefit, 0 to 99.',
  },
  duration: {
    key: 'interventions.duration', kind: 'count', shape: 'one', prop: 'duration', default: 1, min: '1', max: '100', integer: true, varied: true,
    description: 'Whole years the benefit of one cohort lasts.', unit: 'years', hint: 'Write the whole number of years the benefit lasts, 1 to 100.',
  },
  drop_off: {
    key: 'interventions.drop_off', kind: 'share', shape: 'one', prop: 'dropOff', default: 0, min: '0', max: '1', uncertain: true, varied: true,
    description: 'Share of the benefit lost each year after the first.', unit: 'share a year', reference: ADDITIONALITY, hint: SHARE_HINT,
  },
  avoided_cost_per_success: {
    key: 'interventions.avoided_cost_per_success', kind: 'money', shape: 'silos', prop: 'avoidedCost', default: {}, min: '0', uncertain: true, money: true, max: '1e15', varied: true,
    description: 'Cost avoided a year for each net success, by the silo that would have paid it.', unit: '£ a year per net success', reference: 'GMCA Unit Cost Database',
    hint: 'Write the pounds a year avoided per net success, 0 or more.',
  },
  cashable: {
    key: 'interventions.cashable', kind: 'share', shape: 'silos', prop: 'cashable', default: {}, min: '0', max: '1', uncertain: true, varied: true,
    description: 'Share of each silo\'s avoided cost that can be taken out of its budget; a share for every silo of `avoided_cost_per_success`.',
    unit: 'share', hint: 'Write the cashable share of the avoided cost, between 0 and 1.',
  },
  economic_value_per_success: {
    key: 'interventions.economic_value_per_success', kind: 'money', shape: 'one', prop: 'economicValue', default: 0, min: '0', uncertain: true, money: true, max: '1e15', varied: true,
    description: 'Economic benefit a year for each net success, to individuals and the economy (e.g. higher earnings); public value, not a saving to any budget.',
    unit: '£ a year per net success', reference: 'GMCA Unit Cost Database (economic values)', hint: 'Write the pounds a year of economic benefit per net success, 0 or more.',
  },
  social_value_per_success: {
    key: 'interventions.social_value_per_success', kind: 'money', shape: 'one', prop: 'socialValue', default: 0, min: '0', uncertain: true, money: true, max: '1e15', varied: true,
    description: 'Social benefit a year for each net success (wellbeing, harm avoided); public value, not a saving to any budget.',
    unit: '£ a year per net success', reference: 'GMCA Unit Cost Database (social values)', hint: 'Write the pounds a year of social benefit per net success, 0 or more.',
  },
  displacement: {
    key: 'interventions.displacement', kind: 'share', shape: 'one', prop: 'displacement', default: 0, min: '0', max: '1', uncertain: true, varied: true,
    description: 'Share of the economic benefit that is displaced from elsewhere (a job filled here that someone else would have had).',
    unit: 'share', reference: ADDITIONALITY, hint: SHARE_HINT,
  },
  transfer: {
    key: 'interventions.transfer', kind: 'share', shape: 'silos', prop: 'transfer', default: {}, min: '0', max: '1', uncertain: true, varied: true,
    description: "Share of a silo's avoided cost that is a transfer payment (a benefit no longer paid, a tax received): fiscal and cashable as before, but left out of public value. Keys are silos of `avoided_cost_per_success`.",
    unit: 'share', reference: 'GMCA Unit Cost Database guidance on transfers', hint: 'Write the share of the avoided cost that is a transfer payment, between 0 and 1.',
  },
} as const satisfies Record<string, FieldDef>;

export type InterventionFieldName = keyof typeof INTERVENTION_FIELDS;

/** Every field of a scenario file, in the order of the format (top level, sections, interventions). */
export const FIELDS: readonly FieldDef[] = [
  { key: 'name', kind: 'text', shape: 'one', required: true, description: 'The scenario\'s name, shown on every report.', hint: 'Add a line such as `name: Lambeth whole-place pool`.' },
  { key: 'description', kind: 'text', shape: 'one', description: 'What the scenario assumes, in a sentence or two.', hint: 'Write it as `description: some text`.' },
  {
    key: 'places', kind: 'places', shape: 'one', defaultText: 'every place in the budgets, in order of first appearance',
    description: 'The places to model (names as in the budgets).', hint: 'Write it as `places: [Lambeth, Southwark]`.',
  },
  { key: 'combine', kind: 'boolean', shape: 'one', default: false, description: 'Model the places as one combined place instead of each on its own.', hint: 'Write `combine: true` or `combine: false`.' },
  {
    key: 'base_year', kind: 'year', shape: 'one', min: '1000', max: '9998', integer: true, defaultText: 'the earliest year of the selected places in the budgets',
    description: 'The first financial year modelled (2025 or 2025/26 means 2025/26); every place must have budget rows for it.',
    hint: 'Write the starting calendar year of a financial year: `2025` or `2025/26`.',
  },
  {
    key: 'price_base', kind: 'year', shape: 'one', min: '1000', max: '9998', integer: true, defaultText: 'the base year',
    description: 'The financial year whose prices every money value is in (2024 or 2024/25 means 2024/25 prices): a value written in the prices of another year, or taken from a unit-cost library, is converted to it with the deflators; the budgets are taken to be in these prices already.',
    hint: 'Write the starting calendar year of a financial year: `2024` or `2024/25`.',
  },
  {
    key: 'deflators', kind: 'text', shape: 'one', defaultText: 'the bundled HM Treasury GDP deflator series (`bundled`)',
    description: 'The price index money is converted with: a CSV file with the columns `year,index` (a path relative to the scenario file), or `bundled`.',
    hint: 'Write the path of a CSV file with the columns year,index, relative to the scenario file (e.g. `deflators: deflators.csv`), or `deflators: bundled`.',
  },
  {
    key: 'unit_costs', kind: 'text', shape: 'one', defaultText: 'none',
    description: 'The unit-cost library that `{unit_cost: CODE}` values come from: the GMCA Unit Cost Database workbook (.xlsx) or a unit-cost CSV (a path relative to the scenario file), or `bundled` for the bundled library.',
    hint: 'Write the path of the library, relative to the scenario file (e.g. `unit_costs: unit-costs.csv`), or `unit_costs: bundled`.',
  },
  { key: 'horizon', kind: 'count', shape: 'one', default: 10, min: '1', max: '100', integer: true, varied: true, unit: 'years', description: 'Number of years modelled.', hint: 'Give the number of years to model, e.g. `horizon: 10`.' },
  {
    key: 'discount', kind: 'rate', shape: 'one', default: 'green-book', choices: ['green-book', 'green-book-health'], min: '0', max: '1', maxExclusive: true, varied: true,
    unit: 'rate a year', reference: GREEN_BOOK,
    description: "Discounting: the Green Book's declining schedule (`green-book`), its health schedule (`green-book-health`), or a constant rate.",
    hint: 'Write `green-book`, `green-book-health`, or a constant rate such as 0.035.',
  },
  {
    key: 'growth', kind: 'rate', shape: 'silos', default: {}, min: '-0.5', max: '1', uncertain: true, varied: true, unit: 'rate a year',
    description: 'Real annual growth of each silo\'s baseline spend; `default` for the silos not named (else 0).',
    hint: 'Write a real annual growth rate between -0.5 and 1: 0.02 means 2% a year.',
  },
  { key: 'pool', kind: 'share', shape: 'silos', default: {}, min: '0', max: '1', varied: true, unit: 'share', description: 'Share of each silo\'s spend put into the pool.', hint: SHARE_HINT },
  { key: 'investment', kind: 'section', shape: 'one', description: 'How much is moved into prevention each year, and who pays for it.', hint: 'Write it as `investment: {shift: [0.01, 0.02], reinvest: 0.5}`.' },
  {
    key: 'investment.shift', kind: 'share', shape: 'list', default: 0, min: '0', max: '1', uncertain: true, varied: true, unit: 'share a year',
    description: 'Share of pooled reactive spend moved into prevention, by year from the base year; the last value holds.',
    hint: 'Write the share of pooled reactive spend moved to prevention, between 0 and 1.',
  },
  {
    key: 'investment.fixed', kind: 'money', shape: 'list', default: [], min: '0', money: true, max: '1e15', varied: true, unit: '£ a year',
    description: 'Extra amounts invested, by year from the base year (e.g. a transformation fund); 0 after the list ends.',
    hint: 'Write an amount in pounds, 0 or more.',
  },
  { key: 'investment.reinvest', kind: 'share', shape: 'one', default: 0, min: '0', max: '1', uncertain: true, varied: true, unit: 'share', description: "Share of last year's gross cashable savings put back into prevention.", hint: SHARE_HINT },
  {
    key: 'investment.funding', kind: 'share', shape: 'silos', default: 'pool', choices: ['pool'], min: '0', max: '1', varied: true, unit: 'share',
    description: 'Who bears the costs: `pool` (each silo in proportion to what it pools that year), or shares by silo adding up to exactly 1.',
    hint: 'Give each silo its share of the funding; the shares must add up to exactly 1.',
  },
  { key: 'integration', kind: 'section', shape: 'one', description: 'Savings from integrating the pooled services, and their one-off costs.', hint: 'Write it as `integration: {efficiency: 0.02, ramp_years: 3}`.' },
  { key: 'integration.efficiency', kind: 'share', shape: 'one', default: 0, min: '0', max: '1', uncertain: true, varied: true, unit: 'share a year', description: 'Share of pooled spend saved a year by removing duplication, at full effect.', hint: SHARE_HINT },
  { key: 'integration.ramp_years', kind: 'count', shape: 'one', default: 1, min: '1', integer: true, varied: true, unit: 'years', description: 'Whole years for the efficiency saving to reach full effect.', hint: 'Write the whole number of years to reach full effect, 1 or more.' },
  {
    key: 'integration.transition_costs', kind: 'money', shape: 'list', default: [], min: '0', money: true, max: '1e15', varied: true, unit: '£ a year',
    description: 'One-off costs of integration, by year from the base year; 0 after the list ends.', hint: 'Write an amount in pounds, 0 or more.',
  },
  {
    key: 'optimism_bias_table', kind: 'share', shape: 'grades', default: { 1: 0, 2: 0.05, 3: 0.1, 4: 0.15, 5: 0.25, 6: 0.4 }, min: '0', max: '1', varied: true, unit: 'share',
    reference: 'GMCA cost-benefit analysis guidance, optimism bias by confidence grade',
    description: 'Optimism bias by evidence grade; the grades given replace those of the default table.',
    hint: 'Write an optimism bias between 0 and 1: 0.25 means 25%.',
  },
  {
    key: 'settlement', kind: 'choice', shape: 'one', default: 'proportional', choices: ['none', 'proportional', 'no-worse-off'],
    description: 'How the net savings are shared out between the silos: not at all, in proportion to what each paid, or so that none is worse off.',
    hint: 'Write one of: none, proportional, no-worse-off.',
  },
  { key: 'interventions', kind: 'items', shape: 'one', default: [], description: "The preventive interventions the investment pays for; their shares add up to exactly 1.", hint: 'Write each intervention as an item starting with `- name: ...`.' },
  ...Object.values(INTERVENTION_FIELDS),
  {
    key: 'funders', kind: 'items', shape: 'one', default: [],
    description: "Money from outside the place's silos: a charitable or lottery grant, a government programme's payments by results.",
    hint: 'Write each funder as an item starting with `- name: ...`.',
  },
  { key: 'funders.name', kind: 'text', shape: 'one', required: true, description: "The funder's name: not `all`, not a silo, and different from every other funder and partner.", hint: 'Give it a name.' },
  {
    key: 'funders.grant', kind: 'money', shape: 'list', default: [], min: '0', money: true, max: '1e15', varied: true, unit: '£ a year',
    description: 'Grant by year from the base year (0 after the list ends); it adds to the investment, but it is not the partners\' money.',
    hint: 'Write the pounds the funder pays in each year, 0 or more (0 for a year it pays nothing); a grant cannot take money back.',
  },
  {
    key: 'funders.outcome_payment', kind: 'money', shape: 'names', default: {}, min: '0', uncertain: true, money: true, max: '1e15', varied: true, unit: '£ per outcome',
    description: 'Payment for each outcome of a named intervention, in the year the outcome first shows; income to the partners by funding share.',
    hint: 'Write the pounds paid per outcome, 0 or more.',
  },
  {
    key: 'funders.basis', kind: 'choice', shape: 'one', default: 'gross', choices: ['gross', 'net'],
    description: 'What outcome payments are paid for: every observed outcome, deadweight included (`gross`), or each net success (`net`).',
    hint: 'Write `basis: gross` (every observed outcome) or `basis: net` (each net success).',
  },
  {
    key: 'partners', kind: 'partners', shape: 'one', defaultText: 'none: each silo settles on its own',
    description: 'Organisations, each a list of the silos it holds (`Lambeth Council: [social_care, childcare]`): who pays and who benefits is then settled between them.',
    hint: 'Write it as `partners: {Lambeth Council: [social_care, childcare], NHS: [health]}`.',
  },
  {
    key: 'envelope', kind: 'rate', shape: 'silos', min: '-0.5', max: '1', uncertain: true, varied: true, unit: 'rate a year', defaultText: 'none (no funding gap)',
    description: 'Real growth a year of the funding each silo can expect (`default` for the others, else 0): given, it measures the funding gap that demand-led spend opens and prevention closes.',
    hint: 'Write a real annual growth rate of funding between -0.5 and 1: -0.02 means a 2% real-terms cut a year.',
  },
];

const BY_KEY: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.key, f]));

/** The entry of a field key (`horizon`, `investment.shift`, `interventions.lag`), or undefined. */
export function fieldDef(key: string): FieldDef | undefined {
  return BY_KEY.get(key);
}

/** Whether a field holds numbers (and so has a range). */
export function isNumeric(f: FieldDef): boolean {
  return f.min !== undefined;
}

/** The file keys at one level: the top level (`''`), a section (`investment`) or an intervention (`interventions`). */
export function keysUnder(parent: '' | 'investment' | 'integration' | 'interventions' | 'funders'): string[] {
  const prefix = parent === '' ? '' : `${parent}.`;
  return FIELDS.filter((f) => f.key.startsWith(prefix) && !f.key.slice(prefix.length).includes('.')).map((f) => f.key.slice(prefix.length));
}

/** The sections whose fields are keyed `section.field`. */
export const SECTIONS = ['investment', 'integration'] as const;
export type Section = (typeof SECTIONS)[number];
export function isSection(key: unknown): key is Section {
  return key === 'investment' || key === 'integration';
}

/** The fields that may be written as a distribution. */
export const UNCERTAIN_FIELDS: readonly string[] = FIELDS.filter((f) => f.uncertain).map((f) => f.key);

/** The distributions an uncertain value may be written as, with their forms. */
export const DISTRIBUTION_FORMS = {
  triangular: '{triangular: [low, mode, high]}',
  pert: '{pert: [low, mode, high]}',
  uniform: '{uniform: [low, high]}',
  normal: '{normal: [mean, sd]}',
} as const;
export type DistKind = keyof typeof DISTRIBUTION_FORMS;
export const DIST_KINDS = Object.keys(DISTRIBUTION_FORMS) as DistKind[];
export const DIST_ARITY: Readonly<Record<DistKind, number>> = { triangular: 3, pert: 3, uniform: 2, normal: 2 };

/** The evidence grades of `optimism_bias_table` and `confidence`. */
export const GRADES = [1, 2, 3, 4, 5, 6] as const;

/** Whether a key of `optimism_bias_table` names an evidence grade (`1` to `6`, as written: not `01` or `5.0`). */
export function isEvidenceGrade(key: string): boolean {
  return /^[1-6]$/.test(key);
}

// ---------------------------------------------------------------------------------------------------------
// The typed scenario: what a file means, as the model reads it.

export interface InputSource {
  /** the name shown to users: a path as given, `<stdin>`, or `example:budgets.csv` */
  name: string;
  sha256: string;
}

export type Distribution =
  | { kind: 'triangular'; low: D; mode: D; high: D }
  | { kind: 'pert'; low: D; mode: D; high: D }
  | { kind: 'uniform'; low: D; high: D }
  | { kind: 'normal'; mean: D; sd: D };

/** A scenario value given as a distribution. Its central value is already in the Scenario. */
export interface UncertainParam {
  /** canonical dotted path, by index: `interventions.0.success_rate`, `growth.health`, `investment.shift.1` */
  path: string;
  /** human label: `Family intervention: success_rate`, `growth.health` */
  label: string;
  dist: Distribution;
  central: D;
  /** the field's valid range; draws and quantiles are clamped into it */
  min: D;
  max: D | null;
  loc?: Location;
}

export type DiscountSpec = { kind: 'green-book' } | { kind: 'green-book-health' } | { kind: 'constant'; rate: D };

export type SettlementRule = 'none' | 'proportional' | 'no-worse-off';

/** Money from outside the place's silos (docs/method.md, "Funders and partners"). */
export interface Funder {
  name: string;
  /** £ by year from t = 0 */
  grant: D[];
  /** £ per outcome, by the index of the intervention paid for */
  outcomePayment: ReadonlyMap<number, D>;
  basis: 'gross' | 'net';
}

/** An organisation and the silos it holds (normalised, in the order written). */
export interface Partner {
  name: string;
  silos: string[];
}

type IF = typeof INTERVENTION_FIELDS;
type ValueOf<F> = F extends { kind: 'text' } ? string : F extends { shape: 'silos' } ? ReadonlyMap<string, D> : F extends { integer: true } ? number : D;
/** An intervention's values, one property per entry of INTERVENTION_FIELDS (`drop_off` is `dropOff`). */
type InterventionValues = { -readonly [K in keyof IF as IF[K] extends { optional: true } ? never : IF[K]['prop']]: ValueOf<IF[K]> } & {
  -readonly [K in keyof IF as IF[K] extends { optional: true } ? IF[K]['prop'] : never]?: ValueOf<IF[K]>;
};

export type Intervention = InterventionValues & {
  /**
   * Where `optimismBias` (ob[k]) came from: explicit `optimism_bias`, the table's value for `confidence`
   * (then `confidence` holds the grade), or neither (0).
   */
  optimismBiasSource: 'explicit' | 'confidence' | 'none';
};

export interface Scenario {
  name: string;
  description?: string;
  places?: string[];
  combine: boolean;
  baseYear?: number;
  /** `price_base` as written: the year whose prices money is in; undefined means the base year */
  priceBase?: number;
  /** `deflators` and `unit_costs` as written (undefined: not given) */
  deflators?: string;
  unitCosts?: string;
  /** set when a money value was converted: the deflator series used (docs/method.md, "Prices and unit costs") */
  prices?: { deflators: string; note?: string };
  horizon: number;
  discount: DiscountSpec;
  growth: { default: D; bySilo: ReadonlyMap<string, D> };
  pool: ReadonlyMap<string, D>;
  investment: {
    shift: D[];
    fixed: D[];
    reinvest: D;
    funding: 'pool' | ReadonlyMap<string, D>;
  };
  integration: { efficiency: D; rampYears: number; transitionCosts: D[] };
  optimismBiasTable: ReadonlyMap<number, D>;
  settlement: SettlementRule;
  interventions: Intervention[];
  funders: Funder[];
  partners: Partner[];
  /** real growth a year of each silo's funding; undefined: no envelope, no funding gap */
  envelope?: { default: D; bySilo: ReadonlyMap<string, D> };
  uncertain: UncertainParam[];
  source: InputSource;
  /** the files the scenario names and that were read (its unit-cost library, its deflators), for provenance */
  inputs?: InputSource[];
  /** where a dotted or bracketed path was written in the file, for located errors */
  locate(path: string): Location;
  warnings: Warning[];
}

// ---------------------------------------------------------------------------------------------------------
// Reading and setting a number on a typed Scenario, by field and sub-key (a silo, a year index, a grade).

/**
 * How a numeric field's values are reached on a typed Scenario. `keys` lists the sub-keys a scenario holds
 * (silos in the order written, list indices, grades); `get` reads one (undefined: not there); `set` returns a
 * copy with one value changed (the sub-key `undefined` of a list sets the whole list to that one value).
 */
export interface Access {
  keys(s: Scenario, item?: number): (string | number)[];
  /** the word the field holds instead of numbers, when it does (`discount: green-book`, `funding: pool`) */
  word?(s: Scenario): string | undefined;
  get(s: Scenario, sub: string | number | undefined, item?: number): D | number | undefined;
  set(s: Scenario, sub: string | number | undefined, value: D, item?: number): Scenario;
}

const one = (get: (s: Scenario) => D | number | undefined, set: (s: Scenario, v: D) => Scenario): Access => ({ keys: () => [], get: (s) => get(s), set: (s, _sub, v) => set(s, v) });

const listAccess = (get: (s: Scenario) => D[], set: (s: Scenario, list: D[]) => Scenario): Access => ({
  keys: (s) => get(s).map((_, i) => i),
  get: (s, sub) => (sub === undefined ? undefined : get(s)[Number(sub)]),
  set: (s, sub, v) => {
    if (sub === undefined) return set(s, [v]);
    const list = [...get(s)];
    list[Number(sub)] = v;
    return set(s, list);
  },
});

const mapAccess = (get: (s: Scenario) => ReadonlyMap<string, D>, set: (s: Scenario, m: Map<string, D>) => Scenario): Access => ({
  keys: (s) => [...get(s).keys()],
  get: (s, sub) => get(s).get(String(sub)),
  set: (s, sub, v) => set(s, new Map(get(s)).set(String(sub), v)),
});

const withFunder = (s: Scenario, i: number, change: (f: Funder) => Funder): Scenario => ({
  ...s,
  funders: s.funders.map((f, j) => (j === i ? change(f) : f)),
});

const withIntervention = (s: Scenario, i: number, change: (k: Intervention) => Intervention): Scenario => ({
  ...s,
  interventions: s.interventions.map((k, j) => (j === i ? change(k) : k)),
});

/** Reach an intervention's value through its entry's `prop`. */
function interventionAccess(f: FieldDef): Access {
  const prop = f.prop as keyof Intervention;
  const read = (s: Scenario, i: number | undefined) => s.interventions[i ?? -1]?.[prop];
  if (f.shape === 'silos') {
    return {
      keys: (s, i) => [...((read(s, i) as ReadonlyMap<string, D> | undefined)?.keys() ?? [])],
      get: (s, sub, i) => (read(s, i) as ReadonlyMap<string, D> | undefined)?.get(String(sub)),
      set: (s, sub, v, i) => withIntervention(s, i!, (k) => ({ ...k, [prop]: new Map(k[prop] as ReadonlyMap<string, D>).set(String(sub), v) })),
    };
  }
  return {
    keys: () => [],
    get: (s, _sub, i) => read(s, i) as D | number | undefined,
    set: (s, _sub, v, i) => withIntervention(s, i!, (k) => ({ ...k, [prop]: f.integer ? v.toNumber() : v })),
  };
}

const ACCESS: Readonly<Record<string, Access>> = {
  horizon: one((s) => s.horizon, (s, v) => ({ ...s, horizon: v.toNumber() })),
  discount: {
    ...one((s) => (s.discount.kind === 'constant' ? s.discount.rate : undefined), (s, v) => ({ ...s, discount: { kind: 'constant', rate: v } })),
    word: (s) => (s.discount.kind === 'constant' ? undefined : s.discount.kind),
  },
  growth: {
    keys: (s) => ['default', ...s.growth.bySilo.keys()],
    get: (s, sub) => (sub === 'default' ? s.growth.default : s.growth.bySilo.get(String(sub))),
    set: (s, sub, v) => ({ ...s, growth: sub === 'default' ? { ...s.growth, default: v } : { ...s.growth, bySilo: new Map(s.growth.bySilo).set(String(sub), v) } }),
  },
  pool: mapAccess((s) => s.pool, (s, pool) => ({ ...s, pool })),
  'investment.shift': listAccess((s) => s.investment.shift, (s, shift) => ({ ...s, investment: { ...s.investment, shift } })),
  'investment.fixed': listAccess((s) => s.investment.fixed, (s, fixed) => ({ ...s, investment: { ...s.investment, fixed } })),
  'investment.reinvest': one((s) => s.investment.reinvest, (s, reinvest) => ({ ...s, investment: { ...s.investment, reinvest } })),
  'investment.funding': {
    ...mapAccess(
      (s) => (s.investment.funding === 'pool' ? new Map() : s.investment.funding),
      (s, funding) => ({ ...s, investment: { ...s.investment, funding } }),
    ),
    word: (s) => (s.investment.funding === 'pool' ? 'pool' : undefined),
  },
  'integration.efficiency': one((s) => s.integration.efficiency, (s, efficiency) => ({ ...s, integration: { ...s.integration, efficiency } })),
  'integration.ramp_years': one((s) => s.integration.rampYears, (s, v) => ({ ...s, integration: { ...s.integration, rampYears: v.toNumber() } })),
  'integration.transition_costs': listAccess((s) => s.integration.transitionCosts, (s, transitionCosts) => ({ ...s, integration: { ...s.integration, transitionCosts } })),
  envelope: {
    keys: (s) => (s.envelope ? ['default', ...s.envelope.bySilo.keys()] : []),
    get: (s, sub) => (sub === 'default' ? s.envelope?.default : s.envelope?.bySilo.get(String(sub))),
    set: (s, sub, v) => {
      const e = s.envelope ?? { default: ZERO, bySilo: new Map<string, D>() };
      return { ...s, envelope: sub === 'default' ? { ...e, default: v } : { ...e, bySilo: new Map(e.bySilo).set(String(sub), v) } };
    },
  },
  'funders.grant': {
    keys: (s, i) => (s.funders[i!]?.grant ?? []).map((_, t) => t),
    get: (s, sub, i) => (sub === undefined ? undefined : s.funders[i!]?.grant[Number(sub)]),
    set: (s, sub, v, i) => withFunder(s, i!, (f) => ({ ...f, grant: sub === undefined ? [v] : Object.assign([...f.grant], { [Number(sub)]: v }) })),
  },
  'funders.outcome_payment': {
    keys: (s, i) => [...(s.funders[i!]?.outcomePayment.keys() ?? [])],
    get: (s, sub, i) => s.funders[i!]?.outcomePayment.get(Number(sub)),
    set: (s, sub, v, i) => withFunder(s, i!, (f) => ({ ...f, outcomePayment: new Map(f.outcomePayment).set(Number(sub), v) })),
  },
  optimism_bias_table: {
    keys: (s) => [...s.optimismBiasTable.keys()],
    get: (s, sub) => s.optimismBiasTable.get(Number(sub)),
    set: (s, sub, v) => ({ ...s, optimismBiasTable: new Map(s.optimismBiasTable).set(Number(sub), v) }),
  },
};

/** How to read and set a numeric field on a typed Scenario. */
export function accessOf(f: FieldDef): Access {
  if (f.prop !== undefined) return interventionAccess(f);
  const a = ACCESS[f.key];
  if (!a) throw new Error(`no access for the field ${f.key}`);
  return a;
}

/** The fields that hold no number, read off a typed Scenario (undefined: not given). */
const OTHER: Readonly<Record<string, (s: Scenario) => string | boolean | number | undefined>> = {
  name: (s) => s.name,
  description: (s) => s.description,
  places: (s) => s.places?.join(', '),
  combine: (s) => s.combine,
  base_year: (s) => s.baseYear,
  price_base: (s) => s.priceBase,
  deflators: (s) => s.deflators,
  unit_costs: (s) => s.unitCosts,
  settlement: (s) => s.settlement,
};

export type EchoValue = D | number | string | boolean;

/**
 * The scenario's values under the names of the file, in the order of the format: `horizon`, `growth.health`,
 * `investment.shift` (a list as one text), `interventions.0.drop_off` (for the Excel Inputs sheet and the like).
 * Central values; a field the scenario does not hold (`description`, `confidence`) is left out.
 */
export function echo(s: Scenario): [string, EchoValue][] {
  const rows: [string, EchoValue][] = [];
  const put = (f: FieldDef, prefix: string, item?: number): void => {
    const name = prefix + f.key.slice(f.key.lastIndexOf('.') + 1);
    if (!isNumeric(f) || Object.hasOwn(OTHER, f.key)) {
      const v = item === undefined ? OTHER[f.key]?.(s) : f.key === 'interventions.name' ? s.interventions[item]!.name : undefined;
      if (v !== undefined) rows.push([name, v]);
      return;
    }
    const access = accessOf(f);
    const word = access.word?.(s);
    if (word !== undefined) rows.push([name, word]);
    else if (f.shape === 'one') {
      const v = access.get(s, undefined, item);
      if (v !== undefined) rows.push([name, v]);
    } else if (f.shape === 'list') rows.push([name, access.keys(s).map((i) => String(access.get(s, i))).join(', ')]);
    else for (const k of access.keys(s, item)) rows.push([`${name}.${k}`, access.get(s, k, item)!]);
  };
  for (const f of FIELDS) {
    if (f.kind === 'section' || f.kind === 'items' || f.prop !== undefined) continue;
    put(f, f.key.includes('.') ? `${f.key.slice(0, f.key.indexOf('.'))}.` : '');
  }
  s.interventions.forEach((_, i) => {
    for (const f of Object.values(INTERVENTION_FIELDS)) put(f, `interventions.${i}.`, i);
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Valid ranges

/** Pounds as a limit is written in words: `£0.01`, `£1,000 trillion`. */
function poundsText(text: string): string {
  const v = new D(text);
  const big = v.greaterThanOrEqualTo('1e12');
  const [whole, frac] = (big ? v.dividedBy('1e12') : v).toFixed().split('.') as [string, string | undefined];
  return `£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}${big ? ' trillion' : ''}`;
}

/** A valid range in words: `between 0 and 1`, `0.01 or more`, `a whole number from 1 to 100`, `from £0 to £1,000 trillion`. */
export function describeRange(f: FieldDef): string {
  const lo = f.min ?? '';
  const hi = f.max;
  if (f.kind === 'money' && hi !== undefined) return `from ${poundsText(lo)} to ${poundsText(hi)}`;
  if (f.integer) return hi === undefined ? `a whole number, ${lo} or more` : `a whole number from ${lo} to ${hi}`;
  if (hi === undefined) return `${lo} or more`;
  if (f.maxExclusive) return `${lo} or more and below ${hi}`;
  return `between ${lo} and ${hi}`;
}

export function inRange(value: D, f: FieldDef): boolean {
  if (f.min !== undefined && value.lessThan(f.min)) return false;
  if (f.max !== undefined && (f.maxExclusive ? value.greaterThanOrEqualTo(f.max) : value.greaterThan(f.max))) return false;
  return true;
}

/**
 * What is wrong with a number for a field (`written` is the value as the user wrote it; `name` the field as
 * messages name it, e.g. `growth.health`), or undefined when it is valid. One wording for a value in a file and
 * a value set by --param, a sweep or tornado.
 */
export function valueProblem(f: FieldDef, value: D, written: string, name: string): { message: string; hint: string } | undefined {
  if (f.integer && !value.isInteger()) return { message: `\`${name}\` is ${written}, but it must be a whole number`, hint: f.hint };
  if (!inRange(value, f)) return { message: `\`${name}\` is ${written}, outside its valid range: ${describeRange(f)}`, hint: f.hint };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Warnings that an intervention's values give (made when a file is read, and again when a value is set)

export function noOptimismBiasWarning(name: string, loc: Location, about: string): Warning {
  return {
    code: 'no-optimism-bias',
    message: `${name} has neither \`confidence\` nor \`optimism_bias\`: its outcomes are not adjusted for optimism bias (taken as 0). Give its evidence grade, e.g. \`confidence: 3\`.`,
    loc,
    about,
  };
}

export function zeroDeadweightWarning(name: string, written: boolean, loc: Location, about: string): Warning {
  return {
    code: 'zero-deadweight',
    message: `${name} has deadweight 0${written ? '' : ' (the default)'}: savings without a counterfactual are overstated. Give the share who would have achieved the outcome anyway.`,
    loc,
    about,
  };
}

export function noDisplacementWarning(name: string, loc: Location, about: string): Warning {
  return {
    code: 'no-displacement',
    message: `${name} has an economic value but no \`displacement\` (taken as 0): part of a benefit such as a job filled is usually displaced from elsewhere. Give the share displaced, e.g. \`displacement: 0.25\`.`,
    loc,
    about,
  };
}
