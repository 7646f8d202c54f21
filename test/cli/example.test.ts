// The bundled example (what `npm start` and `placepool example DIR` show) uses the v1.2 money forms: values
// in the prices of their year, unit costs from the bundled library, and public value; a copy of its files runs
// on its own, giving the same report.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { loadScenario } from '../../src/io/scenario.js';
import { cli, ROOT } from '../helpers/cli.js';

const io = (cwd: string) => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: {}, cwd });
// the bundled GDP deflators (fixtures/data/gdp-deflators.csv): 2024 = 100
const INDEX: Record<number, string> = { 2008: '66.89', 2012: '71.9294', 2013: '73.4795', 2014: '74.6524', 2019: '81.1085' };
const at2024 = (amount: string | number, year: number) => new D(String(amount)).times(100).dividedBy(INDEX[year]!);

describe('the bundled example', () => {
  it('writes prices, unit costs and public value in its whole-place scenario, converted to 2024/25 prices', async () => {
    const s = await loadScenario('fixtures/example/whole-place.yaml', io(ROOT));
    expect([s.priceBase, s.baseYear]).toEqual([2024, 2025]);
    const [family, childcare, reablement] = s.interventions;
    // {amount: 5214, price_year: 2014/15}
    expect(family!.costPerParticipant.equals(at2024(5214, 2014))).toBe(true);
    // {unit_cost: E&E1.0.1, times: 0.5}: half of £9,234 at 2012/13 prices; {unit_cost: PP.DV}: £2,470 at 2008/09
    expect(family!.avoidedCost.get('employment')!.equals(at2024(4617, 2012))).toBe(true);
    expect(family!.avoidedCost.get('housing')!.equals(at2024(2470, 2008))).toBe(true);
    // social value {amount: 2600, price_year: 2019/20}; economic value {unit_cost: E&E1.0, times: 0.5}: £7,022 at 2012/13
    expect(family!.socialValue.equals(at2024(2600, 2019))).toBe(true);
    expect(family!.economicValue.equals(at2024(7022, 2012))).toBe(true);
    expect(childcare!.economicValue.toFixed(2)).toBe(at2024(14044, 2012).toFixed(2));
    expect(childcare!.economicValue.toFixed(2)).toBe('19524.70');
    // {unit_cost: PP.REABLEMENT}: £2,046 at 2012/13 is £2,844.45 at 2024/25; PP.NEL x 1.5: £1,542 x 1.5 at 2013/14
    expect(reablement!.costPerParticipant.toFixed(2)).toBe('2844.46');
    expect(reablement!.avoidedCost.get('health')!.equals(at2024(2313, 2013))).toBe(true);
    expect(s.inputs?.map((i) => i.name)).toEqual(['bundled:unit-costs.csv', 'bundled:gdp-deflators.csv']);
  });

  it('`npm start` (run with no arguments) states the price base and shows both returns and the public value', async () => {
    const r = await cli(['run']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('2024/25 prices, discounted to 2025/26 (converted with HM Treasury GDP deflator');
    expect(r.stdout).toMatch(/Net present public value +│ +£[\d,.]+ +│/);
    expect(r.stdout).toMatch(/Financial and public value returns +│ +\d\.\d\d : 1 and \d\.\d\d : 1 +│/);
  });

  it('`placepool example DIR` copies every file the scenarios need: a copy runs on its own, with the same figures', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'placepool-example-')), 'ex');
    expect((await cli(['example', dir])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(readdirSync(join(ROOT, 'fixtures/example')).sort());
    for (const name of ['whole-place', 'uncertain', 'cautious-health-care', 'early-years']) {
      const copy = await cli(['run', 'budgets.csv', '-s', `${name}.yaml`, '-f', 'csv', '--layout', 'long'], { cwd: dir });
      const bundled = await cli(['run', 'example:budgets.csv', '-s', `example:${name}.yaml`, '-f', 'csv', '--layout', 'long']);
      expect(copy.code).toBe(0);
      expect(copy.stdout).toBe(bundled.stdout);
    }
  });
});
