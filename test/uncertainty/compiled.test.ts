// The fast float path against the exact engine: with every value at its centre the summary measures agree
// to the penny (6 dp for ratios), on scenarios that exercise each step of docs/method.md (sections 1 to 12); and away from the centre
// a draw agrees with the exact engine run on the scenario with those values set (in its document, rebuilt
// through the validator, as tornado, breakeven and batch set values).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { scenarioFromText } from '../../src/io/scenario.js';
import { setParam } from '../../src/model/params.js';
import { runModel } from '../../src/model/engine.js';
import { SUMMARY_MEASURES, type Budgets, type Distribution, type RunResult, type Scenario, type UncertainParam } from '../../src/model/types.js';
import { plainMeasure } from '../../src/report/numbers.js';
import { centralValues, compileModel, createEvaluator, MEASURE_COUNT, outputSize, planFromResult } from '../../src/uncertainty/compiled.js';
import { makeBudgets, makeScenario, workedExample, type InterventionSpec, type Row, type ScenarioSpec } from '../helpers/model.js';

/** Every summary measure of every entity of the exact result, presented as `run` presents them. */
function exactSummaries(r: RunResult): string[][] {
  const entities = [...r.places.map((p) => p.summary), ...(r.allPlaces ? [r.allPlaces.summary] : [])];
  return entities.map((s) => SUMMARY_MEASURES.map((m) => plainMeasure(m, s[m])));
}

function floatSummaries(out: Float64Array, entities: number): string[][] {
  return Array.from({ length: entities }, (_, e) =>
    SUMMARY_MEASURES.map((m, i) => {
      const v = out[e * MEASURE_COUNT + i]!;
      return Number.isNaN(v) ? '' : plainMeasure(m, v);
    }),
  );
}

function evaluateAt(budgets: Budgets, scenario: Scenario, values?: number[]): { result: RunResult; float: string[][] } {
  const result = runModel(budgets, scenario);
  const model = compileModel(budgets, scenario, planFromResult(result));
  const out = new Float64Array(outputSize(model));
  createEvaluator(model)(values ? Float64Array.from(values) : centralValues(model), out);
  return { result, float: floatSummaries(out, model.entities.length) };
}

function expectCentreAgrees(budgets: Budgets, scenario: Scenario): RunResult {
  const { result, float } = evaluateAt(budgets, scenario);
  expect(float).toEqual(exactSummaries(result));
  return result;
}

const borough: Row[] = [
  ['Borough', 2025, 'health', 'A&E', 'reactive', '41250000'],
  ['Borough', 2025, 'health', 'Health visiting', 'preventive', '6300000'],
  ['Borough', 2025, 'health', 'Estates', 'other', '2100000.55'],
  ['Borough', 2025, 'social_care', 'Residential care (65+)', 'reactive', '18400000'],
  ['Borough', 2025, 'social_care', 'Reablement', 'preventive', '2200000'],
  ['Borough', 2026, 'social_care', 'Residential care (65+)', 'reactive', '19100000'],
  ['Borough', 2028, 'social_care', 'Residential care (65+)', 'reactive', '20050000'],
  ['Borough', 2025, 'employment', 'Out-of-work support', 'reactive', '9800000'],
  ['Borough', 2027, 'childcare', 'Early years', 'preventive', '3100000'],
  ['Borough', 2025, 'childcare', 'Crisis placements', 'reactive', '1750000'],
];

const family = {
  name: 'Family intervention',
  share: '0.6',
  cost_per_participant: 5214,
  cost_optimism_bias: '0.05',
  success_rate: '0.5',
  deadweight: '0.2',
  attribution: '0.9',
  optimism_bias: '0.1',
  lag: 1,
  duration: 3,
  drop_off: '0.2',
  avoided_cost_per_success: { social_care: 8000, health: 1200, employment: 9234 },
  cashable: { social_care: '0.5', health: '0.2', employment: 1 },
  economic_value_per_success: 14044,
  displacement: '0.25',
  transfer: { employment: 1 },
};
const work = {
  name: 'Work coaching',
  share: '0.4',
  cost_per_participant: 2400,
  success_rate: '0.35',
  deadweight: '0.3',
  optimism_bias: '0.15',
  lag: 0,
  duration: 4,
  drop_off: '0.1',
  avoided_cost_per_success: { employment: 7100, health: 350, housing: 900 },
  cashable: { employment: '0.8', health: 0, housing: '0.4' },
  social_value_per_success: 1500,
};

const wholePlace: ScenarioSpec = {
  horizon: 10,
  growth: { default: '0.01', social_care: '0.035', health: '0.02' },
  pool: { health: '0.1', social_care: 1, employment: '0.5', childcare: 1 },
  shift: ['0.01', '0.02', '0.03'],
  fixed: [2000000],
  reinvest: '0.5',
  efficiency: '0.02',
  ramp_years: 3,
  transition_costs: [1500000, 500000],
  interventions: [family, work],
};

describe('the centre draw equals run to the penny', () => {
  it('on the public worked example', () => {
    const { budgets, scenario } = workedExample();
    const r = expectCentreAgrees(budgets, scenario);
    expect(plainMeasure('npv_cashable', r.places[0]!.summary.npv_cashable)).toBe('192598.16');
  });

  it('on a whole-place pool: growth with plan rows, shift schedule, fixed, reinvestment, ramp, transition, an external silo', () => {
    const r = expectCentreAgrees(makeBudgets(borough), makeScenario(wholePlace));
    expect(r.places[0]!.silos.map((s) => s.silo)).toContain('housing');
  });

  it('with binding caps', () => {
    const tight: Row[] = borough.map((row) => (row[2] === 'employment' ? [row[0], row[1], row[2], row[3], row[4], '150000'] : row));
    const r = expectCentreAgrees(makeBudgets(tight), makeScenario({ ...wholePlace, fixed: [9000000], shift: ['0.05'] }));
    expect(r.warnings.map((w) => w.code)).toContain('binding-cap');
  });

  it('with funding shares, a constant discount rate, no reinvestment', () => {
    expectCentreAgrees(makeBudgets(borough), makeScenario({ ...wholePlace, funding: { health: '0.7', social_care: '0.3' }, discount: '0.05', reinvest: 0 }));
  });

  it('over a long horizon across the discount bands (health schedule)', () => {
    expectCentreAgrees(makeBudgets(borough), makeScenario({ ...wholePlace, horizon: 45, discount: 'green-book-health' }));
    expectCentreAgrees(makeBudgets(borough), makeScenario({ ...wholePlace, horizon: 80, growth: { default: '0.005' }, reinvest: '0.9' }));
  });

  it('for several places with an `all places` summary, and for combined places', () => {
    const rows: Row[] = [
      ...borough,
      ...borough.map((r): Row => ['Riverside', r[1], r[2], r[3], r[4], new D(String(r[5])).times('0.63').toFixed(2)]),
      ['Hilltown', 2025, 'health', 'A&E', 'reactive', '12000000'],
      ['Hilltown', 2025, 'social_care', 'Home care', 'reactive', '4000000'],
      ['Hilltown', 2025, 'employment', 'Out-of-work support', 'reactive', '300000'],
    ];
    const several = expectCentreAgrees(makeBudgets(rows), makeScenario({ ...wholePlace, pool: { health: '0.1', social_care: 1, employment: '0.5' } }));
    expect(several.allPlaces).toBeDefined();
    expect(several.places).toHaveLength(3);
    const combined = expectCentreAgrees(
      makeBudgets(rows),
      makeScenario({ ...wholePlace, places: ['Riverside', 'Borough'], combine: true, pool: { health: '0.1', social_care: 1 } }),
    );
    expect(combined.places[0]!.place).toBe('Riverside + Borough');
  });

  it('when nothing is invested (empty ratios) and when the plan never pays back', () => {
    const none = expectCentreAgrees(makeBudgets(borough), makeScenario({ horizon: 5 }));
    expect(none.places[0]!.summary.cashable_roi).toBeNull();
    const never = expectCentreAgrees(makeBudgets(borough), makeScenario({ horizon: 5, pool: { health: 1 }, shift: ['0.1'] }));
    expect(never.places[0]!.summary.payback_t).toBeNull();
  });

  it('on random scenarios (property)', () => {
    const rate = (max: number) => fc.integer({ min: 0, max: max * 1000 }).map((n) => (n / 1000).toString());
    const intervention = fc.record({
      cost_per_participant: fc.integer({ min: 100, max: 20000 }),
      cost_optimism_bias: rate(0.5),
      success_rate: rate(1),
      deadweight: rate(0.9),
      attribution: rate(1),
      optimism_bias: rate(0.5),
      lag: fc.integer({ min: 0, max: 3 }),
      duration: fc.integer({ min: 1, max: 8 }),
      drop_off: rate(0.6),
      avoided: fc.integer({ min: 0, max: 40000 }),
      avoidedHousing: fc.integer({ min: 0, max: 5000 }),
      cashable: rate(1),
      economic: fc.integer({ min: 0, max: 20000 }),
      social: fc.integer({ min: 0, max: 5000 }),
      displacement: rate(0.8),
      transfer: rate(1),
    });
    fc.assert(
      fc.property(
        fc.record({
          horizon: fc.integer({ min: 1, max: 30 }),
          growth: rate(0.08),
          poolHealth: rate(1),
          shift: fc.array(rate(0.1), { minLength: 1, maxLength: 4 }),
          fixed: fc.array(fc.integer({ min: 0, max: 5000000 }), { maxLength: 3 }),
          reinvest: rate(1),
          efficiency: rate(0.05),
          ramp: fc.integer({ min: 1, max: 5 }),
          reactiveEmployment: fc.integer({ min: 0, max: 3000000 }),
          interventions: fc.array(intervention, { minLength: 1, maxLength: 3 }),
        }),
        (g) => {
          const budgets = makeBudgets([
            ['P', 2025, 'health', 'Acute', 'reactive', '30000000'],
            ['P', 2025, 'health', 'Prevention', 'preventive', '2000000'],
            ['P', 2025, 'employment', 'Support', 'reactive', String(g.reactiveEmployment)],
          ]);
          const n = g.interventions.length;
          const shares = g.interventions.map((_, i) => (i === 0 ? new D(1).minus(new D(1).dividedBy(n).toDecimalPlaces(6).times(n - 1)) : new D(1).dividedBy(n).toDecimalPlaces(6)).toString());
          const scenario = makeScenario({
            horizon: g.horizon,
            growth: { default: g.growth },
            pool: { health: g.poolHealth, employment: 1 },
            shift: g.shift,
            fixed: g.fixed,
            reinvest: g.reinvest,
            efficiency: g.efficiency,
            ramp_years: g.ramp,
            funding: { health: '0.5', employment: '0.5' },
            interventions: g.interventions.map((k, i) => ({
              name: `K${i}`,
              share: shares[i]!,
              cost_per_participant: k.cost_per_participant,
              cost_optimism_bias: k.cost_optimism_bias,
              success_rate: k.success_rate,
              deadweight: k.deadweight,
              attribution: k.attribution,
              optimism_bias: k.optimism_bias,
              lag: k.lag,
              duration: k.duration,
              drop_off: k.drop_off,
              avoided_cost_per_success: { employment: k.avoided, housing: k.avoidedHousing, health: 300 },
              cashable: { employment: k.cashable, housing: '0.5', health: '0.1' },
              economic_value_per_success: k.economic,
              social_value_per_success: k.social,
              displacement: k.displacement,
              transfer: { employment: k.transfer },
            })),
          });
          expectCentreAgrees(budgets, scenario);
        },
      ),
      { numRuns: 40, seed: 4 },
    );
  });
});

/**
 * The scenario `makeScenario(spec)` builds, written as a scenario document (JSON) and read through the validator,
 * so that values can be set in it as the commands set them. Numbers go out as JS numbers: exact for the short
 * decimals these tests write (a number's shortest form is the text it was written as).
 */
function documentScenario(spec: ScenarioSpec): Scenario {
  const n = (v: string | number): number => Number(v);
  const byKey = (o: Record<string, string | number> | undefined) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, n(v)]));
  const intervention = (k: InterventionSpec, i: number) => {
    const out: Record<string, unknown> = { name: k.name ?? `Intervention ${i + 1}` };
    for (const [key, v] of Object.entries(k)) {
      if (key === 'name' || v === undefined) continue;
      out[key] = typeof v === 'object' ? byKey(v) : n(v);
    }
    return out;
  };
  const doc = {
    name: spec.name ?? 'Test scenario',
    ...(spec.places ? { places: spec.places } : {}),
    combine: spec.combine ?? false,
    ...(spec.base_year !== undefined ? { base_year: spec.base_year } : {}),
    horizon: spec.horizon ?? 10,
    discount: spec.discount === undefined || spec.discount === 'green-book' || spec.discount === 'green-book-health' ? (spec.discount ?? 'green-book') : n(spec.discount),
    growth: byKey(spec.growth),
    pool: byKey(spec.pool),
    investment: {
      shift: (spec.shift ?? [0]).map(n),
      fixed: (spec.fixed ?? []).map(n),
      reinvest: n(spec.reinvest ?? 0),
      funding: spec.funding === undefined || spec.funding === 'pool' ? 'pool' : byKey(spec.funding),
    },
    integration: { efficiency: n(spec.efficiency ?? 0), ramp_years: spec.ramp_years ?? 1, transition_costs: (spec.transition_costs ?? []).map(n) },
    settlement: spec.settlement ?? 'proportional',
    interventions: (spec.interventions ?? []).map(intervention),
  };
  return scenarioFromText(JSON.stringify(doc), { name: 'test.json', sha256: '0'.repeat(64) });
}

/** `spec`'s scenario with the values at `paths` set through the schema's setter, as tornado, breakeven and batch set them. */
function exactAt(spec: ScenarioSpec, paths: readonly string[], values: readonly string[]): Scenario {
  let s = documentScenario(spec);
  paths.forEach((path, i) => (s = setParam(s, path, new D(values[i]!))));
  return s;
}

describe('draws away from the centre', () => {
  const num = (x: string) => new D(x);
  const param = (path: string, dist: Distribution, central: string, min: string, max: string | null): UncertainParam => ({
    path,
    label: path,
    dist,
    central: num(central),
    min: num(min),
    max: max === null ? null : num(max),
  });

  it('each uncertain value reaches its place in the model, as the exact engine has it', () => {
    const scenario: Scenario = {
      ...makeScenario(wholePlace),
      uncertain: [
        param('growth.social_care', { kind: 'triangular', low: num('0.02'), mode: num('0.035'), high: num('0.05') }, '0.035', '-0.5', '1'),
        param('growth.default', { kind: 'uniform', low: num('0'), high: num('0.02') }, '0.01', '-0.5', '1'),
        param('investment.shift.1', { kind: 'pert', low: num('0.01'), mode: num('0.02'), high: num('0.04') }, '0.02', '0', '1'),
        param('investment.reinvest', { kind: 'uniform', low: num('0.2'), high: num('0.8') }, '0.5', '0', '1'),
        param('integration.efficiency', { kind: 'normal', mean: num('0.02'), sd: num('0.005') }, '0.02', '0', '1'),
        param('interventions.0.success_rate', { kind: 'pert', low: num('0.3'), mode: num('0.5'), high: num('0.6') }, '0.5', '0', '1'),
        param('interventions.0.cost_per_participant', { kind: 'triangular', low: num('4000'), mode: num('5214'), high: num('7000') }, '5214', '0.01', null),
        param('interventions.0.deadweight', { kind: 'uniform', low: num('0.1'), high: num('0.3') }, '0.2', '0', '1'),
        param('interventions.0.cost_optimism_bias', { kind: 'uniform', low: num('0'), high: num('0.1') }, '0.05', '0', '10'),
        param('interventions.1.attribution', { kind: 'uniform', low: num('0.6'), high: num('1') }, '0.8', '0', '1'),
        param('interventions.1.optimism_bias', { kind: 'uniform', low: num('0.1'), high: num('0.2') }, '0.15', '0', '1'),
        param('interventions.1.drop_off', { kind: 'uniform', low: num('0'), high: num('0.2') }, '0.1', '0', '1'),
        param('interventions.0.avoided_cost_per_success.social_care', { kind: 'uniform', low: num('6000'), high: num('10000') }, '8000', '0', null),
        param('interventions.1.cashable.housing', { kind: 'uniform', low: num('0.2'), high: num('0.6') }, '0.4', '0', '1'),
        param('interventions.0.economic_value_per_success', { kind: 'uniform', low: num('10000'), high: num('18000') }, '14044', '0', null),
        param('interventions.0.displacement', { kind: 'uniform', low: num('0'), high: num('0.5') }, '0.25', '0', '1'),
        param('interventions.1.social_value_per_success', { kind: 'uniform', low: num('0'), high: num('3000') }, '1500', '0', null),
        param('interventions.0.transfer.employment', { kind: 'uniform', low: num('0.5'), high: num('1') }, '1', '0', '1'),
      ],
    };
    const values = ['0.041', '0.004', '0.033', '0.25', '0.013', '0.42', '6123.5', '0.27', '0.02', '0.71', '0.18', '0.05', '9100', '0.55', '12500', '0.3', '2200', '0.8'];
    const budgets = makeBudgets(borough);
    const exact = runModel(budgets, exactAt(wholePlace, scenario.uncertain.map((u) => u.path), values));
    const { float, result: central } = evaluateAt(budgets, scenario, values.map(Number));
    // the document written for the exact engine is the scenario the float path was compiled from
    expect(exactSummaries(runModel(budgets, documentScenario(wholePlace)))).toEqual(exactSummaries(central));
    expect(float).toEqual(exactSummaries(exact));
    // and the draw really moved the result
    expect(exactSummaries(exact)).not.toEqual(exactSummaries(central));
  });

  it('shares one evaluator across many draws without leaking state between them', () => {
    const scenario: Scenario = {
      ...makeScenario(wholePlace),
      uncertain: [param('growth.health', { kind: 'uniform', low: num('0'), high: num('0.05') }, '0.02', '-0.5', '1')],
    };
    const budgets = makeBudgets(borough);
    const model = compileModel(budgets, scenario, planFromResult(runModel(budgets, scenario)));
    const evaluate = createEvaluator(model);
    const a = new Float64Array(outputSize(model));
    const b = new Float64Array(outputSize(model));
    evaluate(Float64Array.of(0.04), a);
    evaluate(Float64Array.of(0.001), b);
    evaluate(Float64Array.of(0.04), b);
    expect([...b]).toEqual([...a]);
    const exact = runModel(budgets, exactAt(wholePlace, ['growth.health'], ['0.04']));
    expect(floatSummaries(a, 1)).toEqual(exactSummaries(exact));
  });
});

describe('outside money and the funding gap on the fast path', () => {
  it('agrees with the exact engine at the centre, for random funders, partners and envelopes (property)', () => {
    const rate = (max: number) => fc.integer({ min: 0, max: max * 1000 }).map((n) => (n / 1000).toString());
    fc.assert(
      fc.property(
        fc.record({
          horizon: fc.integer({ min: 1, max: 15 }),
          grant: fc.array(fc.integer({ min: 0, max: 3000000 }), { maxLength: 3 }),
          payment: fc.integer({ min: 0, max: 5000 }),
          basis: fc.constantFrom('gross' as const, 'net' as const),
          lag: fc.integer({ min: 0, max: 3 }),
          envDefault: fc.integer({ min: -200, max: 100 }).map((n) => String(n / 1000)),
          envCare: fc.integer({ min: -200, max: 100 }).map((n) => String(n / 1000)),
          deadweight: rate(0.8),
        }),
        (g) => {
          const budgets = makeBudgets(borough);
          const scenario = makeScenario({
            ...wholePlace,
            horizon: g.horizon,
            envelope: { default: g.envDefault, social_care: g.envCare },
            partners: { Council: ['social_care', 'childcare', 'housing'] },
            funders: [
              { name: 'Lottery', grant: g.grant },
              { name: 'PbR', outcome_payment: { 'Family intervention': g.payment }, basis: g.basis },
            ],
            interventions: [{ ...family, lag: g.lag, deadweight: g.deadweight }, work],
          });
          expectCentreAgrees(budgets, scenario);
        },
      ),
      { numRuns: 40, seed: 9 },
    );
  });
});
