// Draws whose floating-point evaluation overflows (values near 1e300) are left out of the statistics rather
// than crashing the histogram or turning every statistic into Infinity. A scenario file cannot reach such
// values (money is at most £1,000 trillion), so the simulation is given one directly.
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { readBudgets } from '../../src/io/budgets.js';
import { loadScenario } from '../../src/io/scenario.js';
import { simulate } from '../../src/uncertainty/simulate.js';
import { meanOf, present } from '../../src/uncertainty/stats.js';
import { cli, ROOT } from '../helpers/cli.js';

describe('overflowing draws', () => {
  it('present() keeps only finite values, in order', () => {
    expect([...present(new Float64Array([1, NaN, Infinity, 2, -Infinity, 3]))]).toEqual([1, 2, 3]);
  });

  it('meanOf() stays finite when the sum would overflow', () => {
    const big = new Float64Array([1e308, 1e308, 1e308]);
    expect(meanOf(big)).toBeCloseTo(1e308, -300);
    expect(meanOf(new Float64Array([1, 2, 3, 4]))).toBe(2.5);
  });

  it('refuses a money value beyond £1,000 trillion, so a scenario cannot reach values that overflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-overflow-'));
    copyFileSync('fixtures/example/budgets.csv', join(dir, 'budgets.csv'));
    writeFileSync(join(dir, 'inf.yaml'), overflowing());
    const r = await cli(['simulate', 'budgets.csv', '-s', 'inf.yaml', '--place', 'Lambridge', '--draws', '200', '--jobs', '1', '-f', 'csv'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/the central value \(the midpoint, 5\.05e\+304\) of `avoided_cost_per_success\.justice` is outside its valid range: from £0 to £1,000 trillion/);
  });

  it('leaves out the draws that overflow and keeps the finite ones (a value beyond the reader\'s bound, set directly)', async () => {
    const io = { stdin: process.stdin, cwd: ROOT, stdout: process.stdout, stderr: process.stderr, env: {} };
    const budgets = await readBudgets('fixtures/example/budgets.csv', io);
    // read as a file is, with the deflators and unit costs its money forms need
    const dir = mkdtempSync(join(tmpdir(), 'placepool-overflow-'));
    writeFileSync(join(dir, 'inf.yaml'), overflowing('{ uniform: [1, 2] }'));
    const scenario = await loadScenario(join(dir, 'inf.yaml'), io);
    // half of the draws are finite, half overflow: beyond what a scenario file may hold
    const uncertain = scenario.uncertain.map((u) =>
      u.path.endsWith('avoided_cost_per_success.justice') ? { ...u, dist: { kind: 'uniform' as const, low: new D(0), high: new D('1e305') }, max: null } : u,
    );
    expect(uncertain.some((u) => u.max === null)).toBe(true);
    const result = await simulate(budgets, { ...scenario, uncertain }, { draws: 200, seed: 1, jobs: 1, places: ['Lambridge'] });
    const npv = result.entities[0]!.measures.find((m) => m.measure === 'npv_cashable')!;
    expect(npv.count).toBeGreaterThan(0);
    expect(npv.count).toBeLessThan(200);
    expect(Number.isFinite(npv.mean ?? NaN)).toBe(true);
  });
});

/** The uncertain example with an avoided cost to `justice` of `value` (by default far beyond any budget). */
function overflowing(value = '{ uniform: [1e303, 1e305] }'): string {
  const text = readFileSync('fixtures/example/uncertain.yaml', 'utf8')
    .replace('reinvest: { uniform: [0.25, 0.75] }', 'reinvest: 0')
    .replace('      housing: { unit_cost: PP.DV }\n', `      housing: { unit_cost: PP.DV }\n      justice: ${value}\n`)
    .replace('housing: 0.4 }', 'housing: 0.4, justice: 1.0 }');
  expect(text).toMatch(/justice: 1\.0/);
  return text;
}
