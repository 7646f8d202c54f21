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
    expect(r.stderr).toMatch(/uncertain\.yaml: .* 14 uncertain values/);
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
