import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { cli } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const BUDGETS = 'fixtures/example/budgets.csv';
const WHOLE = 'fixtures/example/whole-place.yaml';
const CAUTIOUS = 'fixtures/example/cautious-health-care.yaml';
const DATE = { SOURCE_DATE_EPOCH: '1767225600' };

describe('compare: golden reports', () => {
  const cases: [string, string[]][] = [
    ['compare.txt', []],
    ['compare-wide.csv', ['-f', 'csv']],
    ['compare-long.csv', ['-f', 'csv', '--layout', 'long']],
    ['compare.json', ['-f', 'json']],
    ['compare.md', ['-f', 'md']],
    ['compare.html', ['-f', 'html']],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      const r = await cli(['compare', BUDGETS, '-s', CAUTIOUS, '-s', WHOLE, ...args], { env: DATE });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`compare/${name}`, r.stdout);
    });
  }
});

describe('compare: figures', () => {
  it('agrees with run for each scenario, and the difference is the second minus the first', async () => {
    const cmp = JSON.parse((await cli(['compare', BUDGETS, '-s', CAUTIOUS, '-s', WHOLE, '-f', 'json'])).stdout);
    const a = JSON.parse((await cli(['run', BUDGETS, '-s', CAUTIOUS, '-f', 'json'])).stdout).result.places[0].summary;
    const b = JSON.parse((await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'json'])).stdout).result.places[0].summary;
    const lam = cmp.result.places.find((p: { place: string }) => p.place === 'Lambridge');
    expect(lam.measures.npv_cashable.values).toEqual([a.npv_cashable, b.npv_cashable]);
    const diff = new D(String(b.npv_cashable)).minus(String(a.npv_cashable));
    // the difference is of the exact figures, rounded once: at most a penny from the difference of the rounded ones
    expect(Math.abs(lam.measures.npv_cashable.differences[1] - Number(diff.toFixed(2)))).toBeLessThanOrEqual(0.0100001);
    // the cautious scenario models Lambridge only: Eastmoor has no value for it
    const east = cmp.result.places.find((p: { place: string }) => p.place === 'Eastmoor');
    expect(east.measures.npv_cashable.values[0]).toBeNull();
    expect(east.measures.npv_cashable.differences[1]).toBeNull();
  });

  it('needs at least two scenarios', async () => {
    const r = await cli(['compare', BUDGETS, '-s', WHOLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least two scenarios/);
  });

  it('needs a scenario at all', async () => {
    const r = await cli(['compare', BUDGETS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--scenario/);
  });
});
