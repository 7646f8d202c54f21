// Draws whose floating-point evaluation overflows (values near 1e300) are left out of the statistics, with a
// warning, rather than crashing the histogram or turning every statistic into Infinity.
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanOf, present } from '../../src/uncertainty/stats.js';
import { cli } from '../helpers/cli.js';

describe('overflowing draws', () => {
  it('present() keeps only finite values, in order', () => {
    expect([...present(new Float64Array([1, NaN, Infinity, 2, -Infinity, 3]))]).toEqual([1, 2, 3]);
  });

  it('meanOf() stays finite when the sum would overflow', () => {
    const big = new Float64Array([1e308, 1e308, 1e308]);
    expect(meanOf(big)).toBeCloseTo(1e308, -300);
    expect(meanOf(new Float64Array([1, 2, 3, 4]))).toBe(2.5);
  });

  it('simulate warns and reports the finite draws (no crash) when some draws overflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-overflow-'));
    copyFileSync('fixtures/example/budgets.csv', join(dir, 'budgets.csv'));
    const text = readFileSync('fixtures/example/uncertain.yaml', 'utf8')
      .replace('reinvest: { uniform: [0.25, 0.75] }', 'reinvest: 0')
      .replace('      housing: 2470\n', '      housing: 2470\n      justice: { uniform: [1e303, 1e305] }\n')
      .replace('housing: 0.4 }', 'housing: 0.4, justice: 1.0 }');
    expect(text).toMatch(/justice: 1\.0/);
    writeFileSync(join(dir, 'inf.yaml'), text);
    const r = await cli(['simulate', 'budgets.csv', '-s', 'inf.yaml', '--place', 'Lambridge', '--draws', '200', '--jobs', '1', '-f', 'csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/of 200 draws could not be computed/);
    expect(r.stdout).not.toMatch(/Infinity|NaN/);
  });
});
