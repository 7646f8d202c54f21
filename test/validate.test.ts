import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const EXAMPLE = 'fixtures/example/budgets.csv';

describe('placepool validate', () => {
  it('prints what it found on success (exit 0)', async () => {
    const r = await cli(['validate', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('fixtures/example/budgets.csv: valid budgets, 56 lines');
    expect(r.stdout).toMatch(/places {2}2: Lambridge \(41\), Eastmoor \(15\)/);
    expect(r.stdout).toMatch(/years {3}3: 2025\/26, 2026\/27, 2027\/28/);
    expect(r.stdout).toMatch(/silos {3}5: childcare, employment, health, housing, social_care/);
    expect(r.stdout).toMatch(/ignored columns: none/);
    // 2025/26: Lambridge 1,127,550,000 + Eastmoor 395,800,000
    expect(r.stdout).toMatch(/2025\/26 │ +49 │ £1,523,350,000\.00/);
    expect(r.stdout).toMatch(/sum +│ +56 │ £2,067,050,000\.00/);
  });

  it('lists ignored columns', async () => {
    const r = await cli(['validate', 'test/fixtures/budgets/odd-header.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ignored columns: "Notes"/);
  });

  it('writes its findings as JSON, with the input hash', async () => {
    const r = await cli(['validate', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const j = json.result;
    expect(j.valid).toBe(true);
    expect(j.lines).toBe(56);
    expect(j.total_amount).toBe(2067050000);
    expect(j.years.map((y: { label: string }) => y.label)).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(json.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stdout).toContain('"total_amount": 2067050000.00');
  });

  it('writes problems as JSON too, and exits 65 with a short message', async () => {
    const r = await cli(['validate', 'test/fixtures/budgets/many-problems.csv', '-f', 'json']);
    expect(r.code).toBe(65);
    const json = JSON.parse(r.stdout);
    const j = json.result;
    expect(j.valid).toBe(false);
    expect(j.problems).toHaveLength(8);
    expect(j.problems[0]).toMatchObject({ line: 2, column: 5, message: 'unknown stage "reactiv"; did you mean reactive?' });
    expect(j.problems[0].hint).toMatch(/reactive/);
    expect(json.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stderr).toMatch(/is not valid: 8 problems, listed in the JSON report/);
  });

  it('reads stdin with -', async () => {
    const r = await cli(['validate', '-'], { stdin: 'place,year,silo,service,stage,amount\nX,2025,health,A,reactive,5\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/<stdin>: valid budgets, 1 line/);
  });

  it('checks that a scenario file exists, and checks the scenario itself', async () => {
    const missing = await cli(['validate', EXAMPLE, '-s', 'no-such-scenario.yaml']);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/cannot open no-such-scenario\.yaml: no such file/);
    const found = await cli(['validate', EXAMPLE, '-s', 'example:whole-place.yaml']);
    expect(found.code).toBe(0);
    expect(found.stderr).toMatch(/example:whole-place\.yaml: valid scenario "Whole-place pool"/);
    const bad = await cli(['validate', EXAMPLE, '-s', 'test/fixtures/scenarios/bad/horizon-0.yaml']);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/horizon-0\.yaml:2:10 \(horizon\): `horizon` is 0, outside its valid range/);
  });

  it('warns on a silo that is nearly a mission silo, and fails under --strict', async () => {
    const text = 'place,year,silo,service,stage,amount\nX,2025,helth,A,reactive,5\n';
    const r = await cli(['validate', '-'], { stdin: text });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/<stdin>:2: the silo "helth" is read as a silo of its own, not as health; did you mean health\?/);
    const strict = await cli(['validate', '--strict', '-'], { stdin: text });
    expect(strict.code).toBe(65);
  });

  it('caps the list at 100 problems and says how many more', async () => {
    const rows = ['place,year,silo,service,stage,amount'];
    for (let i = 0; i < 150; i++) rows.push(`X,2025,health,S${i},reactive,bad`);
    const r = await cli(['validate', '-'], { stdin: rows.join('\n') });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/150 problems in <stdin>/);
    expect(r.stderr).toMatch(/\.\.\. and 50 more problems \(only the first 100 are listed\)/);
    expect(r.stderr).toContain('<stdin>:101:6');
    expect(r.stderr).not.toContain('<stdin>:102:6');
  });

  it('rejects table-only formats it cannot write (exit 2)', async () => {
    const r = await cli(['validate', EXAMPLE, '-f', 'csv']);
    expect(r.code).toBe(2);
  });
});
