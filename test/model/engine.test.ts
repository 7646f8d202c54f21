import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { discountFactors } from '../../src/model/discount.js';
import { runModel } from '../../src/model/engine.js';
import { plain } from '../../src/report/numbers.js';
import { InputError } from '../../src/errors.js';
import { makeBudgets, makeScenario, workedExample } from '../helpers/model.js';

const money = (v: D | null) => plain(v, 'money');
const ratio = (v: D | null) => plain(v, 'ratio');

describe('Green Book discount factors', () => {
  it('match the published table (3.5% to year 30, then 3.0%)', () => {
    const df = discountFactors({ kind: 'green-book' }, 40);
    expect(df[0]!.toString()).toBe('1');
    expect(df[1]!.toFixed(4)).toBe('0.9662');
    expect(ratio(df[5]!)).toBe('0.841973');
    expect(df[10]!.toFixed(4)).toBe('0.7089');
    expect(ratio(df[30]!)).toBe('0.356278');
    expect(ratio(df[31]!)).toBe('0.345901');
    // year 31 is discounted at 3.0% from year 30
    expect(df[30]!.dividedBy(df[31]!).toFixed(10)).toBe('1.0300000000');
  });

  it('use the later bands beyond year 75', () => {
    const df = discountFactors({ kind: 'green-book' }, 100);
    expect(df[75]!.dividedBy(df[76]!).toFixed(10)).toBe('1.0250000000');
    expect(df[74]!.dividedBy(df[75]!).toFixed(10)).toBe('1.0300000000');
  });

  it('use the health schedule', () => {
    const df = discountFactors({ kind: 'green-book-health' }, 40);
    expect(df[1]!.toString()).toBe(new D(1).dividedBy('1.015').toString());
    expect(df[30]!.dividedBy(df[31]!).toFixed(10)).toBe('1.0129000000');
  });

  it('use a constant rate as 1/(1+r)^t', () => {
    const df = discountFactors({ kind: 'constant', rate: new D('0.05') }, 3);
    expect(df.map((x) => x.toFixed(12))).toEqual(['1.000000000000', '0.952380952381', '0.907029478458']);
  });
});

describe('the public worked example', () => {
  it('reproduces the published figures to the penny', () => {
    const { budgets, scenario } = workedExample();
    const r = runModel(budgets, scenario);
    const s = r.places[0]!.summary;
    expect(money(s.pv_fiscal_benefits)).toBe('363597.78');
    expect(money(s.pv_cashable_benefits)).toBe('342598.16');
    expect(money(s.npv_fiscal)).toBe('213597.78');
    expect(money(s.npv_cashable)).toBe('192598.16');
    expect(ratio(s.fiscal_roi)).toBe('2.423985');
    expect(ratio(s.cashable_roi)).toBe('2.283988');
    expect(money(s.pv_costs)).toBe('150000.00');
    expect(s.payback_t).toBe(2);
    expect(money(s.peak_funding_requirement)).toBe('150000.00');
  });

  it('computes each year by hand', () => {
    const { budgets, scenario } = workedExample();
    const r = runModel(budgets, scenario);
    const employment = r.places[0]!.silos.find((s) => s.silo === 'employment')!;
    // 100 participants x 0.3 x (1 - 0.4) x 1 x (1 - 0.1) = 16.2 net successes, benefits from year 1
    expect(employment.years.map((y) => money(y.avoided_cost))).toEqual(['0.00', '149590.80', '119672.64', '95738.11']);
    const health = r.places[0]!.silos.find((s) => s.silo === 'health')!;
    expect(health.years.map((y) => money(y.non_cashable_saving))).toEqual(['0.00', '9169.20', '7335.36', '5868.29']);
    expect(money(r.places[0]!.interventions[0]!.net_successes)).toBe('16.20');
    expect(money(r.places[0]!.interventions[0]!.cost_per_success)).toBe(money(new D(150000).dividedBy('16.2')));
  });
});

describe('pooling, integration and the cap', () => {
  const budgets = makeBudgets([
    ['Borough', 2025, 'health', 'A&E', 'reactive', 1000000],
    ['Borough', 2025, 'health', 'Health visiting', 'preventive', 200000],
    ['Borough', 2025, 'social_care', 'Residential care', 'reactive', 500000],
    ['Borough', 2025, 'social_care', 'Admin', 'other', 100000],
    ['Borough', 2026, 'social_care', 'Residential care', 'reactive', 520000],
  ]);

  it('projects with growth unless a plan row is given', () => {
    const r = runModel(budgets, makeScenario({ horizon: 3, growth: { default: '0.1', social_care: '0.05' } }));
    const health = r.places[0]!.silos.find((s) => s.silo === 'health')!;
    expect(health.years.map((y) => money(y.baseline_spend))).toEqual(['1200000.00', '1320000.00', '1452000.00']);
    const care = r.places[0]!.silos.find((s) => s.silo === 'social_care')!;
    // 2026 given (520,000), 2027 grows from it at 5%; admin grows from 100,000 at 5%
    expect(care.years.map((y) => money(y.baseline_reactive))).toEqual(['500000.00', '520000.00', '546000.00']);
    expect(care.years.map((y) => money(y.baseline_spend))).toEqual(['600000.00', '625000.00', '656250.00']);
  });

  it('pools, shifts reactive spend into prevention, ramps efficiency and shares costs by contribution', () => {
    const scenario = makeScenario({
      horizon: 3,
      pool: { health: '0.5', social_care: 1 },
      shift: ['0.1'],
      efficiency: '0.02',
      ramp_years: 2,
      transition_costs: [30000],
    });
    const r = runModel(budgets, scenario);
    const p = r.places[0]!;
    // year 0: pooled = 0.5 x 1.2m + 0.6m = 1.2m; pooled reactive = 0.5 x 1m + 0.5m = 1m
    expect(money(p.all[0]!.pooled)).toBe('1200000.00');
    expect(money(p.all[0]!.investment)).toBe('100000.00');
    // efficiency: 2% x min(1, 1/2) x 1.2m = 12,000 in year 0; full 2% in year 1 on 1.22m
    expect(money(p.all[0]!.efficiency_saving)).toBe('12000.00');
    expect(money(p.all[1]!.efficiency_saving)).toBe('24400.00');
    const health = p.silos.find((s) => s.silo === 'health')!;
    const care = p.silos.find((s) => s.silo === 'social_care')!;
    // each silo bears half the cost, having contributed half of the pool
    expect(money(health.years[0]!.investment)).toBe('50000.00');
    expect(money(care.years[0]!.transition_cost)).toBe('15000.00');
    expect(money(health.years[0]!.efficiency_saving)).toBe('6000.00');
    // no interventions: nothing avoided, net = efficiency - investment - transition
    expect(money(p.all[0]!.net_cashable)).toBe('-118000.00');
    // years 1 and 2: invest 10% of 1.02m pooled reactive, save 2% of 1.22m: -77,600 each
    expect(money(p.summary.peak_funding_requirement)).toBe('273200.00');
    expect(p.summary.payback_t).toBeNull();
  });

  it('caps avoided cost at the silo reactive spend, scaling each intervention alike, and warns', () => {
    const scenario = makeScenario({
      horizon: 2,
      funding: { health: 1 },
      fixed: [1000000],
      interventions: [
        { name: 'A', share: '0.5', cost_per_participant: 100, success_rate: 1, avoided_cost_per_success: { social_care: 200 }, cashable: { social_care: 1 } },
        { name: 'B', share: '0.5', cost_per_participant: 100, success_rate: 1, avoided_cost_per_success: { social_care: 600 }, cashable: { social_care: '0.5' } },
      ],
    });
    const r = runModel(budgets, scenario);
    const care = r.places[0]!.silos.find((s) => s.silo === 'social_care')!;
    // raw: 5,000 successes x 200 + 5,000 x 600 = 4m against reactive spend of 500,000
    expect(money(care.years[0]!.avoided_cost)).toBe('500000.00');
    // A gets a quarter (125,000, all cashable), B three quarters (375,000, half cashable)
    expect(money(care.years[0]!.cashable_saving)).toBe('312500.00');
    expect(r.warnings.map((w) => w.code)).toContain('binding-cap');
    const [a, b] = r.places[0]!.interventions;
    expect(money(a!.avoided_cost_pv)).toBe('125000.00');
    expect(money(b!.cashable_pv)).toBe('187500.00');
  });

  it('treats silos without lines as external: uncapped, counted, warned about once', () => {
    const scenario = makeScenario({
      horizon: 2,
      funding: { health: 1 },
      fixed: [10000],
      interventions: [{ cost_per_participant: 100, success_rate: 1, avoided_cost_per_success: { housing: 1000000 }, cashable: { housing: 1 } }],
    });
    const r = runModel(budgets, scenario);
    const housing = r.places[0]!.silos.find((s) => s.silo === 'housing')!;
    expect(housing.external).toBe(true);
    expect(money(housing.years[0]!.avoided_cost)).toBe('100000000.00');
    expect(money(r.places[0]!.all[0]!.cashable_saving)).toBe('100000000.00');
    expect(r.places[0]!.silos.map((s) => s.silo)).toEqual(['health', 'social_care', 'housing']);
    expect(r.warnings.filter((w) => w.code === 'external-silo')).toHaveLength(1);
    expect(r.warnings.map((w) => w.code)).toContain('high-roi');
    expect(r.places[0]!.settlement.find((s) => s.silo === 'housing')!.external).toBe(true);
  });

  it('reinvests last year\'s gross cashable savings', () => {
    const scenario = makeScenario({
      horizon: 3,
      funding: { health: 1 },
      fixed: [1000],
      reinvest: '0.5',
      interventions: [{ cost_per_participant: 10, success_rate: 1, avoided_cost_per_success: { health: 20 }, cashable: { health: 1 } }],
    });
    const p = runModel(budgets, scenario).places[0]!;
    // year 0: 100 successes -> 2,000 cashable; year 1: invest 0.5 x 2,000 = 1,000 -> 2,000 again
    expect(p.all.map((y) => money(y.investment))).toEqual(['1000.00', '1000.00', '1000.00']);
    expect(p.all.map((y) => money(y.cashable_saving))).toEqual(['2000.00', '2000.00', '2000.00']);
  });

  it('refuses investment with nothing pooled when the pool pays', () => {
    const scenario = makeScenario({ fixed: [1000] });
    expect(() => runModel(budgets, scenario)).toThrow(InputError);
    expect(() => runModel(budgets, scenario)).toThrow(/nobody pays/);
  });

  it('refuses a pooled silo without lines, a missing place and a base year without rows', () => {
    expect(() => runModel(budgets, makeScenario({ pool: { housing: 1 } }))).toThrow(/"housing" is pooled/);
    expect(() => runModel(budgets, makeScenario({ places: ['Borugh'] }))).toThrow(/not in the budgets/);
    expect(() => runModel(budgets, makeScenario({ base_year: 2024 }))).toThrow(/no budget rows for the base year 2024\/25/);
  });
});

describe('settlement', () => {
  const budgets = makeBudgets([
    ['P', 2025, 'health', 'Acute', 'reactive', 10000000],
    ['P', 2025, 'social_care', 'Care', 'reactive', 10000000],
  ]);
  const base = {
    horizon: 1,
    discount: 0 as const,
    funding: { health: 1 },
    fixed: [1000],
    interventions: [{ cost_per_participant: 1, success_rate: 1, avoided_cost_per_success: { social_care: 3, health: '0.5' }, cashable: { social_care: 1, health: 1 } }],
  };

  it('proportional: shares the net saving by what each silo paid', () => {
    const rows = runModel(budgets, makeScenario({ ...base, settlement: 'proportional' })).places[0]!.settlement;
    const h = rows.find((r) => r.silo === 'health')!;
    const c = rows.find((r) => r.silo === 'social_care')!;
    // health pays 1,000, gains 500: net -500 (a wrong pocket); social care gains 3,000
    expect([money(h.net_before), money(c.net_before)]).toEqual(['-500.00', '3000.00']);
    expect(h.wrongPocket).toBe(true);
    expect([money(h.transfer), money(c.transfer)]).toEqual(['3000.00', '-3000.00']);
    expect([money(h.net_after), money(c.net_after)]).toEqual(['2500.00', '0.00']);
  });

  it('no-worse-off: lifts losers to zero, paid by winners in proportion', () => {
    const rows = runModel(budgets, makeScenario({ ...base, settlement: 'no-worse-off' })).places[0]!.settlement;
    expect(rows.map((r) => [r.silo, money(r.transfer), money(r.net_after)])).toEqual([
      ['health', '500.00', '0.00'],
      ['social_care', '-500.00', '2500.00'],
    ]);
  });

  it('none: no transfers', () => {
    const rows = runModel(budgets, makeScenario({ ...base, settlement: 'none' })).places[0]!.settlement;
    expect(rows.every((r) => r.transfer.isZero())).toBe(true);
  });

  it('no-worse-off falls back to proportional with a warning when the total is negative', () => {
    // 10,000 participants at £10: gains 35,000 against 100,000 paid
    const r = runModel(budgets, makeScenario({ ...base, fixed: [100000], interventions: [{ ...base.interventions[0]!, cost_per_participant: 10 }], settlement: 'no-worse-off' }));
    expect(r.warnings.map((w) => w.code)).toContain('settlement-fallback');
    const total = r.places[0]!.settlement.reduce((acc, row) => acc.plus(row.transfer), new D(0));
    expect(total.abs().lessThan('1e-20')).toBe(true);
  });
});

describe('several places', () => {
  const budgets = makeBudgets([
    ['North', 2025, 'health', 'Acute', 'reactive', 1000000],
    ['South', 2025, 'health', 'Acute', 'reactive', 3000000],
    ['South', 2026, 'health', 'Acute', 'reactive', 2000000],
  ]);
  const scenario = makeScenario({ horizon: 2, pool: { health: 1 }, shift: ['0.1'], interventions: [{ cost_per_participant: 100, success_rate: '0.5', avoided_cost_per_success: { health: 300 }, cashable: { health: 1 } }] });

  it('models each place and adds an all-places summary of the summed flows', () => {
    const r = runModel(budgets, scenario);
    expect(r.places.map((p) => p.place)).toEqual(['North', 'South']);
    expect(r.allPlaces).toBeDefined();
    const sumInv = r.places[0]!.summary.total_investment!.plus(r.places[1]!.summary.total_investment!);
    expect(money(r.allPlaces!.summary.total_investment)).toBe(money(sumInv));
    expect(money(r.allPlaces!.summary.npv_cashable)).toBe(money(r.places[0]!.summary.npv_cashable!.plus(r.places[1]!.summary.npv_cashable!)));
  });

  it('combines places into one whose lines are the sums of the projections', () => {
    const r = runModel(budgets, makeScenario({ ...{ horizon: 2, pool: { health: 1 } }, combine: true, growth: { default: '0.1' } }));
    expect(r.places).toHaveLength(1);
    expect(r.places[0]!.place).toBe('North + South');
    expect(r.allPlaces).toBeUndefined();
    // North grows 1m -> 1.1m; South's plan row gives 2m
    expect(r.places[0]!.all.map((y) => money(y.baseline_spend))).toEqual(['4000000.00', '3100000.00']);
  });
});
