import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { cli, otherThanAfterHorizon } from '../helpers/cli.js';
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
      expect(otherThanAfterHorizon(r.stderr)).toBe('');
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
    expect(lam.measures.npv_cashable.differences[1]).toBe(Number(diff.toFixed(2)));
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

describe('compare: scenarios that are not like for like', () => {
  it('warns when the horizons or price bases differ, naming each scenario\'s, and says nothing when they agree', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'placepool-compare-'));
    const long = join(dir, 'long.yaml');
    writeFileSync(long, readFileSync(WHOLE, 'utf8').replace('name: Whole-place pool', 'name: Fifteen years').replace('horizon: 10', 'horizon: 15\nprice_base: 2024'));
    const r = await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'the scenarios have different horizons (Whole-place pool: 10 years; Fifteen years: 15 years): a longer horizon counts more years of costs and savings, so the differences are not like for like',
    );
    expect(r.stderr).toContain('the scenarios have different price bases (Whole-place pool: 2025/26 prices; Fifteen years: 2024/25 prices)');
    expect(r.stderr).not.toContain('different base years');
    // under --strict they are errors; the same two scenarios twice raise none of them
    expect((await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'csv', '--strict'])).code).toBe(65);
    const same = await cli(['compare', BUDGETS, '-s', WHOLE, '-s', CAUTIOUS, '-f', 'csv']);
    expect(same.stderr).not.toMatch(/the scenarios have different/);
    // the Markdown report lists them under Notes
    const md = await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'md', '-q']);
    expect(md.stdout).toContain('- the scenarios have different horizons (Whole-place pool: 10 years; Fifteen years: 15 years)');
  });

  it('warns when the base years differ', async () => {
    const { compareWarnings } = await import('../../src/report/compare.js');
    type R = Parameters<typeof compareWarnings>[0][number];
    const r = (scenario: string, baseYear: number): R => ({ scenario, horizon: 10, baseYear, priceBase: 2025 }) as unknown as R;
    expect(compareWarnings([r('A', 2025), r('B', 2026)]).map((w) => [w.code, w.message])).toEqual([
      ['compare-base-years', 'the scenarios have different base years (A: 2025/26; B: 2026/27): their present values are discounted to different years, so the differences are not like for like'],
    ]);
    expect(compareWarnings([r('A', 2025), r('B', 2025)])).toEqual([]);
  });
});
