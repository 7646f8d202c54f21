// Builders for budgets and scenarios in model tests, independent of the file readers.
import { D } from '../../src/decimal.js';
import type { BudgetLine, Budgets, Intervention, Scenario, Stage } from '../../src/model/types.js';

export type Row = [place: string, year: number, silo: string, service: string, stage: Stage, amount: string | number];

export function makeBudgets(rows: Row[]): Budgets {
  const lines: BudgetLine[] = rows.map(([place, year, silo, service, stage, amount], i) => ({
    place,
    year,
    silo,
    service,
    stage,
    amount: new D(String(amount)),
    loc: { file: 'test.csv', line: i + 2 },
  }));
  return {
    source: { name: 'test.csv', sha256: '0'.repeat(64) },
    lines,
    places: [...new Set(lines.map((l) => l.place))],
    years: [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b),
    silos: [...new Set(lines.map((l) => l.silo))].sort(),
    ignoredColumns: [],
    warnings: [],
  };
}

type Num = string | number;
const d = (v: Num) => new D(String(v));
const dmap = (o: Record<string, Num> | undefined) => new Map(Object.entries(o ?? {}).map(([k, v]) => [k, d(v)]));

export interface InterventionSpec {
  name?: string;
  share?: Num;
  cost_per_participant: Num;
  cost_optimism_bias?: Num;
  success_rate?: Num;
  deadweight?: Num;
  attribution?: Num;
  optimism_bias?: Num;
  lag?: number;
  duration?: number;
  drop_off?: Num;
  avoided_cost_per_success?: Record<string, Num>;
  cashable?: Record<string, Num>;
  economic_value_per_success?: Num;
  social_value_per_success?: Num;
  displacement?: Num;
  transfer?: Record<string, Num>;
}

export function makeIntervention(spec: InterventionSpec, index = 0): Intervention {
  return {
    name: spec.name ?? `Intervention ${index + 1}`,
    share: d(spec.share ?? 1),
    costPerParticipant: d(spec.cost_per_participant),
    costOptimismBias: d(spec.cost_optimism_bias ?? 0),
    successRate: d(spec.success_rate ?? 0),
    deadweight: d(spec.deadweight ?? 0),
    attribution: d(spec.attribution ?? 1),
    optimismBias: d(spec.optimism_bias ?? 0),
    optimismBiasSource: spec.optimism_bias === undefined ? 'none' : 'explicit',
    lag: spec.lag ?? 0,
    duration: spec.duration ?? 1,
    dropOff: d(spec.drop_off ?? 0),
    avoidedCost: dmap(spec.avoided_cost_per_success),
    cashable: dmap(spec.cashable),
    economicValue: d(spec.economic_value_per_success ?? 0),
    socialValue: d(spec.social_value_per_success ?? 0),
    displacement: d(spec.displacement ?? 0),
    transfer: dmap(spec.transfer),
  };
}

export interface ScenarioSpec {
  name?: string;
  places?: string[];
  combine?: boolean;
  base_year?: number;
  horizon?: number;
  discount?: 'green-book' | 'green-book-health' | Num;
  growth?: Record<string, Num>;
  pool?: Record<string, Num>;
  shift?: Num[];
  fixed?: Num[];
  reinvest?: Num;
  funding?: 'pool' | Record<string, Num>;
  efficiency?: Num;
  ramp_years?: number;
  transition_costs?: Num[];
  settlement?: Scenario['settlement'];
  funders?: { name: string; grant?: Num[]; outcome_payment?: Record<string, Num>; basis?: 'gross' | 'net' }[];
  partners?: Record<string, string[]>;
  envelope?: Record<string, Num>;
  interventions?: InterventionSpec[];
}

export function makeScenario(spec: ScenarioSpec = {}): Scenario {
  const growth = { ...(spec.growth ?? {}) };
  const def = growth.default ?? 0;
  delete growth.default;
  const discount: Scenario['discount'] =
    spec.discount === undefined || spec.discount === 'green-book'
      ? { kind: 'green-book' }
      : spec.discount === 'green-book-health'
        ? { kind: 'green-book-health' }
        : { kind: 'constant', rate: d(spec.discount) };
  return {
    name: spec.name ?? 'Test scenario',
    ...(spec.places ? { places: spec.places } : {}),
    combine: spec.combine ?? false,
    ...(spec.base_year !== undefined ? { baseYear: spec.base_year } : {}),
    horizon: spec.horizon ?? 10,
    discount,
    growth: { default: d(def), bySilo: dmap(growth) },
    pool: dmap(spec.pool),
    investment: {
      shift: (spec.shift ?? [0]).map(d),
      fixed: (spec.fixed ?? []).map(d),
      reinvest: d(spec.reinvest ?? 0),
      funding: spec.funding === undefined || spec.funding === 'pool' ? 'pool' : dmap(spec.funding),
    },
    integration: {
      efficiency: d(spec.efficiency ?? 0),
      rampYears: spec.ramp_years ?? 1,
      transitionCosts: (spec.transition_costs ?? []).map(d),
    },
    optimismBiasTable: new Map([1, 2, 3, 4, 5, 6].map((g, i) => [g, d(['0', '0.05', '0.10', '0.15', '0.25', '0.40'][i]!)])),
    settlement: spec.settlement ?? 'proportional',
    interventions: (spec.interventions ?? []).map(makeIntervention),
    funders: (spec.funders ?? []).map((f) => ({
      name: f.name,
      grant: (f.grant ?? []).map(d),
      outcomePayment: new Map(Object.entries(f.outcome_payment ?? {}).map(([k, v]) => [(spec.interventions ?? []).findIndex((x, i) => (x.name ?? `Intervention ${i + 1}`) === k), d(v)])),
      basis: f.basis ?? 'gross',
    })),
    partners: Object.entries(spec.partners ?? {}).map(([name, silos]) => ({ name, silos })),
    ...(spec.envelope
      ? { envelope: { default: d(spec.envelope.default ?? 0), bySilo: new Map(Object.entries(spec.envelope).filter(([k]) => k !== 'default').map(([k, v]) => [k, d(v)])) } }
      : {}),
    uncertain: [],
    source: { name: 'test.yaml', sha256: '1'.repeat(64) },
    locate: (path: string) => ({ file: 'test.yaml', path }),
    warnings: [],
  };
}

/** The public worked example of issue 3: a fixed £150,000 in year 0 for 100 participants at £1,500. */
export function workedExample(): { budgets: ReturnType<typeof makeBudgets>; scenario: Scenario } {
  const budgets = makeBudgets([
    ['Example', 2025, 'employment', 'Out-of-work support', 'reactive', '50000000'],
    ['Example', 2025, 'health', 'Acute care', 'reactive', '50000000'],
  ]);
  const scenario = makeScenario({
    horizon: 4,
    funding: { employment: 1 },
    fixed: [150000],
    interventions: [
      {
        name: 'Employment support',
        cost_per_participant: 1500,
        success_rate: '0.3',
        deadweight: '0.4',
        attribution: 1,
        optimism_bias: '0.1',
        lag: 1,
        duration: 3,
        drop_off: '0.2',
        avoided_cost_per_success: { employment: 9234, health: 566 },
        cashable: { employment: 1, health: 0 },
      },
    ],
  });
  return { budgets, scenario };
}
