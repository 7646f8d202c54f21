import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const BUDGETS = 'fixtures/example/budgets.csv';

describe('validate -s: scenarios checked against the budgets', () => {
  it('accepts the bundled scenarios and says what each models', async () => {
    const r = await cli(['validate', BUDGETS, '-s', 'fixtures/example/whole-place.yaml', '-s', 'fixtures/example/uncertain.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/whole-place\.yaml: valid scenario "Whole-place pool" for Lambridge, Eastmoor, 2025\/26 to 2034\/35, 3 interventions/);
    expect(r.stderr).toMatch(/uncertain\.yaml: .* 16 uncertain values/);
  });

  it('finds a scenario that is valid alone but not with these budgets (65), located', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-validate-'));
    const s = join(dir, 'pool.yaml');
    writeFileSync(s, 'name: Transport\nbase_year: 2024\n');
    const r = await cli(['validate', BUDGETS, '-s', s]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/pool\.yaml:2:12 \(base_year\): Lambridge has no budget rows for the base year 2024\/25/);
  });
});

describe('base_year written as a financial year', () => {
  it('is range-checked like a plain year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-validate-'));
    for (const y of ['0999/00', '9999/00']) {
      const s = join(dir, 'y.yaml');
      writeFileSync(s, `name: Years\nbase_year: ${y}\n`);
      const r = await cli(['validate', BUDGETS, '-s', s]);
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/y\.yaml:2:12 \(base_year\): `base_year` is the text "\d{4}\/00", but it must be a whole number from 1000 to 9998/);
    }
  });
});
