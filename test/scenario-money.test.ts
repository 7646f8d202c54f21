// Money in a scenario's price base (docs/method.md, "Prices and unit costs"): `{amount: X, price_year: Y}` and
// `{unit_cost: CODE, times: N, value: KIND}` converted with the deflators, the library a scenario names (the
// bundled one, a unit-cost CSV, a workbook in the Unit Cost Database's layout), the warnings, provenance, and a
// batch that gives the runs of `run`.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { watchedPaths } from '../src/cli/watch.js';
import { D } from '../src/decimal.js';
import { pathFrom } from '../src/io/args.js';
import { bundledDeflators } from '../src/io/deflators.js';
import { loadScenario } from '../src/io/scenario.js';
import { setParam } from '../src/model/params.js';
import { convert } from '../src/model/prices.js';
import type { Scenario } from '../src/model/types.js';
import { ucdWorkbook } from './costs/ucd.js';
import { cli, ROOT } from './helpers/cli.js';

const D2012 = '71.9294';
const D2013 = '73.4795';

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'placepool-money-'));
  copyFileSync(join(ROOT, 'fixtures/example/budgets.csv'), join(dir, 'budgets.csv'));
  return dir;
}

const io = (cwd: string) => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: {}, cwd });

/** A scenario of one intervention, its fields as given (YAML lines, indented under the intervention). */
function scenarioText(top: string[], intervention: string[]): string {
  return [
    'name: Money',
    'base_year: 2025',
    ...top,
    'pool: { health: 0.1, social_care: 1.0 }',
    'investment: { shift: 0.02 }',
    'interventions:',
    '  - name: Family intervention',
    '    confidence: 3',
    '    deadweight: 0.2',
    '    success_rate: 0.5',
    '    duration: 2',
    ...intervention.map((l) => `    ${l}`),
  ].join('\n');
}

async function load(dir: string, text: string, file = 's.yaml'): Promise<Scenario> {
  writeFileSync(join(dir, file), text);
  return loadScenario(join(dir, file), io(ROOT));
}

describe('{amount, price_year}', () => {
  it('converts to the price base exactly: 9234 at 2012/13 prices is 12837.5879... at 2024/25 prices', async () => {
    const s = await load(tmp(), scenarioText(['price_base: 2024'], ['cost_per_participant: {amount: 9234, price_year: 2012}']));
    const expected = new D(9234).times(100).dividedBy(D2012);
    expect(s.interventions[0]!.costPerParticipant.equals(expected)).toBe(true);
    expect(s.interventions[0]!.costPerParticipant.toFixed(10)).toBe('12837.5879682022');
    expect(s.priceBase).toBe(2024);
    expect(s.prices?.deflators).toMatch(/GDP deflator/);
    expect(s.inputs?.map((i) => i.name)).toEqual(['bundled:gdp-deflators.csv']);
  });

  it("gives run's long CSV the figures of the converted number written directly", async () => {
    const dir = tmp();
    const converted = new D(9234).times(100).dividedBy(D2012).toString();
    writeFileSync(join(dir, 'a.yaml'), scenarioText(['price_base: 2024/25'], ['cost_per_participant: {amount: 9234, price_year: 2012/13}', 'avoided_cost_per_success: {social_care: {amount: 8000, price_year: 2013}}', 'cashable: {social_care: 0.5}']));
    const direct = new D(8000).times(100).dividedBy(D2013).toString();
    writeFileSync(join(dir, 'b.yaml'), scenarioText([], [`cost_per_participant: ${converted}`, `avoided_cost_per_success: {social_care: ${direct}}`, 'cashable: {social_care: 0.5}']));
    const a = await cli(['run', 'budgets.csv', '-s', 'a.yaml', '-f', 'csv', '--layout', 'long', '-q'], { cwd: dir });
    const b = await cli(['run', 'budgets.csv', '-s', 'b.yaml', '-f', 'csv', '--layout', 'long', '-q'], { cwd: dir });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/summary,,,,pv_costs,\d/);
  });

  it('converts every parameter of a distribution by the same factor, and keeps the field\'s range', async () => {
    const s = await load(tmp(), scenarioText(['price_base: 2024'], ['cost_per_participant: {amount: {triangular: [4000, 5000, 7000]}, price_year: 2012}']));
    const f = (x: number) => new D(x).times(100).dividedBy(D2012);
    const u = s.uncertain.find((p) => p.path === 'interventions.0.cost_per_participant')!;
    expect(u.dist).toEqual({ kind: 'triangular', low: f(4000), mode: f(5000), high: f(7000) });
    expect(u.central.equals(f(5000))).toBe(true);
    expect(s.interventions[0]!.costPerParticipant.equals(f(5000))).toBe(true);
    expect([u.min.toString(), u.max?.toString()]).toEqual(['0.01', '1000000000000000']);
    // a normal's sd is converted too
    const n = await load(tmp(), scenarioText(['price_base: 2024'], ['economic_value_per_success: {amount: {normal: [1000, 200]}, price_year: 2013}', 'displacement: 0.2', 'cost_per_participant: 100']));
    const d = n.uncertain[0]!.dist;
    expect(d.kind === 'normal' && [d.mean.equals(new D(1000).times(100).dividedBy(D2013)), d.sd.equals(new D(200).times(100).dividedBy(D2013))]).toEqual([true, true]);
  });

  it('applies the range to the converted value, and refuses a distribution where the field is not uncertain', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), scenarioText(['price_base: 2024'], ['cost_per_participant: 100']).replace('investment: { shift: 0.02 }', 'investment: { shift: 0.02, fixed: [{amount: -5, price_year: 2012}, {amount: {uniform: [1, 2]}, price_year: 2012}] }'));
    const r = await cli(['run', 'budgets.csv', '-s', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('`fixed` is -5 in 2012/13 prices (-6.95 in 2024/25 prices), outside its valid range: from £0 to £1,000 trillion');
    expect(r.stderr).toContain('`fixed` cannot be written as a distribution');
  });

  it('refuses a money form with a key it does not take, or mixing the two forms', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), scenarioText(['price_base: 2024', 'unit_costs: bundled'], ['cost_per_participant: {amount: 100, price_yeer: 2012}', 'economic_value_per_success: {unit_cost: PP.AE, price_year: 2012}', 'social_value_per_success: {amount: 5, price_year: 2012, times: 2}']));
    const r = await cli(['run', 'budgets.csv', '-s', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/unknown key `price_yeer` in the money value `cost_per_participant`\n\s+Did you mean `price_year`\?/);
    expect(r.stderr).toContain('`price_year` does not go with `unit_cost`');
    expect(r.stderr).toContain('`times` goes only with `unit_cost`');
  });

  it('leaves a scenario that converts nothing as it was: no price base statement, no deflators read', async () => {
    const s = await load(tmp(), scenarioText([], ['cost_per_participant: 100']));
    expect([s.priceBase, s.prices, s.inputs]).toEqual([undefined, undefined, undefined]);
  });

  it('converts there and back to the identity (property)', async () => {
    const index = await bundledDeflators(io(ROOT));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: index.first, max: index.last }), fc.integer({ min: index.first, max: index.last }), (pounds, pence, from, to) => {
        const x = new D(`${pounds}.${String(pence).padStart(2, '0')}`);
        const there = convert(x, from, to, index);
        if (!there.ok) return false;
        const back = convert(there.value, to, from, index);
        return back.ok && back.value.toSignificantDigits(38).equals(x.toSignificantDigits(38));
      }),
    );
  });
});

describe('{unit_cost: CODE}', () => {
  it('takes an entry of the bundled library, times 52, converted from its price year', async () => {
    const s = await load(tmp(), scenarioText(['price_base: 2024', 'unit_costs: bundled'], ['cost_per_participant: 100', 'avoided_cost_per_success: {social_care: {unit_cost: PP.FOSTER, times: 52}, health: {unit_cost: PP.AE}}', 'cashable: {social_care: 0.5, health: 0.2}']));
    const avoided = s.interventions[0]!.avoidedCost;
    expect(avoided.get('social_care')!.equals(new D(700).times(52).times(100).dividedBy(D2013))).toBe(true);
    expect(avoided.get('health')!.equals(new D(109).times(100).dividedBy('70.834'))).toBe(true);
    expect(s.inputs?.map((i) => i.name)).toEqual(['bundled:unit-costs.csv', 'bundled:gdp-deflators.csv']);
    expect(s.warnings.filter((w) => w.code.startsWith('unit-cost'))).toEqual([]);
  });

  it('warns of a cost per week without `times` in a field that is £ a year, of another kind, and of a red rating', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'local.csv'),
      ['code,description,unit,kind,amount,price_year,confidence', 'PP.X,A weekly cost,Per week,fiscal,100,2013/14,R', 'PP.X,,,social,50,2013/14,'].join('\n'),
    );
    const s = await load(dir, scenarioText(['price_base: 2024', 'unit_costs: local.csv'], ['cost_per_participant: 100', 'avoided_cost_per_success: {health: {unit_cost: PP.X}}', 'cashable: {health: 0.2}', 'economic_value_per_success: {unit_cost: PP.X, value: social, times: 52}', 'displacement: 0.1']));
    const codes = s.warnings.filter((w) => w.code.startsWith('unit-cost')).map((w) => [w.code, w.loc?.path]);
    expect(codes).toEqual([
      ['unit-cost-kind', 'interventions[0].economic_value_per_success'],
      ['unit-cost-red', 'interventions[0].economic_value_per_success'],
      ['unit-cost-red', 'interventions[0].avoided_cost_per_success.health'],
      ['unit-cost-period', 'interventions[0].avoided_cost_per_success.health'],
    ]);
    expect(s.warnings.find((w) => w.code === 'unit-cost-period')!.message).toContain('did you mean `times: 52`?');
    expect(s.interventions[0]!.economicValue.equals(new D(50).times(52).times(100).dividedBy(D2013))).toBe(true);
    // a value set in place of the unit cost takes its warnings away
    const set = setParam(s, 'interventions.0.avoided_cost_per_success.health', new D(5000));
    expect(set.warnings.filter((w) => w.code.startsWith('unit-cost')).map((w) => w.code)).toEqual(['unit-cost-kind', 'unit-cost-red']);
    // and the CLI says them on stderr, located
    const r = await cli(['run', 'budgets.csv', '-s', 's.yaml', '-f', 'csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/s\.yaml:\d+:\d+ \(interventions\[0\]\.avoided_cost_per_success\.health\): the unit cost PP\.X is "Per week"/);
  });

  it('reads a workbook in the Unit Cost Database layout, relative to the scenario file, never its "updated" column', async () => {
    const dir = tmp();
    const book = await ucdWorkbook([
      {
        name: 'Employment & Economy',
        rows: [{ A: 'Employment', C: 'E&E1.0.1', D: 'JSA claimant entering work: DWP', E: 'Per claimant per year', F: 'DWP', H: 9234, I: '2012/13', J: 9999, R: 'G' }],
      },
      { name: 'Social Services', rows: [{ C: 'SS1', D: 'Foster care', E: 'Per child per week', F: 'Local Authority', H: 700, I: '2013/14', J: 800, R: 'A' }] },
    ]);
    writeFileSync(join(dir, 'ucd.xlsx'), book);
    const s = await load(dir, scenarioText(['price_base: 2024', 'unit_costs: ucd.xlsx'], ['cost_per_participant: {unit_cost: SS1, times: 52}', 'avoided_cost_per_success: {employment: {unit_cost: E&E1.0.1}}', 'cashable: {employment: 1}']));
    const k = s.interventions[0]!;
    expect(k.costPerParticipant.equals(new D(700).times(52).times(100).dividedBy(D2013))).toBe(true);
    expect(k.avoidedCost.get('employment')!.toFixed(2)).toBe('12837.59');
    expect(s.inputs?.[0]?.name).toBe(pathFrom(dir, 'ucd.xlsx', process.cwd())); // in full when far from the working folder
    expect(s.inputs?.[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records the library and the deflators in the provenance of a JSON report', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.yaml'), scenarioText(['price_base: 2024', 'unit_costs: bundled'], ['cost_per_participant: {unit_cost: PP.REABLEMENT}']));
    const r = await cli(['run', 'budgets.csv', '-s', 's.yaml', '-f', 'json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const names = (JSON.parse(r.stdout) as { inputs: { name: string; sha256: string }[] }).inputs.map((i) => i.name);
    expect(names).toEqual(['budgets.csv', 's.yaml', 'bundled:unit-costs.csv', 'bundled:gdp-deflators.csv']);
  });

  it('watches the files a scenario names, but not the bundled ones', () => {
    expect(watchedPaths(['budgets.csv', 's.yaml'], ['costs/ucd.xlsx', 'bundled:gdp-deflators.csv'])).toEqual(['budgets.csv', 's.yaml', 'costs/ucd.xlsx']);
  });
});

describe('a batch over a scenario with unit costs', () => {
  it('gives each run the figures of `run`, in worker threads as on the main thread', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'local.csv'), ['code,description,unit,kind,amount,price_year', 'PP.Y,A yearly saving,Per year,fiscal,6000,2013/14'].join('\n'));
    writeFileSync(
      join(dir, 's.yaml'),
      scenarioText(['price_base: 2024', 'unit_costs: local.csv'], ['cost_per_participant: {amount: 3000, price_year: 2012}', 'avoided_cost_per_success: {social_care: {unit_cost: PP.Y}}', 'cashable: {social_care: 0.5}']),
    );
    writeFileSync(join(dir, 'manifest.yaml'), 'budgets: budgets.csv\nscenarios: [s.yaml]\nsweep:\n  investment.shift: [0.01, 0.03]\n');
    const one = await cli(['batch', 'manifest.yaml', '-o', 'out1', '--jobs', '1'], { cwd: dir });
    const two = await cli(['batch', 'manifest.yaml', '-o', 'out2', '--jobs', '2'], { cwd: dir });
    expect([one.code, two.code]).toEqual([0, 0]);
    const runs = readFileSync(join(dir, 'out1/runs.csv'), 'utf8');
    expect(readFileSync(join(dir, 'out2/runs.csv'), 'utf8')).toBe(runs);
    expect(readFileSync(join(dir, 'out2/yearly.csv'), 'utf8')).toBe(readFileSync(join(dir, 'out1/yearly.csv'), 'utf8'));
    // run 1 is shift 0.03 in the first place: the same as `run` with that shift written in
    writeFileSync(join(dir, 't.yaml'), readFileSync(join(dir, 's.yaml'), 'utf8').replace('shift: 0.02', 'shift: 0.03'));
    const rows = parse(runs) as string[][];
    const header = rows[0]!;
    const row = rows.find((x) => x[header.indexOf('investment.shift')] === '0.03')!;
    const place = row[header.indexOf('place')]!;
    const run = await cli(['run', 'budgets.csv', '-s', 't.yaml', '--place', place, '-f', 'csv', '--layout', 'long', '-q'], { cwd: dir });
    const summary = new Map((parse(run.stdout) as string[][]).filter((x) => x[2] === 'summary').map((x) => [x[6]!, x[7]!]));
    for (const m of ['pv_costs', 'npv_cashable', 'pv_fiscal_benefits']) expect([m, row[header.indexOf(m)]]).toEqual([m, summary.get(m)]);
    // the provenance of the batch names the library and the deflators
    const record = JSON.parse(readFileSync(join(dir, 'out1/batch.json'), 'utf8')) as { inputs: { name: string }[] };
    expect(record.inputs.map((i) => i.name)).toEqual(expect.arrayContaining([expect.stringMatching(/local\.csv$/), 'bundled:gdp-deflators.csv']));
  });
});
