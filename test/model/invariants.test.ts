// Property tests: the accounting identities of docs/method.md hold for any budgets and scenario.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, sum } from '../../src/decimal.js';
import { runModel } from '../../src/model/engine.js';
import { YEARLY_MEASURES } from '../../src/model/types.js';
import { makeBudgets, makeScenario, type Row, type ScenarioSpec } from '../helpers/model.js';

const SILOS = ['childcare', 'employment', 'health', 'social_care'];
const EPS = new D('1e-18');
const near = (a: D, b: D) => a.minus(b).abs().lessThanOrEqualTo(EPS.times(D.max(1, a.abs(), b.abs())));

const amount = fc.integer({ min: 0, max: 50_000_000 }).map(String);
const share = fc.integer({ min: 0, max: 100 }).map((n) => new D(n).dividedBy(100).toString());

const budgetsArb = fc
  .record({
    places: fc.constantFrom(['A'], ['A', 'B']),
    silos: fc.subarray(SILOS, { minLength: 1 }),
    amounts: fc.array(fc.tuple(amount, amount, amount), { minLength: 4, maxLength: 4 }),
    plan: fc.option(amount, { nil: undefined }),
  })
  .map(({ places, silos, amounts, plan }) => {
    const rows: Row[] = [];
    for (const p of places) {
      silos.forEach((s, i) => {
        const [r, v, o] = amounts[i]!;
        rows.push([p, 2025, s, 'Crisis', 'reactive', r], [p, 2025, s, 'Early help', 'preventive', v], [p, 2025, s, 'Admin', 'other', o]);
        if (plan !== undefined && i === 0) rows.push([p, 2027, s, 'Crisis', 'reactive', plan]);
      });
    }
    return { rows, silos };
  });

function scenarioArb(silos: string[]): fc.Arbitrary<ScenarioSpec> {
  const intervention = fc.record({
    share: fc.constant(1),
    cost_per_participant: fc.integer({ min: 100, max: 20000 }),
    cost_optimism_bias: share,
    success_rate: share,
    deadweight: share,
    attribution: share,
    optimism_bias: share,
    lag: fc.integer({ min: 0, max: 3 }),
    duration: fc.integer({ min: 1, max: 5 }),
    drop_off: share,
    targets: fc.subarray([...silos, 'housing'], { minLength: 1 }),
    avoided: fc.integer({ min: 0, max: 50000 }),
    cashable: share,
  });
  return fc
    .record({
      horizon: fc.integer({ min: 1, max: 12 }),
      pool: fc.array(share, { minLength: silos.length, maxLength: silos.length }),
      shift: fc.array(fc.integer({ min: 0, max: 20 }).map((n) => new D(n).dividedBy(100).toString()), { minLength: 1, maxLength: 3 }),
      fixed: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 3 }),
      reinvest: share,
      efficiency: fc.integer({ min: 0, max: 5 }).map((n) => new D(n).dividedBy(100).toString()),
      ramp_years: fc.integer({ min: 1, max: 4 }),
      transition_costs: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 2 }),
      settlement: fc.constantFrom('none', 'proportional', 'no-worse-off') as fc.Arbitrary<'none' | 'proportional' | 'no-worse-off'>,
      discount: fc.constantFrom<ScenarioSpec['discount']>('green-book', 'green-book-health', '0.05'),
      growth: share,
      interventions: fc.array(intervention, { maxLength: 2 }),
      fundByShares: fc.boolean(),
    })
    .map((x) => {
      const n = x.interventions.length;
      return {
        horizon: x.horizon,
        // every silo pools at least a little so the pool can always pay
        pool: Object.fromEntries(silos.map((s, i) => [s, new D(x.pool[i]!).plus('0.01').toString()])),
        shift: x.shift,
        fixed: x.fixed,
        reinvest: x.reinvest,
        efficiency: x.efficiency,
        ramp_years: x.ramp_years,
        transition_costs: x.transition_costs,
        settlement: x.settlement,
        discount: x.discount,
        growth: { default: new D(x.growth).dividedBy(10).toString() },
        ...(x.fundByShares ? { funding: { [silos[0]!]: 1 } } : {}),
        interventions: x.interventions.map((k, i) => ({
          ...k,
          name: `K${i}`,
          share: i === 0 ? new D(1).minus(new D(n - 1).dividedBy(n)).toString() : new D(1).dividedBy(n).toString(),
          avoided_cost_per_success: Object.fromEntries(k.targets.map((s) => [s, k.avoided])),
          cashable: Object.fromEntries(k.targets.map((s) => [s, k.cashable])),
        })),
      } satisfies ScenarioSpec;
    });
}

const cases = budgetsArb.chain((b) => scenarioArb(b.silos).map((s) => ({ b, s })));
const runs = Number(process.env.PLACEPOOL_PROPERTY_RUNS ?? 60);

describe('model invariants', () => {
  it('conserves money and keeps place totals equal to the sums over silos', () => {
    fc.assert(
      fc.property(cases, ({ b, s }) => {
        const result = runModel(makeBudgets(b.rows), makeScenario(s));
        for (const place of result.places) {
          for (let t = 0; t < result.horizon; t++) {
            for (const silo of place.silos) {
              const y = silo.years[t]!;
              if (silo.external) {
                expect(y.net_cashable.equals(y.cashable_saving)).toBe(true);
                continue;
              }
              // scenario spend = baseline - cashable - efficiency + investment + transition
              const expected = y.baseline_spend.minus(y.cashable_saving).minus(y.efficiency_saving).plus(y.investment).plus(y.transition_cost);
              expect(y.scenario_spend.equals(expected)).toBe(true);
              // avoided cost never exceeds reactive spend where capped
              expect(y.avoided_cost.lessThanOrEqualTo(y.baseline_reactive)).toBe(true);
              expect(y.cashable_saving.lessThanOrEqualTo(y.avoided_cost)).toBe(true);
            }
            const all = place.all[t]!;
            const lines = place.silos.filter((x) => !x.external).map((x) => x.years[t]!);
            const every = place.silos.map((x) => x.years[t]!);
            for (const m of ['baseline_spend', 'baseline_reactive', 'baseline_preventive', 'pooled', 'scenario_spend'] as const) {
              expect(near(all[m], sum(lines.map((y) => y[m])))).toBe(true);
            }
            for (const m of ['investment', 'transition_cost', 'efficiency_saving', 'avoided_cost', 'cashable_saving', 'non_cashable_saving', 'net_cashable'] as const) {
              expect(near(all[m], sum(every.map((y) => y[m])))).toBe(true);
            }
          }
          // settlement transfers sum to zero; no-worse-off leaves nobody behind when the total is positive
          const total = sum(place.settlement.map((r) => r.net_before));
          expect(sum(place.settlement.map((r) => r.transfer)).abs().lessThan('1e-15')).toBe(true);
          if (s.settlement === 'no-worse-off' && total.greaterThanOrEqualTo(0)) {
            for (const r of place.settlement) expect(r.net_after.greaterThan('-1e-15')).toBe(true);
          }
          expect(YEARLY_MEASURES.every((m) => place.all.every((y) => y[m].isFinite()))).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it('never lowers avoided cost when the success rate rises', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 1, max: 50 }), ({ b, s }, bump) => {
        fc.pre((s.interventions?.length ?? 0) > 0);
        const budgets = makeBudgets(b.rows);
        const higher: ScenarioSpec = {
          ...s,
          interventions: s.interventions!.map((k) => ({ ...k, success_rate: D.min(1, new D(k.success_rate ?? 0).plus(new D(bump).dividedBy(100))).toString() })),
        };
        const lo = runModel(budgets, makeScenario(s));
        const hi = runModel(budgets, makeScenario(higher));
        lo.places.forEach((p, i) => {
          p.all.forEach((y, t) => expect(hi.places[i]!.all[t]!.avoided_cost.greaterThanOrEqualTo(y.avoided_cost)).toBe(true));
        });
      }),
      { numRuns: Math.ceil(runs / 2) },
    );
  });
});
