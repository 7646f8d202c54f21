// --fail-if on run and compare: the batch expectation language on the command line.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, otherThanAfterHorizon } from '../helpers/cli.js';

const FIX = 'test/fixtures/batch';
const BUDGETS = `${FIX}/budgets.csv`;
const FAMILY = `${FIX}/scenarios/family.yaml`;
const CAUTIOUS = `${FIX}/scenarios/cautious.yaml`;

describe('run --expect', () => {
  it('exits 0 when every expression holds, with the report as usual', async () => {
    const plain = await cli(['run', BUDGETS, '-s', FAMILY, '--place', 'Southmere', '-f', 'csv']);
    const r = await cli(['run', BUDGETS, '-s', FAMILY, '--place', 'Southmere', '-f', 'csv', '--expect', 'npv_cashable >= 0', '--expect', 'payback_t <= 6']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
  });

  it('exits 1 after writing the report when one fails, naming the place and the value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-failif-'));
    const out = join(dir, 'report.csv');
    const r = await cli(['run', BUDGETS, '-s', FAMILY, '-o', out, '--expect', 'payback_t <= 1', '--expect', 'npv_cashable >= 2000000']);
    expect(r.code).toBe(1);
    // each place and `all places` is checked: the expected failures, from the report's own summary rows
    const long = await cli(['run', BUDGETS, '-s', FAMILY, '-f', 'csv', '--layout', 'long']);
    const summary = long.stdout.split('\n').filter((l) => l.includes(',summary,'));
    const value = (place: string, m: string) => summary.find((l) => l.startsWith(`${place},`) && l.includes(`,${m},`))!.split(',').pop()!;
    const failures: string[] = [];
    for (const [place, shown] of [['Northbrook', 'Northbrook'], ['Southmere', 'Southmere'], ["'=Eastwick", '=Eastwick'], ['all places', 'all places']] as const) {
      const parts: string[] = [];
      if (Number(value(place, 'payback_t')) > 1) parts.push(`payback_t <= 1 (was ${value(place, 'payback_t')})`);
      if (Number(value(place, 'npv_cashable')) < 2000000) parts.push(`npv_cashable >= 2000000 (was ${value(place, 'npv_cashable')})`);
      if (parts.length) failures.push(`${shown}: ${parts.join('; ')}`);
    }
    expect(failures.length).toBeGreaterThan(1);
    expect(otherThanAfterHorizon(r.stderr)).toBe(`placepool: error: --expect not met in ${failures.length} places:\n${failures.map((f) => `  ${f}\n`).join('')}`);
    // the report was written all the same
    expect(readFileSync(out, 'utf8')).toContain('npv_cashable');
  });

  it('is a usage error (exit 2), before any work, when badly written', async () => {
    for (const option of ['--expect', '--fail-if']) {
      for (const expr of ['npv_cashable >> 0', 'npv >= 0', 'npv_cashable.p10 >= 0', 'payback_t = 3']) {
        const r = await cli(['run', BUDGETS, '-s', FAMILY, '-f', 'csv', option, expr]);
        expect([expr, r.code]).toEqual([expr, 2]);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(new RegExp(`^placepool: usage error: ${option} "${expr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": `));
      }
    }
  });
});

describe('run --fail-if: fails when the condition holds', () => {
  it("--fail-if 'npv_cashable < 0' passes a case that makes money and fails one that loses it", async () => {
    const makes = await cli(['run', BUDGETS, '-s', FAMILY, '--place', 'Southmere', '-f', 'csv', '--fail-if', 'npv_cashable < 0']);
    expect(otherThanAfterHorizon(makes.stderr)).toBe('');
    expect(makes.code).toBe(0);
    const loses = await cli(['run', BUDGETS, '-s', CAUTIOUS, '--place', 'Northbrook', '-f', 'csv', '--fail-if', 'npv_cashable < 0']);
    expect(loses.code).toBe(1);
    expect(loses.stderr).toMatch(/\nplacepool: error: --fail-if condition met: Northbrook: npv_cashable < 0 \(was -\d+\.\d\d\)\n$/);
    expect(loses.stdout).not.toBe('');
  });
});

describe('compare --expect and --fail-if', () => {
  it('checks every scenario and names the one that fails', async () => {
    const r = await cli(['compare', BUDGETS, '-s', FAMILY, '-s', CAUTIOUS, '--place', 'Northbrook', '-f', 'csv', '--expect', 'npv_cashable > 0']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toBe('');
    expect(r.stderr).toMatch(/\nplacepool: error: --expect not met: Northbrook \(Cautious health and care pool\): npv_cashable > 0 \(was -\d+\.\d\d\)\n$/);
    const f = await cli(['compare', BUDGETS, '-s', FAMILY, '-s', CAUTIOUS, '--place', 'Northbrook', '-f', 'csv', '--fail-if', 'npv_cashable <= 0']);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/\nplacepool: error: --fail-if condition met: Northbrook \(Cautious health and care pool\): npv_cashable <= 0 \(was -\d+\.\d\d\)\n$/);
  });
});
