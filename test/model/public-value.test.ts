// Public value by hand: economic and social value on the avoided cost's time profile, displacement, and
// transfer payments left out of public value (docs/method.md, "Public value"). Every expected figure below
// is worked out in the comments, as an analyst would check a spreadsheet.
import { describe, expect, it } from 'vitest';
import { runModel } from '../../src/model/engine.js';
import { plainMeasure } from '../../src/report/numbers.js';
import { makeBudgets, makeScenario } from '../helpers/model.js';

const shown = (measure: string, v: Parameters<typeof plainMeasure>[1]) => plainMeasure(measure, v);

describe('public value', () => {
  // A JSA claimant entering work: DWP saves £9,234 a year in benefits (a transfer), the NHS £566, and the economy
  // gains £14,044. 100 net successes in year 0, one year of benefit, no discounting in year 0.
  const budgets = makeBudgets([
    ['P', 2025, 'employment', 'Benefits', 'reactive', '10000000'],
    ['P', 2025, 'health', 'Acute', 'reactive', '10000000'],
  ]);
  const jsa = (displacement: string) =>
    makeScenario({
      horizon: 1,
      discount: 0,
      pool: { employment: 1 },
      fixed: [100000],
      interventions: [
        {
          name: 'Into work',
          cost_per_participant: 1000, // 100 participants
          success_rate: 1,
          optimism_bias: 0,
          avoided_cost_per_success: { employment: 9234, health: 566 },
          cashable: { employment: 1, health: 1 },
          transfer: { employment: 1 },
          economic_value_per_success: 14044,
          displacement,
        },
      ],
    });

  it('leaves the transfer out: £980,000 fiscal, of which £923,400 is benefits, plus £1,404,400 economic', () => {
    const s = runModel(budgets, jsa('0')).places[0]!.summary;
    expect(shown('pv_costs', s.pv_costs)).toBe('100000.00');
    expect(shown('pv_fiscal_benefits', s.pv_fiscal_benefits)).toBe('980000.00');
    expect(shown('pv_transfers', s.pv_transfers)).toBe('923400.00');
    expect(shown('pv_economic_benefits', s.pv_economic_benefits)).toBe('1404400.00');
    expect(shown('pv_social_benefits', s.pv_social_benefits)).toBe('0.00');
    // 980,000 - 923,400 + 1,404,400
    expect(shown('pv_public_value', s.pv_public_value)).toBe('1461000.00');
    expect(shown('npv_public_value', s.npv_public_value)).toBe('1361000.00');
    expect(shown('public_value_roi', s.public_value_roi)).toBe('14.610000');
    // the transfer is still fiscal and cashable: DWP really pays out less
    expect(shown('npv_cashable', s.npv_cashable)).toBe('880000.00');
  });

  it('takes displacement off the economic value only', () => {
    const s = runModel(budgets, jsa('0.25')).places[0]!.summary;
    // 1,404,400 x 0.75
    expect(shown('pv_economic_benefits', s.pv_economic_benefits)).toBe('1053300.00');
    expect(shown('pv_public_value', s.pv_public_value)).toBe('1109900.00');
    expect(shown('pv_fiscal_benefits', s.pv_fiscal_benefits)).toBe('980000.00');
  });

  it("gives the README's three kinds of value: cashable £929,060, fiscal £980,000, public value £1,209,900 for £700,000", () => {
    const scenario = makeScenario({
      horizon: 1,
      discount: 0,
      pool: { employment: 1 },
      fixed: [700000],
      interventions: [
        {
          name: 'Into work',
          cost_per_participant: 7000, // 100 participants, all succeed
          success_rate: 1,
          optimism_bias: 0,
          avoided_cost_per_success: { employment: 9234, health: 566 },
          cashable: { employment: 1, health: 0.1 },
          transfer: { employment: 1 },
          economic_value_per_success: 14044,
          displacement: 0.25,
          social_value_per_success: 1000,
        },
      ],
    });
    const s = runModel(budgets, scenario).places[0]!.summary;
    // 923,400 + 10% of 56,600
    expect(shown('pv_cashable_benefits', s.pv_cashable_benefits)).toBe('929060.00');
    expect(shown('pv_fiscal_benefits', s.pv_fiscal_benefits)).toBe('980000.00');
    // 980,000 - 923,400 + 1,053,300 + 100,000
    expect(shown('pv_public_value', s.pv_public_value)).toBe('1209900.00');
    // 980,000 / 700,000 and 1,209,900 / 700,000 = 1.728429
    expect(shown('cashable_roi', s.cashable_roi)).toBe('1.327229');
    expect(shown('fiscal_roi', s.fiscal_roi)).toBe('1.400000');
    expect(shown('public_value_roi', s.public_value_roi)).toBe('1.728429');
  });

  it('follows the cohorts, lag, duration and drop-off; is not capped; counts transfers after the cap', () => {
    // £10,000 invested in year 0 at £100 each: 100 participants, half succeed, a fifth of those anyway: 40 net
    // successes. Lag 1, duration 2, drop-off 0.5: 40 success-years in year 1, 20 in year 2.
    const small = makeBudgets([['P', 2025, 'health', 'Acute', 'reactive', '15000']]);
    const scenario = makeScenario({
      horizon: 4,
      discount: '0.1',
      pool: { health: 1 },
      fixed: [10000],
      interventions: [
        {
          name: 'K',
          cost_per_participant: 100,
          success_rate: '0.5',
          deadweight: '0.2',
          optimism_bias: 0,
          lag: 1,
          duration: 2,
          drop_off: '0.5',
          avoided_cost_per_success: { health: 500 }, // 20,000 then 10,000; the first capped at 15,000
          cashable: { health: 1 },
          transfer: { health: '0.4' }, // 6,000 then 4,000, after the cap
          economic_value_per_success: 1000,
          displacement: '0.25', // 30,000 then 15,000
          social_value_per_success: 200, // 8,000 then 4,000
        },
      ],
    });
    const r = runModel(small, scenario);
    const p = r.places[0]!;
    expect(p.all.map((y) => shown('economic_value', y.economic_value))).toEqual(['0.00', '30000.00', '15000.00', '0.00']);
    expect(p.all.map((y) => shown('social_value', y.social_value))).toEqual(['0.00', '8000.00', '4000.00', '0.00']);
    expect(p.all.map((y) => shown('avoided_cost', y.avoided_cost))).toEqual(['0.00', '15000.00', '10000.00', '0.00']);
    const s = p.summary;
    // 30,000/1.1 + 15,000/1.21 = 27,272.727... + 12,396.694... = 39,669.421...
    expect(shown('pv_economic_benefits', s.pv_economic_benefits)).toBe('39669.42');
    // 8,000/1.1 + 4,000/1.21 = 7,272.727... + 3,305.785... = 10,578.512...
    expect(shown('pv_social_benefits', s.pv_social_benefits)).toBe('10578.51');
    // 6,000/1.1 + 4,000/1.21 = 5,454.545... + 3,305.785... = 8,760.330...
    expect(shown('pv_transfers', s.pv_transfers)).toBe('8760.33');
    // 15,000/1.1 + 10,000/1.21 = 13,636.363... + 8,264.462... = 21,900.826...
    expect(shown('pv_fiscal_benefits', s.pv_fiscal_benefits)).toBe('21900.83');
    // 21,900.826446 - 8,760.330579 + 39,669.421487 + 10,578.512397 = 63,388.429751
    expect(shown('pv_public_value', s.pv_public_value)).toBe('63388.43');
    expect(shown('npv_public_value', s.npv_public_value)).toBe('53388.43');
    expect(shown('public_value_roi', s.public_value_roi)).toBe('6.338843');
    expect(shown('economic_value_pv', p.interventions[0]!.economic_value_pv)).toBe('39669.42');
    expect(shown('social_value_pv', p.interventions[0]!.social_value_pv)).toBe('10578.51');
    // health pays £10,000 in year 0 and gains from year 1: at most £10,000 out of pocket
    expect(shown('peak_funding', p.settlement[0]!.peak_funding)).toBe('10000.00');
    expect(r.warnings.map((w) => w.code)).toContain('binding-cap');
  });

  it('with no public value fields, public value is the fiscal benefit and the v1.1 figures are unchanged', () => {
    const plain = makeScenario({
      horizon: 3,
      pool: { employment: 1 },
      fixed: [100000],
      interventions: [{ name: 'A', cost_per_participant: 1000, success_rate: '0.5', avoided_cost_per_success: { employment: 9234 }, cashable: { employment: '0.5' } }],
    });
    const s = runModel(budgets, plain).places[0]!.summary;
    expect(s.pv_public_value!.equals(s.pv_fiscal_benefits!)).toBe(true);
    expect(s.pv_economic_benefits!.isZero() && s.pv_social_benefits!.isZero() && s.pv_transfers!.isZero()).toBe(true);
    expect(s.partners_npv_cashable!.equals(s.npv_cashable!)).toBe(true);
    expect(s.partners_peak_funding_requirement!.equals(s.peak_funding_requirement!)).toBe(true);
    expect(s.pv_external_funding!.isZero()).toBe(true);
    expect([s.final_baseline_gap, s.final_scenario_gap, s.cumulative_baseline_gap, s.cumulative_scenario_gap]).toEqual([null, null, null, null]);
  });
});
