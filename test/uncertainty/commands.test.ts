// tornado and breakeven through the command line, on the worked example's files.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { cli } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const FIX = 'test/uncertainty/fixtures';
const BUDGETS = `${FIX}/worked-budgets.csv`;


const rows = (csv: string) => parse(csv) as string[][];

describe('breakeven', () => {
  const args = ['breakeven', BUDGETS, '-s', `${FIX}/worked.yaml`];

  it('gives the worked example\'s switching success rate, 0.131349 (NPV is linear in it)', async () => {
    const r = await cli([...args, '--param', 'interventions.0.success_rate', '-f', 'csv', '--layout', 'long']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(rows(r.stdout)).toEqual([
      ['place', 'scenario', 'parameter', 'target', 'central_value', 'switching_value', 'change'],
      ['Example', 'Worked example', 'interventions.0.success_rate', 'npv_cashable >= 0', '0.3', '0.131349', '-0.562170'],
    ]);
  });

  it('accepts an intervention by name and the bracket form, and gives the same answer', async () => {
    const byName = await cli([...args, '--param', 'interventions.Employment support.success_rate', '-f', 'csv', '--layout', 'long']);
    const bracket = await cli([...args, '--param', 'interventions[0].success_rate', '-f', 'csv', '--layout', 'long']);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain(',0.131349,');
    expect(bracket.stdout).toBe(byName.stdout);
  });

  it('finds a switching value above the centre for a field with no upper limit', async () => {
    const r = await cli([...args, '--param', 'interventions.0.avoided_cost_per_success.employment', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout).result;
    // pv_cashable is linear in the employment avoided cost: 342,598.16 / 9,234 per £; zero NPV at 150,000 / that
    expect(j.places[0].switching_value).toBe(Number((150000 / (342598.16 / 9234)).toPrecision(6)));
    expect(j.places[0].met_above_switching_value).toBe(true);
    expect(j.central_value).toBe(9234);
  });

  it('searches a money field by widening from its central value, in pounds, not up to its £1,000 trillion bound', async () => {
    const r = await cli([...args, '--param', 'interventions.0.cost_per_participant']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\n/g, ' ');
    // pv_cashable is 342,598.16 at £1,500 a participant and inversely proportional to the cost; pv_costs is
    // 150,000: zero NPV at 1,500 x 342,598.16 / 150,000 = £3,425.98 (6 significant digits), NPV there £0.00
    expect(text).toContain('holds while interventions.0.cost_per_participant is at most £3,425.98; it is £1,500.00 in the scenario');
    expect(text).toContain('searched from £0.01 up to £6,000.00 (no upper limit: doubling from £1,500.00 until the target changed)');
    expect(text).not.toMatch(/£1,000,000,000,000,000|£\d{1,3}(,\d{3}){4,}/);
    expect(r.stdout).toMatch(/│\s+£3,425\.98 │\s+[+]128\.4% │\s+£0\.00 │/);
  });

  it('answers a payback target, over whole numbers for an integer field', async () => {
    const r = await cli([...args, '--param', 'interventions.0.lag', '--target', 'payback:3', '-f', 'json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout).result.places[0];
    expect(p.switching_value).toBe(2);
    expect(p.payback_t_at_switching_value).toBe(3);
    expect(p.statement).toMatch(/payback_t <= 3 holds while interventions\.0\.lag is at most 2/);
  });

  it('says plainly when no value in the range meets the target', async () => {
    const r = await cli([...args, '--param', 'interventions.0.success_rate', '--min', '0', '--max', '0.1']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n/g, ' ')).toContain('Example: no value of interventions.0.success_rate from 0 to 0.1 meets the target npv_cashable >= 0.');
    const csv = await cli([...args, '--param', 'interventions.0.success_rate', '--min', '0', '--max', '0.1', '-f', 'csv', '--layout', 'long']);
    expect(rows(csv.stdout)[1]).toEqual(['Example', 'Worked example', 'interventions.0.success_rate', 'npv_cashable >= 0', '0.3', '', '']);
  });

  for (const [what, extra, message] of [
    ['an unknown field', ['--param', 'interventions.0.sucess_rate'], /Did you mean `success_rate`/],
    ['a non-numeric field', ['--param', 'settlement'], /not a number that can be varied/],
    ['a bad target', ['--param', 'interventions.0.success_rate', '--target', 'roi'], /--target must be/],
    ['--min outside the valid range', ['--param', 'interventions.0.success_rate', '--min', '-0.5'], /outside the valid values/],
    ['--min above --max', ['--param', 'interventions.0.success_rate', '--min', '0.5', '--max', '0.2'], /must be below --max/],
    ['--max not a number', ['--param', 'interventions.0.success_rate', '--max', 'lots'], /--max must be a number/],
    ['no --param', [], /needs the field to vary/],
  ] as const) {
    it(`exits 2 for ${what}`, async () => {
      const r = await cli([...args, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  }

  it('exits 2 when the field cannot move alone (intervention shares must sum to 1)', async () => {
    const r = await cli([...args, '--param', 'interventions.0.share']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/makes the scenario invalid/);
  });

  for (const [name, extra] of [
    ['worked.txt', []],
    ['worked-wide.csv', ['-f', 'csv']],
    ['worked-long.csv', ['-f', 'csv', '--layout', 'long']],
    ['worked.json', ['-f', 'json']],
    ['worked.md', ['-f', 'md']],
  ] as const) {
    it(`golden ${name}`, async () => {
      const r = await cli([...args, '--param', 'interventions.0.success_rate', ...extra]);
      expect(r.code).toBe(0);
      expectGolden(`breakeven/${name}`, r.stdout);
    });
  }
});

describe('breakeven --target: each NPV measure, in every format (test/fixtures/v12/worked.yaml)', () => {
  // hand-checked in test/uncertainty/breakeven-core.test.ts: npv_cashable = 60,000 s - 15,000,
  // npv_public_value = 81,000 s - 15,000, partners_npv_cashable = 75,000 s - 10,000 (s the success rate)
  const v12 = ['breakeven', 'test/fixtures/v12/budgets.csv', '-s', 'test/fixtures/v12/worked.yaml', '--param', 'interventions.0.success_rate'];
  const cases = [
    ['npv', 'npv_cashable', '0.25', 'NPV (cashable)'],
    ['npv_cashable', 'npv_cashable', '0.25', 'NPV (cashable)'],
    ['npv_fiscal', 'npv_fiscal', '0.25', 'NPV (fiscal)'],
    ['npv_public_value', 'npv_public_value', '0.185185', 'NPV (public value)'],
    ['partners_npv_cashable', 'partners_npv_cashable', '0.133333', "Partners' NPV"],
  ] as const;
  for (const [target, measure, value, label] of cases) {
    it(`--target ${target}: ${measure} >= 0 switches at ${value}, with ${measure} there £0.00 in every format`, async () => {
      const run = (extra: string[]) => cli([...v12, '--target', target, ...extra]);
      const long = await run(['-f', 'csv', '--layout', 'long']);
      expect(long.code).toBe(0);
      expect(rows(long.stdout)[1]).toEqual(['P', 'Worked example v1.2', 'interventions.0.success_rate', `${measure} >= 0`, '0.5', value, new D(value).dividedBy('0.5').minus(1).toFixed(6)]);
      const wide = rows((await run(['-f', 'csv'])).stdout);
      expect(wide[0]!.at(-1)).toBe('at_switching_value');
      expect(wide[1]!.slice(7)).toEqual([value, new D(value).dividedBy('0.5').minus(1).toFixed(6), 'found', '0.00']);
      const json = JSON.parse((await run(['-f', 'json'])).stdout).result;
      expect(json.target).toBe(`${measure} >= 0`);
      expect(json.measure).toBe(measure);
      expect(json.places[0].switching_value).toBe(Number(value));
      expect(Math.abs(json.places[0][`${measure}_at_switching_value`])).toBeLessThanOrEqual(0.01);
      expect(json.places[0][`${measure}_jumps`]).toBe(false);
      const table = (await run([])).stdout;
      expect(table).toMatch(new RegExp(`${label.replace(/[()]/g, '\\$&')} there`));
      expect(table).toMatch(new RegExp(`│ P +│ +0\\.5 │ +${value.replace('.', '\\.')} │ .*│ +£0\\.00 │`));
      expect(table.replace(/\s+/g, ' ')).toContain(`${measure} >= 0 holds while interventions.0.success_rate is at least ${value}`);
      const md = (await run(['-f', 'md'])).stdout;
      expect(md).toContain(`| P | 0.5 | ${value} |`);
      expect(md).toContain(`| ${label} there |`);
      expect(md).toMatch(/\| £0\.00 \|/);
    });
  }

  it('names the measure in the note on a whole-number field', async () => {
    // the lag (whole years) moves the payments later; with discount 0 only the horizon cuts them off
    const r = await cli(['breakeven', 'test/fixtures/v12/budgets.csv', '-s', 'test/fixtures/v12/worked.yaml', '--param', 'interventions.0.lag', '--target', 'npv_public_value', '--min', '0', '--max', '3', '-f', 'json']);
    expect(r.code).toBe(0);
    // lag 2 leaves one year of savings in the horizon: 75 x (200 + 40 + 30) - 15,000 = 5,250; lag 3 none
    expect(JSON.parse(r.stdout).result.places[0].statement).toContain('interventions.0.lag takes whole numbers, so npv_public_value is £5,250.00 at 2 and -£15,000.00 at 3, not 0.');
  });

  it('refuses an unknown target, listing the measures', async () => {
    const r = await cli([...v12, '--target', 'npv_social']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--target must be an NPV measure (npv_cashable, npv_fiscal, npv_public_value, partners_npv_cashable; `npv` is npv_cashable) or `payback:T`');
  });

  for (const [name, extra] of [
    ['public-value.txt', []],
    ['public-value-wide.csv', ['-f', 'csv']],
    ['public-value.json', ['-f', 'json']],
    ['public-value.md', ['-f', 'md']],
  ] as const) {
    it(`golden ${name} (--target npv_public_value)`, async () => {
      const r = await cli([...v12, '--target', 'npv_public_value', ...extra]);
      expect(r.code).toBe(0);
      expectGolden(`breakeven/${name}`, r.stdout);
    });
  }
});

describe('tornado --measure: each NPV measure (test/fixtures/v12/worked.yaml, success rate uniform on [0.4, 0.6])', () => {
  // with half the social care saving cashable, the NPVs are linear in the success rate s (discount 0): npv_cashable
  // 30,000 s - 15,000, npv_fiscal 60,000 s - 15,000, npv_public_value 81,000 s - 15,000 and partners_npv_cashable
  // 30,000 s - 15,000 + 5,000 + 15,000 s; P10 and P90 of the uniform are 0.42 and 0.58, so each swing is 0.16 x slope
  const scenario = readFileSync('test/fixtures/v12/worked.yaml', 'utf8')
    .replace('success_rate: 0.5', 'success_rate: { uniform: [0.4, 0.6] }')
    .replace('cashable: { social_care: 1 }', 'cashable: { social_care: 0.5 }');
  const cases = [
    ['npv_cashable', '4800.00', '-2400.00', '2400.00'],
    ['npv_fiscal', '9600.00', '10200.00', '19800.00'],
    ['npv_public_value', '12960.00', '19020.00', '31980.00'],
    ['partners_npv_cashable', '7200.00', '8900.00', '16100.00'],
  ] as const;
  for (const [measure, swing, low, high] of cases) {
    it(`${measure}: swing ${swing}, from ${low} to ${high}`, async () => {
      const run = (extra: string[]) => cli(['tornado', 'test/fixtures/v12/budgets.csv', '-s', '-', '--measure', measure, ...extra], { stdin: scenario });
      const long = await run(['-f', 'csv', '--layout', 'long']);
      expect(long.code).toBe(0);
      expect(rows(long.stdout)[1]).toEqual(['P', 'Worked example v1.2', 'interventions.0.success_rate', '0.420000', '0.580000', low, high, swing]);
      const json = JSON.parse((await run(['-f', 'json'])).stdout).result;
      expect(json.measure).toBe(measure);
      expect(json.places[0].bars[0].swing).toBe(Number(swing));
    });
  }
});

describe('tornado', () => {
  const args = ['tornado', BUDGETS, '-s', `${FIX}/worked-uncertain.yaml`];

  it('writes the long layout of docs/method.md, "Long CSV layout", largest swing first, with P10/P90 values of each distribution', async () => {
    const r = await cli([...args, '-f', 'csv', '--layout', 'long']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const t = rows(r.stdout);
    expect(t[0]).toEqual(['place', 'scenario', 'parameter', 'low_value', 'high_value', 'npv_low', 'npv_high', 'swing']);
    const swings = t.slice(1).map((row) => Number(row[7]));
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    const byPath = new Map(t.slice(1).map((row) => [row[2], row]));
    // uniform(0.3, 0.5): P10 0.32, P90 0.48
    expect(byPath.get('interventions.0.deadweight')!.slice(3, 5)).toEqual(['0.320000', '0.480000']);
    // triangular(1200, 1500, 2100): F(mode) = 1/3; P10 = 1200 + sqrt(0.1 x 900 x 300), P90 = 2100 - sqrt(0.1 x 900 x 600)
    expect(byPath.get('interventions.0.cost_per_participant')![3]).toBe((1200 + Math.sqrt(27000)).toFixed(6));
    expect(byPath.get('interventions.0.cost_per_participant')![4]).toBe((2100 - Math.sqrt(54000)).toFixed(6));
    // the NPV is linear in the employment avoided cost: at P10 and P90 it moves by (value - 9234) x 342,598.16 / 9234
    const ac = byPath.get('interventions.0.avoided_cost_per_success.employment')!;
    const perPound = 342598.16 / 9234;
    expect(Number(ac[5])).toBeCloseTo(192598.16 + (Number(ac[3]) - 9234) * perPound, 1);
    expect(t).toHaveLength(1 + 5);
  });

  it('warns when there is nothing to vary', async () => {
    const r = await cli(['tornado', BUDGETS, '-s', `${FIX}/worked.yaml`, '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no uncertain values/);
    expect(r.stdout).toBe('place,scenario,parameter,low_value,high_value,npv_low,npv_high,swing\n');
  });

  it('exits 2 without a scenario', async () => {
    const r = await cli(['tornado', BUDGETS]);
    expect(r.code).toBe(2);
  });

  for (const [name, extra] of [
    ['worked.txt', []],
    ['worked-wide.csv', ['-f', 'csv']],
    ['worked-long.csv', ['-f', 'csv', '--layout', 'long']],
    ['worked.json', ['-f', 'json']],
    ['worked.md', ['-f', 'md']],
  ] as const) {
    it(`golden ${name}`, async () => {
      const r = await cli([...args, ...extra]);
      expect(r.code).toBe(0);
      expectGolden(`tornado/${name}`, r.stdout);
    });
  }
});

describe('warnings and several places', () => {
  const noBias = `name: No optimism bias
horizon: 4
investment: { fixed: [150000], funding: { employment: 1 } }
interventions:
  - name: Employment support
    cost_per_participant: 1500
    success_rate: { uniform: [0.2, 0.4] }
    deadweight: 0.4
    lag: 1
    duration: 3
    avoided_cost_per_success: { employment: 9234 }
    cashable: { employment: 1 }
`;

  for (const command of ['simulate', 'tornado', 'breakeven']) {
    it(`${command} warns on stderr, and under --strict stops with exit 65 before any report`, async () => {
      const extra = command === 'breakeven' ? ['--param', 'interventions.0.deadweight'] : command === 'simulate' ? ['--draws', '50', '--jobs', '1'] : [];
      const ok = await cli([command, BUDGETS, '-s', '-', ...extra, '-f', 'csv'], { stdin: noBias });
      expect(ok.code).toBe(0);
      expect(ok.stderr).toMatch(/warning: .*optimism bias/i);
      const strict = await cli([command, BUDGETS, '-s', '-', ...extra, '-f', 'csv', '--strict'], { stdin: noBias });
      expect(strict.code).toBe(65);
      expect(strict.stdout).toBe('');
    });
  }

  it('breakeven gives each place and `all places` its own switching value', async () => {
    const budgets = 'place,year,silo,service,stage,amount\nNorth,2025,employment,Support,reactive,50000000\nNorth,2025,health,Acute,reactive,50000000\nSouth,2025,employment,Support,reactive,50000000\nSouth,2025,health,Acute,reactive,50000000\n';
    const r = await cli(['breakeven', '-', '-s', `${FIX}/worked.yaml`, '--param', 'interventions.0.success_rate', '-f', 'csv', '--layout', 'long'], { stdin: budgets });
    expect(r.code).toBe(0);
    // two identical places: each, and their sum, switch where the worked example does
    expect(rows(r.stdout).slice(1).map((row) => [row[0], row[5]])).toEqual([
      ['North', '0.131349'],
      ['South', '0.131349'],
      ['all places', '0.131349'],
    ]);
  });
});
