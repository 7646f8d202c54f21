// run's long CSV on three places with money in the prices of other years, some of it uncertain (distributions
// in converted amounts), checked against figures worked out by hand from the bundled deflators
// (fixtures/data/gdp-deflators.csv: 2008 66.89, 2012 71.9294, 2013 73.4795, 2019 81.1085, 2024 100).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { cli } from '../helpers/cli.js';

const DIR = 'test/fixtures/v12/three-places';
const at2024 = (amount: number, index: string) => new D(amount).times(100).dividedBy(index);

describe('run --format csv --layout long: three places, price years, distributions in converted amounts', () => {
  // cost per participant £1,000 at 2012/13 prices; £10,000 invested in year 0 (price-base pounds)
  const participants = new D(10000).dividedBy(at2024(1000, '71.9294'));
  // success rate 0.5, deadweight 0.2, no optimism bias: net successes in year 0, each lasting two years
  const successes = participants.times('0.5').times('0.8');
  // the centres of the distributions, converted: triangular mode £500 at 2013/14 (health), uniform middle
  // £200 at 2008/09 (social care), normal mean £300 at 2019/20 (social value)
  const health = at2024(500, '73.4795');
  const care = at2024(200, '66.89');
  const social = at2024(300, '81.1085');
  const perYear = {
    avoided: successes.times(health.plus(care)),
    cashable: successes.times(health.times('0.5').plus(care)),
    social: successes.times(social),
  };

  it('gives each place the hand-computed figures, and all places their sum', async () => {
    const r = await cli(['run', `${DIR}/budgets.csv`, '-s', `${DIR}/scenario.yaml`, '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const value = (place: string, table: string, entity: string, t: string, measure: string) => {
      const found = rows.filter((x) => x.place === place && x.table === table && x.entity === entity && x.t === t && x.measure === measure);
      expect(found).toHaveLength(1);
      return found[0]!.value;
    };
    expect([...new Set(rows.map((x) => x.place))]).toEqual(['North', 'Middle', 'South', 'all places']);
    // the figures by hand: 2.877176 net successes; £979.46 avoided per success a year
    expect(successes.toFixed(6)).toBe('2.877176');
    expect(health.plus(care).toFixed(2)).toBe('979.46');
    for (const place of ['North', 'Middle', 'South']) {
      for (const t of ['0', '1']) {
        expect(value(place, 'yearly', 'all', t, 'avoided_cost')).toBe(perYear.avoided.toFixed(2));
        expect(value(place, 'yearly', 'health', t, 'avoided_cost')).toBe(successes.times(health).toFixed(2));
        expect(value(place, 'yearly', 'social_care', t, 'avoided_cost')).toBe(successes.times(care).toFixed(2));
        expect(value(place, 'yearly', 'all', t, 'social_value')).toBe(perYear.social.toFixed(2));
      }
      expect(value(place, 'yearly', 'all', '0', 'avoided_cost')).toBe('2818.08');
      // no discounting: the present values are the two years' sums
      expect(value(place, 'summary', '', '', 'pv_costs')).toBe('10000.00');
      expect(value(place, 'summary', '', '', 'pv_fiscal_benefits')).toBe(perYear.avoided.times(2).toFixed(2));
      expect(value(place, 'summary', '', '', 'pv_cashable_benefits')).toBe(perYear.cashable.times(2).toFixed(2));
      expect(value(place, 'summary', '', '', 'npv_cashable')).toBe(perYear.cashable.times(2).minus(10000).toFixed(2));
      expect(value(place, 'summary', '', '', 'pv_social_benefits')).toBe(perYear.social.times(2).toFixed(2));
      expect(value(place, 'summary', '', '', 'npv_public_value')).toBe(perYear.avoided.plus(perYear.social).times(2).minus(10000).toFixed(2));
    }
    // all places: the sums of the three places' flows
    expect(value('all places', 'summary', '', '', 'pv_costs')).toBe('30000.00');
    expect(value('all places', 'summary', '', '', 'pv_fiscal_benefits')).toBe(perYear.avoided.times(6).toFixed(2));
    expect(value('all places', 'summary', '', '', 'npv_public_value')).toBe(perYear.avoided.plus(perYear.social).times(6).minus(30000).toFixed(2));
  });
});
