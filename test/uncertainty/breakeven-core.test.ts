// Breakeven and tornado on the exact engine, with scenarios written as documents in the test (the CLI tests
// use files). A value is set as the commands set it: in the scenario's document, rebuilt through the validator.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { scenarioFromText } from '../../src/io/scenario.js';
import { setParam, valueAtPath } from '../../src/model/params.js';
import { runModel } from '../../src/model/engine.js';
import type { RunResult, Scenario } from '../../src/model/types.js';
import { breakeven } from '../../src/uncertainty/breakeven.js';
import type { NpvMeasure } from '../../src/uncertainty/types.js';
import { tornado } from '../../src/uncertainty/tornado.js';
import { makeBudgets, workedExample } from '../helpers/model.js';

const d = (s: string | number) => new D(String(s));

/** A scenario from YAML text, with its document (as a file's would have). */
const scenarioOf = (yaml: string): Scenario => scenarioFromText(yaml, { name: 'test.yaml', sha256: '0'.repeat(64) });

/** The scenario with the value at `path` set to `x`: through its document and the validator, as breakeven does. */
const withValue = (scenario: Scenario, path: string, x: D): Scenario => setParam(scenario, path, x);

/**
 * The public worked example (test/helpers/model.ts `workedExample`, test/uncertainty/fixtures/worked.yaml), with
 * `fields` of its intervention written otherwise (e.g. as distributions).
 */
function worked(fields: Record<string, string> = {}): Scenario {
  const values: Record<string, string> = {
    cost_per_participant: '1500',
    success_rate: '0.3',
    deadweight: '0.4',
    attribution: '1',
    optimism_bias: '0.1',
    lag: '1',
    duration: '3',
    drop_off: '0.2',
    ...fields,
  };
  return scenarioOf(
    [
      'name: Worked example',
      'horizon: 4',
      'investment: { fixed: [150000], funding: { employment: 1 } }',
      'interventions:',
      '  - name: Employment support',
      ...Object.entries(values).map(([k, v]) => `    ${k}: ${v}`),
      '    avoided_cost_per_success: { employment: 9234, health: 566 }',
      '    cashable: { employment: 1.0, health: 0 }',
    ].join('\n'),
  );
}

function problem(scenario: Scenario, budgets = workedExample().budgets, path = 'interventions.0.success_rate', min = d(0), max: D | null = d(1), integer = false) {
  return {
    scenario: scenario.name,
    parameter: path,
    target: { kind: 'npv' as const, measure: 'npv_cashable' as const },
    central: valueAtPath(scenario, path),
    min,
    max,
    integer,
    centre: runModel(budgets, scenario),
    evaluate: (x: D) => runModel(budgets, withValue(scenario, path, x)),
  };
}

describe('breakeven', () => {
  it('finds the worked example\'s switching success rate: 0.3 x 150,000 / 342,598.16 = 0.131349', () => {
    const scenario = worked();
    const r = breakeven(problem(scenario));
    const e = r.entities[0]!;
    expect(e.outcome).toBe('found');
    expect(e.switchingValue!.toString()).toBe('0.131349');
    expect(d('0.3').times(150000).dividedBy('342598.16').toSignificantDigits(6).toString()).toBe('0.131349');
    expect(e.metAtCentre).toBe(true);
    expect(e.metAbove).toBe(true);
    // change: 0.131349 / 0.3 - 1
    expect(e.change!.toFixed(6)).toBe('-0.562170');
    // the NPV there (before the value is rounded to 6 significant digits) is within half a penny of zero
    expect((e.valueAtSwitch as D).greaterThanOrEqualTo(0)).toBe(true);
    expect((e.valueAtSwitch as D).lessThanOrEqualTo('0.005')).toBe(true);
    expect((e.valueBeyond as D).lessThan(0)).toBe(true);
    expect(e.jump).toBe(false);
  });

  it('finds a switching cost per participant above the centre, widening an unbounded range', () => {
    const scenario = worked();
    // NPV = 342,598.16 x 1500 / c - 150,000 = 0 at c = 3425.98 (benefits fall as 1/c; the cost is fixed)
    const r = breakeven(problem(scenario, undefined, 'interventions.0.cost_per_participant', d('0.01'), null));
    const e = r.entities[0]!;
    expect(e.switchingValue!.toString()).toBe('3425.98');
    expect(e.metAbove).toBe(false);
    expect(r.max.greaterThan(3425.98)).toBe(true);
  });

  it('says when no value in the range meets the target, or every one does', () => {
    const scenario = worked();
    const none = breakeven(problem(scenario, undefined, 'interventions.0.success_rate', d(0), d('0.1')));
    expect(none.entities[0]!.outcome).toBe('none');
    expect(none.entities[0]!.switchingValue).toBeNull();
    const all = breakeven(problem(scenario, undefined, 'interventions.0.success_rate', d('0.2'), d('0.9')));
    expect(all.entities[0]!.outcome).toBe('all');
  });

  it('bisects whole-number fields to a whole number, for a payback target', () => {
    const scenario = worked();
    // the worked example pays back in year 2 with lag 1; each extra year of lag delays it
    const p = { ...problem(scenario, undefined, 'interventions.0.lag', d(0), d(3), true), target: { kind: 'payback' as const, t: 3 } };
    const r = breakeven(p);
    expect(r.target).toBe('payback_t <= 3');
    const e = r.entities[0]!;
    expect(e.outcome).toBe('found');
    expect(e.switchingValue!.toString()).toBe('2');
    expect(e.metAbove).toBe(false);
    expect(e.valueAtSwitch).toBe(3);
  });
});

describe('breakeven: each NPV target (the v1.2 worked example: funders, public value)', () => {
  // test/fixtures/v12/worked.yaml: discount 0; investment 10,000 + a grant of 5,000 buys 150 participants at
  // £100, so success rate s gives 150 s successes, each avoiding £200 of social care a year for two years
  // (cashable share c), with £50 x (1 - 0.2 displacement) economic and £30 social value a year, and an outcome
  // payment of £100 per (gross) outcome from the funder.
  const budgets = makeBudgets([
    ['P', 2025, 'social_care', 'Residential care', 'reactive', 1000000],
    ['P', 2025, 'health', 'Acute', 'reactive', 500000],
  ]);
  const v12 = (cashable = '1'): Scenario =>
    scenarioOf(readFileSync('test/fixtures/v12/worked.yaml', 'utf8').replace('cashable: { social_care: 1 }', `cashable: { social_care: ${cashable} }`));
  const switchOf = (scenario: Scenario, measure: NpvMeasure) => {
    const r = breakeven({ ...problem(scenario, budgets), target: { kind: 'npv', measure } });
    expect(r.target).toBe(`${measure} >= 0`);
    const e = r.entities[0]!;
    expect(e.outcome).toBe('found');
    expect(e.metAbove).toBe(true);
    // the measure at the switch is within half a penny of the target, and met
    expect((e.valueAtSwitch as D).greaterThanOrEqualTo(0)).toBe(true);
    expect((e.valueAtSwitch as D).lessThanOrEqualTo('0.005')).toBe(true);
    expect((e.valueBeyond as D).lessThan(0)).toBe(true);
    return e.switchingValue!.toString();
  };

  it('npv_cashable = 150 s x 200 x 2 - 15,000 = 60,000 s - 15,000: s = 0.25', () => {
    expect(runModel(budgets, v12()).places[0]!.summary.npv_cashable!.toString()).toBe('15000');
    expect(switchOf(v12(), 'npv_cashable')).toBe('0.25');
  });

  it('npv_fiscal counts the non-cashable savings too: with half cashable, npv_cashable = 30,000 s - 15,000 (s = 0.5), npv_fiscal = 60,000 s - 15,000 (s = 0.25)', () => {
    expect(switchOf(v12('0.5'), 'npv_cashable')).toBe('0.5');
    expect(switchOf(v12('0.5'), 'npv_fiscal')).toBe('0.25');
  });

  it('npv_public_value = 150 s x (400 + 2 x 40 + 2 x 30) - 15,000 = 81,000 s - 15,000: s = 15,000 / 81,000 = 0.185185', () => {
    expect(runModel(budgets, v12()).places[0]!.summary.npv_public_value!.toString()).toBe('25500');
    expect(switchOf(v12(), 'npv_public_value')).toBe('0.185185');
  });

  it('partners_npv_cashable adds the grant and the outcome payments: 60,000 s - 15,000 + 5,000 + 150 s x 100 = 75,000 s - 10,000: s = 0.133333', () => {
    expect(runModel(budgets, v12()).places[0]!.summary.partners_npv_cashable!.toString()).toBe('27500');
    expect(switchOf(v12(), 'partners_npv_cashable')).toBe('0.133333');
  });

  it('carries the price base of the run at the central values', () => {
    const r = breakeven({ ...problem(v12(), budgets), target: { kind: 'npv', measure: 'npv_public_value' } });
    expect([r.priceBase, r.baseYear]).toEqual([2025, 2025]);
  });
});

describe('breakeven: precision, whole numbers, jumps and the search range', () => {
  /** A result whose one place's NPV is `npv(x)`, as the engine would give it. */
  const fake = (npv: D): RunResult => ({ places: [{ place: 'P', summary: { npv_cashable: npv, payback_t: null } }], warnings: [] }) as unknown as RunResult;
  const problemOf = (f: (x: D) => D, min: D, max: D | null, integer = false, central: D | null = null) => ({
    scenario: 'S',
    parameter: 'x',
    target: { kind: 'npv' as const, measure: 'npv_cashable' as const },
    central,
    min,
    max,
    integer,
    centre: fake(f(central ?? min)),
    evaluate: (x: D) => fake(f(x)),
  });

  it('bisects a steep NPV until it is within half a penny of zero, past 6 significant digits', () => {
    // £10 billion per unit: 6 significant digits of x leave the NPV pounds away from zero
    const r = breakeven(problemOf((x) => x.minus('0.123456789012').times('1e10'), d(0), d(1)));
    const e = r.entities[0]!;
    expect(e.switchingValue!.toString()).toBe('0.123457');
    expect((e.valueAtSwitch as D).greaterThanOrEqualTo(0)).toBe(true);
    expect((e.valueAtSwitch as D).lessThanOrEqualTo('0.005')).toBe(true);
    expect(e.jump).toBe(false);
  });

  it('says when the NPV jumps at the switch, with the values either side', () => {
    const r = breakeven(problemOf((x) => (x.greaterThanOrEqualTo('0.3') ? d(1000) : d(-250)), d(0), d(1)));
    const e = r.entities[0]!;
    expect(e.switchingValue!.toString()).toBe('0.3');
    expect(e.jump).toBe(true);
    expect((e.valueAtSwitch as D).toString()).toBe('1000');
    expect((e.valueBeyond as D).toString()).toBe('-250');
  });

  it('gives a whole-number field the NPV at the switch and at the next whole number', () => {
    const r = breakeven(problemOf((x) => x.minus('2.5').times(100), d(1), d(10), true));
    const e = r.entities[0]!;
    expect(e.switchingValue!.toString()).toBe('3');
    expect((e.valueAtSwitch as D).toString()).toBe('50');
    expect((e.valueBeyond as D).toString()).toBe('-50');
  });

  it('widens a field with no upper limit by doubling, at most 20 times, and says how far it went', () => {
    const r = breakeven(problemOf((x) => x.minus(1e9), d(0), null, false, d(10)));
    expect(r.widened).toEqual({ from: d(10), doublings: 20, changed: false });
    expect(r.max.toString()).toBe(String(10 * 2 ** 20));
    expect(r.entities[0]!.outcome).toBe('none');
    const found = breakeven(problemOf((x) => x.minus(35), d(0), null, false, d(10)));
    expect(found.widened).toEqual({ from: d(10), doublings: 2, changed: true });
    expect(found.entities[0]!.switchingValue!.toString()).toBe('35');
  });

  it('never widens past the cap it is given (a money field\'s bound), and says it stopped there', () => {
    const r = breakeven({ ...problemOf((x) => x.minus(1e9), d(0), null, false, d(10)), cap: d(1000) });
    expect(r.max.toString()).toBe('1000');
    // 20, 40, ... 640, then the cap: 7 steps
    expect(r.widened).toEqual({ from: d(10), doublings: 7, changed: false });
    expect(r.entities[0]!.outcome).toBe('none');
  });

  it('searches up to just below a maximum that is not allowed, and reports the maximum itself', () => {
    const r = breakeven({ ...problemOf((x) => d(1).minus(x), d(0), d(1)), maxExclusive: true });
    expect(r.max.toString()).toBe('1');
    expect(r.maxExclusive).toBe(true);
    expect(r.entities[0]!.outcome).toBe('all');
  });
});

describe('tornado', () => {
  it('uses P10 and P90 of each distribution, sorts by swing, and agrees with direct runs', () => {
    const { budgets } = workedExample();
    const dists = { deadweight: '{uniform: [0.35, 0.45]}', success_rate: '{triangular: [0.2, 0.3, 0.5]}', drop_off: '{normal: [0.2, 0.5]}' };
    const scenario = worked(dists);
    expect(scenario.uncertain.map((u) => u.path)).toEqual(['interventions.0.success_rate', 'interventions.0.deadweight', 'interventions.0.drop_off']);
    const r = tornado(budgets, scenario);
    const bars = r.entities[0]!.bars;
    // deadweight's narrow uniform moves the NPV least
    expect(bars[2]!.path).toBe('interventions.0.deadweight');
    for (let i = 1; i < bars.length; i++) expect(bars[i - 1]!.swing.greaterThanOrEqualTo(bars[i]!.swing)).toBe(true);
    // triangular(0.2, 0.3, 0.5): F(mode) = 1/3; P10 = 0.2 + sqrt(0.1 x 0.3 x 0.1), P90 = 0.5 - sqrt(0.1 x 0.3 x 0.2)
    const sr = bars.find((b) => b.path === 'interventions.0.success_rate')!;
    expect(sr.low.toFixed(12)).toBe(d('0.2').plus(d('0.003').sqrt()).toFixed(12));
    expect(sr.high.toFixed(12)).toBe(d('0.5').minus(d('0.006').sqrt()).toFixed(12));
    // NPV is linear in the success rate: (central NPV + 150,000) / 0.3 per unit (342,598.16 / 0.3 to the penny)
    const perUnit = r.entities[0]!.centralNpv.plus(150000).dividedBy('0.3');
    expect(sr.swing.toFixed(2)).toBe(perUnit.times(sr.high.minus(sr.low)).toFixed(2));
    // the same as a file written with the success rate at its P10 (every other value central)
    const direct = runModel(budgets, worked({ ...dists, success_rate: sr.low.toString() })).places[0]!.summary.npv_cashable!;
    expect(sr.npvLow.equals(direct)).toBe(true);
    const directHigh = runModel(budgets, worked({ ...dists, success_rate: sr.high.toString() })).places[0]!.summary.npv_cashable!;
    expect(sr.npvHigh.equals(directHigh)).toBe(true);
    // normal(0.2, 0.5): P10 = 0.2 - 1.28155 x 0.5 < 0, clamped to 0
    const drop = bars.find((b) => b.path === 'interventions.0.drop_off')!;
    expect(drop.low.toString()).toBe('0');
    expect(drop.high.toFixed(6)).toBe('0.840776');
    expect(r.entities[0]!.centralNpv.toFixed(2)).toBe('192598.16');
  });

  it('gives every place and `all places` its own sorted bars', () => {
    const budgets = makeBudgets([
      ['A', 2025, 'health', 'Acute', 'reactive', 1000000],
      ['B', 2025, 'health', 'Acute', 'reactive', 2000000],
    ]);
    const scenario = scenarioOf(
      [
        'name: Two places',
        'horizon: 3',
        'pool: { health: 1 }',
        'investment: { shift: {uniform: [0.05, 0.15]} }',
        'interventions:',
        '  - { name: Intervention 1, cost_per_participant: 100, success_rate: 0.5, avoided_cost_per_success: { health: 400 }, cashable: { health: {uniform: [0.4, 0.6]} } }',
      ].join('\n'),
    );
    expect(scenario.uncertain.map((u) => u.path)).toEqual(['investment.shift.0', 'interventions.0.cashable.health']);
    const r = tornado(budgets, scenario);
    expect(r.entities.map((e) => e.place)).toEqual(['A', 'B', 'all places']);
    const all = r.entities[2]!;
    for (const [i, bar] of all.bars.entries()) {
      const parts = r.entities.slice(0, 2).map((e) => e.bars.find((b) => b.path === bar.path)!);
      expect(bar.npvLow.toFixed(20)).toBe(parts[0]!.npvLow.plus(parts[1]!.npvLow).toFixed(20));
      if (i > 0) expect(all.bars[i - 1]!.swing.greaterThanOrEqualTo(bar.swing)).toBe(true);
    }
  });
});
