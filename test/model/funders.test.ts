// Outside money, partners and the funding gap (docs/method.md, "Funders and partners", "Funding envelope and
// gap"): the worked example by hand, and the invariants that hold for any scenario.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { D, sum } from '../../src/decimal.js';
import { runModel } from '../../src/model/engine.js';
import { cli } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';
import { makeBudgets, makeScenario } from '../helpers/model.js';

const FIX = 'test/fixtures/v12';

describe('the worked example of v1.2, by hand', async () => {
  const r = await cli(['run', `${FIX}/budgets.csv`, '-s', `${FIX}/worked.yaml`, '-f', 'csv', '--layout', 'long', '-q']);
  const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
  const value = (table: string, entity: string, measure: string, t = '') => rows.find((x) => x.table === table && x.entity === entity && x.measure === measure && x.t === t)?.value;
  const yearly = (entity: string, measure: string) => ['0', '1', '2'].map((t) => value('yearly', entity, measure, t));

  it('matches its golden long CSV', () => {
    expect(r.code).toBe(0);
    expectGolden('run/v12-worked-long.csv', r.stdout);
  });

  it('gives the figures worked out by hand', () => {
    // I = 15,000 in year 0 (10,000 from the pool, 5,000 granted): 150 participants, 75 net successes; avoided
    // cost 15,000 in years 1 and 2; economic value 75 x 50 x 0.8 = 3,000 and social 75 x 30 = 2,250 in each;
    // the funder pays 100 for each of the 75 outcomes it sees in year 1
    const summary: [string, string][] = [
      ['pv_costs', '15000.00'],
      ['npv_cashable', '15000.00'],
      ['payback_t', '1'],
      ['peak_funding_requirement', '15000.00'],
      ['pv_economic_benefits', '6000.00'],
      ['pv_social_benefits', '4500.00'],
      ['pv_public_value', '40500.00'],
      ['public_value_roi', '2.700000'],
      ['pv_external_funding', '12500.00'],
      ['partners_npv_cashable', '27500.00'],
      ['partners_peak_funding_requirement', '10000.00'],
      ['cumulative_baseline_gap', '435000.00'],
      ['cumulative_scenario_gap', '407500.00'],
    ];
    for (const [m, v] of summary) expect([m, value('summary', '', m)]).toEqual([m, v]);
    expect(yearly('social_care', 'net_cashable')).toEqual(['-10000.00', '22500.00', '15000.00']);
    expect(yearly('F1', 'net_cashable')).toEqual(['-5000.00', '-7500.00', '0.00']);
    expect(yearly('Council', 'net_cashable')).toEqual(['-10000.00', '22500.00', '15000.00']);
    expect([value('settlement', 'Council', 'pays'), value('settlement', 'Council', 'gains'), value('settlement', 'Council', 'peak_funding')]).toEqual(['10000.00', '37500.00', '10000.00']);
    expect([value('settlement', 'F1', 'pays'), value('settlement', 'F1', 'peak_funding')]).toEqual(['12500.00', '12500.00']);
    expect(yearly('all', 'baseline_gap')).toEqual(['0.00', '150000.00', '285000.00']);
    expect(yearly('all', 'scenario_gap')).toEqual(['10000.00', '127500.00', '270000.00']);
  });

  it('orders the yearly entities: silos with lines, funders, partners, all', () => {
    const entities = [...new Set(rows.filter((x) => x.table === 'yearly').map((x) => x.entity))];
    expect(entities).toEqual(['health', 'social_care', 'F1', 'Council', 'all']);
  });
});

describe('outcome payments by basis, with a lag', () => {
  const budgets = makeBudgets([['P', 2025, 'social_care', 'Care', 'reactive', '1000000']]);
  const scenario = (basis: 'gross' | 'net') =>
    makeScenario({
      horizon: 4,
      discount: 0,
      pool: { social_care: 1 },
      fixed: [10000],
      funders: [{ name: 'PbR', outcome_payment: { A: 1000 }, basis }],
      interventions: [{ name: 'A', cost_per_participant: 100, success_rate: '0.5', deadweight: '0.4', optimism_bias: 0, lag: 2, duration: 1, avoided_cost_per_success: { social_care: 10 }, cashable: { social_care: 1 } }],
    });
  it('pays for every observed outcome (gross) or each net success (net), in the year the outcome shows', () => {
    // 100 participants, 50 observed outcomes, 30 net successes (deadweight 0.4); first seen in year 2 (lag 2)
    const paid = (basis: 'gross' | 'net') => runModel(budgets, scenario(basis)).places[0]!.funders[0]!.years.map((y) => y.outcome_payment.toString());
    expect(paid('gross')).toEqual(['0', '0', '50000', '0']);
    expect(paid('net')).toEqual(['0', '0', '30000', '0']);
  });
});

describe('a grant-only programme', () => {
  it('costs the partners nothing: their NPV is their savings', () => {
    const budgets = makeBudgets([['P', 2025, 'health', 'Acute', 'reactive', '1000000']]);
    const s = makeScenario({
      horizon: 3,
      discount: 0,
      pool: { health: 1 },
      funders: [{ name: 'Lottery', grant: [20000] }],
      interventions: [{ name: 'A', cost_per_participant: 100, success_rate: 1, optimism_bias: 0, duration: 3, avoided_cost_per_success: { health: 50 }, cashable: { health: 1 } }],
    });
    const p = runModel(budgets, s).places[0]!;
    // 200 successes save 10,000 a year for three years
    expect(p.summary.partners_npv_cashable!.toString()).toBe('30000');
    expect(p.summary.npv_cashable!.toString()).toBe('10000');
    expect(p.summary.partners_peak_funding_requirement!.toString()).toBe('0');
    expect(p.silos[0]!.years.map((y) => y.investment.toString())).toEqual(['0', '0', '0']);
  });
});

describe('an envelope for a silo whose spend starts after the base year', () => {
  it('starts that silo\'s funding in its first year with spend', () => {
    const budgets = makeBudgets([
      ['P', 2025, 'health', 'Acute', 'reactive', '1000'],
      ['P', 2025, 'childcare', 'Places', 'preventive', '0'],
      ['P', 2027, 'childcare', 'Places', 'preventive', '400'],
    ]);
    const s = makeScenario({ horizon: 4, growth: { childcare: '0.1' }, envelope: { default: '-0.5' } });
    const childcare = runModel(budgets, s).places[0]!.silos.find((x) => x.silo === 'childcare')!;
    expect(childcare.years.map((y) => y.funding_envelope!.toString())).toEqual(['0', '0', '400', '200']);
    expect(childcare.years.map((y) => y.baseline_gap!.toString())).toEqual(['0', '0', '0', '240']);
  });
});

describe('invariants (property)', () => {
  const share = fc.integer({ min: 0, max: 1000 }).map((n) => String(n / 1000));
  it('silos and funders add up to the place; transfers sum to zero; scenario gap = baseline gap - net cashable', () => {
    fc.assert(
      fc.property(
        fc.record({
          grant: fc.integer({ min: 0, max: 500000 }),
          rate: fc.integer({ min: 0, max: 3000 }),
          basis: fc.constantFrom('gross' as const, 'net' as const),
          lag: fc.integer({ min: 0, max: 2 }),
          env: fc.integer({ min: -100, max: 50 }).map((n) => String(n / 1000)),
          poolHealth: share,
          partner: fc.boolean(),
          settlement: fc.constantFrom('none' as const, 'proportional' as const, 'no-worse-off' as const),
        }),
        (g) => {
          const budgets = makeBudgets([
            ['P', 2025, 'health', 'Acute', 'reactive', '3000000'],
            ['P', 2025, 'social_care', 'Care', 'reactive', '2000000'],
            ['P', 2025, 'housing', 'Temp', 'reactive', '500000'],
          ]);
          const s = makeScenario({
            horizon: 6,
            pool: { health: g.poolHealth, social_care: 1 },
            shift: ['0.01'],
            settlement: g.settlement,
            envelope: { default: g.env },
            ...(g.partner ? { partners: { Council: ['social_care', 'housing'] } } : {}),
            funders: [{ name: 'F', grant: [g.grant], outcome_payment: { A: g.rate }, basis: g.basis }],
            interventions: [{ name: 'A', cost_per_participant: 1000, success_rate: '0.6', deadweight: '0.2', optimism_bias: '0.1', lag: g.lag, duration: 3, avoided_cost_per_success: { health: 900, social_care: 700, housing: 200, employment: 300 }, cashable: { health: '0.5', social_care: 1, housing: 1, employment: 1 } }],
          });
          const p = runModel(budgets, s).places[0]!;
          for (let t = 0; t < 6; t++) {
            const parts = sum([...p.silos.map((x) => x.years[t]!.net_cashable), ...p.funders.map((f) => f.years[t]!.net_cashable)]);
            expect(parts.minus(p.all[t]!.net_cashable).abs().lessThan('1e-20')).toBe(true);
            for (const x of p.silos.filter((y) => !y.external)) {
              const y = x.years[t]!;
              expect(y.scenario_gap!.minus(y.baseline_gap!.minus(y.net_cashable)).abs().lessThan('1e-20')).toBe(true);
            }
          }
          const parties = p.settlement.filter((r) => r.kind !== 'funder');
          expect(sum(parties.map((r) => r.transfer)).abs().lessThan('1e-20')).toBe(true);
          expect(p.settlement.filter((r) => r.kind === 'funder').every((r) => r.transfer.isZero() && r.gains.isZero())).toBe(true);
          expect(p.summary.partners_npv_cashable!.minus(p.summary.npv_cashable!).minus(p.summary.pv_external_funding!).abs().lessThan('1e-20')).toBe(true);
          return D.abs(p.summary.pv_costs!).greaterThanOrEqualTo(0);
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });
});
