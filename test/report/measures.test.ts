// The one table of measures: every measure the model produces has words for each format and a kind, and the
// kind agrees with the precision the model's precisionOf gives (CSV, JSON, batch and expectations use that).
import { describe, expect, it } from 'vitest';
import {
  ALL_EXTRA_MEASURES,
  ENVELOPE_MEASURES,
  EXTERNAL_YEARLY_MEASURES,
  FUNDER_MEASURES,
  INTERVENTION_MEASURES,
  SETTLEMENT_MEASURES,
  SUMMARY_MEASURES,
  YEARLY_MEASURES,
  precisionOf,
} from '../../src/model/types.js';
import { KIND_PRECISION, MEASURE_KINDS, MEASURES, kindOf, labelOf, statisticPrecision, type LabelStyle } from '../../src/report/measures.js';
import { yearsDifference } from '../../src/report/numbers.js';

const GROUPS: Record<string, readonly string[]> = {
  summary: SUMMARY_MEASURES,
  yearly: YEARLY_MEASURES,
  external: EXTERNAL_YEARLY_MEASURES,
  'place only': ALL_EXTRA_MEASURES,
  settlement: SETTLEMENT_MEASURES,
  intervention: INTERVENTION_MEASURES,
  funder: FUNDER_MEASURES,
  envelope: ENVELOPE_MEASURES,
};
const ALL = [...new Set(Object.values(GROUPS).flat())];
const STYLES: LabelStyle[] = ['html', 'text', 'short', 'xlsx'];

describe('the table of measures', () => {
  for (const [group, measures] of Object.entries(GROUPS)) {
    it(`gives every ${group} measure words in each format and a kind`, () => {
      for (const m of measures) {
        expect(Object.hasOwn(MEASURES, m), m).toBe(true);
        for (const style of STYLES) {
          const words = labelOf(m, style);
          expect(words.trim().length, `${m} ${style}`).toBeGreaterThan(0);
          expect(words, `${m} ${style} is the bare name`).not.toBe(m);
        }
        expect(MEASURE_KINDS, m).toContain(kindOf(m));
      }
    });

    it(`never gives two ${group} measures the same words in one format`, () => {
      for (const style of STYLES) {
        const words = measures.map((m) => labelOf(m, style));
        expect(new Set(words).size, `${group} ${style}: ${words.join(' | ')}`).toBe(words.length);
      }
    });
  }

  it('holds no measure the model does not produce', () => {
    expect(Object.keys(MEASURES).sort()).toEqual([...ALL].sort());
  });

  it('agrees with precisionOf for every measure, the year index t and an unknown name', () => {
    for (const m of [...ALL, 't', 'amount', 'no_such_measure']) expect(KIND_PRECISION[kindOf(m)], m).toBe(precisionOf(m));
  });

  it('knows each measure\'s kind of number: money, shares, returns, the discount factor, net successes, the payback year', () => {
    const expected: Record<string, string> = {
      pv_costs: 'money',
      npv_cashable: 'money',
      peak_funding_requirement: 'money',
      cumulative_net_cashable: 'money',
      pv_net_cashable: 'money',
      cost_per_success: 'money',
      net_after: 'money',
      cashable_roi: 'roi',
      fiscal_roi: 'roi',
      public_value_roi: 'roi',
      final_baseline_prevention_share: 'share',
      final_scenario_prevention_share: 'share',
      baseline_prevention_share: 'share',
      scenario_prevention_share: 'share',
      discount_factor: 'factor',
      net_successes: 'count',
      payback_t: 'year',
      t: 'year',
      no_such_measure: 'money',
    };
    for (const [m, kind] of Object.entries(expected)) expect(kindOf(m), m).toBe(kind);
    // every measure that is not one of the above is money
    for (const m of ALL.filter((x) => !(x in expected))) expect(kindOf(m), m).toBe('money');
  });

  it('keeps each format its own words', () => {
    expect(labelOf('npv_cashable', 'html')).toBe('Net present value, cashable');
    expect(labelOf('npv_cashable')).toBe('Net present value (cashable)');
    expect(labelOf('npv_cashable', 'short')).toBe('NPV (cashable)');
    expect(labelOf('npv_cashable', 'xlsx')).toBe('Net present value (cashable)');
    expect(labelOf('payback_t', 'xlsx')).toBe('Payback (year index t)');
    expect(labelOf('payback_t', 'short')).toBe('Payback (year index)');
    expect(labelOf('investment', 'html')).toBe('Investment borne');
    expect(labelOf('investment')).toBe('Investment in prevention');
    // no short words of its own: the table's
    expect(labelOf('transfer', 'short')).toBe('Transfer');
    expect(labelOf('net_before', 'short')).toBe('Net before');
  });

  it('shows a name that is not a measure as it is', () => {
    for (const style of STYLES) expect(labelOf('draws', style)).toBe('draws');
    expect(labelOf('toString')).toBe('toString');
    expect(kindOf('toString')).toBe('money');
  });
});

describe('statisticPrecision', () => {
  it('gives probabilities and fractional payback years 6 dp, and every other statistic its measure\'s precision', () => {
    expect(statisticPrecision('npv_cashable', 'prob_positive')).toBe('ratio');
    expect(statisticPrecision('payback_t', 'prob_never')).toBe('ratio');
    expect(statisticPrecision('payback_t', 'mean')).toBe('ratio');
    expect(statisticPrecision('payback_t', 'p50')).toBe('ratio');
    expect(statisticPrecision('payback_t')).toBe('ratio');
    expect(statisticPrecision('npv_cashable', 'p10')).toBe('money');
    expect(statisticPrecision('cashable_roi', 'mean')).toBe('ratio');
    expect(statisticPrecision('final_scenario_prevention_share', 'p90')).toBe('ratio');
  });
});

describe('yearsDifference', () => {
  it('says year for one and years otherwise, with the sign', () => {
    expect(yearsDifference(1)).toBe('+1 year');
    expect(yearsDifference(-1)).toBe('-1 year');
    expect(yearsDifference(2)).toBe('+2 years');
    expect(yearsDifference(-3)).toBe('-3 years');
    expect(yearsDifference(0)).toBe('0 years');
  });
});
