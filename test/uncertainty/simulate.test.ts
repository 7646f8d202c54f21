// simulate end to end: statistics against closed forms, reproducibility at any --jobs, reports, usage errors.
import { describe, expect, it } from 'vitest';
import { SUMMARY_MEASURES } from '../../src/model/types.js';
import { cli, cliProcess } from '../helpers/cli.js';
import { parse } from 'csv-parse/sync';
import { expectGolden } from '../helpers/golden.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFirst, prepareSimulation } from '../../src/uncertainty/simulate.js';
import { workedExample } from '../helpers/model.js';

const FIX = 'test/uncertainty/fixtures';
const BUDGETS = `${FIX}/worked-budgets.csv`;


/** The long CSV as a map `place|measure|statistic` -> number. */
function longValues(csv: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [place, , measure, statistic, value] of (parse(csv) as string[][]).slice(1)) {
    out.set(`${place}|${measure}|${statistic}`, value === '' ? NaN : Number(value));
  }
  return out;
}

describe('simulate on the worked example with an uncertain success rate', () => {
  // pv_cashable_benefits = 342,598.16 / 0.3 per unit of success rate; success rate = 0.6 x Beta(2, 4)
  const perUnit = 342598.16 / 0.3;
  const draws = 20000;

  it('has the mean, percentiles and chance of a positive NPV of the closed form', async () => {
    const r = await cli(['simulate', BUDGETS, '-s', `${FIX}/linear.yaml`, '--draws', String(draws), '--seed', '11', '--jobs', '1', '-f', 'csv', '--layout', 'long']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = longValues(r.stdout);
    // mean success rate 0.6 x 2/6 = 0.2; sd 0.6 x 0.1782 = 0.1069
    const sdNpv = perUnit * 0.6 * Math.sqrt(8 / (36 * 7));
    const tol = (4 * sdNpv) / Math.sqrt(draws);
    expect(Math.abs(v.get('Example|npv_cashable|mean')! - (perUnit * 0.2 - 150000))).toBeLessThan(tol);
    expect(Math.abs(v.get('Example|pv_costs|mean')! - 150000)).toBeLessThan(0.005);
    // the median of Beta(2, 4) is 0.31381 (I_x(2,4) = 1/2 there)
    const cdf = (x: number) => 1 - (1 - x) ** 5 - 5 * x * (1 - x) ** 4;
    expect(cdf(0.313810)).toBeCloseTo(0.5, 5);
    const density = 20 * 0.31381 * (1 - 0.31381) ** 3; // Beta(2,4) density at the median
    const tolMedian = (perUnit * 0.6 * 4 * Math.sqrt(0.25 / draws)) / density;
    expect(Math.abs(v.get('Example|npv_cashable|p50')! - (perUnit * 0.6 * 0.31381 - 150000))).toBeLessThan(tolMedian);
    // NPV > 0 when the success rate exceeds 0.131349, i.e. Beta(2,4) above 0.218915
    const p = 1 - cdf(0.131349 / 0.6);
    expect(Math.abs(v.get('Example|npv_cashable|prob_positive')! - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws));
    // a wrong distribution (a triangular [0, 0.15, 0.6] has mean 0.25) would be far outside the tolerance
    expect(perUnit * 0.05).toBeGreaterThan(10 * tol);
    // every money measure is linear in the draw, so its percentiles follow the success rate's in order
    expect(v.get('Example|pv_cashable_benefits|p90')! - v.get('Example|pv_costs|p90')!).toBeCloseTo(v.get('Example|npv_cashable|p90')!, 1);
    expect(v.get('Example|draws|count')).toBe(draws);
    expect(v.get('Example|clamped|count')).toBe(0);
    // the ratio of percentiles agrees with PERCENTILE.INC on a linear map
    expect(v.get('Example|cashable_roi|p25')! * 150000).toBeCloseTo(v.get('Example|pv_cashable_benefits|p25')!, 0);
  });

  it('reports the payback distribution over the draws that pay back, and the share that never do', async () => {
    const r = await cli(['simulate', BUDGETS, '-s', `${FIX}/linear.yaml`, '--draws', '5000', '--jobs', '1', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.seed).toBe(1);
    expect(j.draws).toBe(5000);
    expect(j.inputs.map((i: { name: string }) => i.name)).toEqual([BUDGETS, `${FIX}/linear.yaml`]);
    const place = j.result.places[0];
    const bins = place.payback as { t: number | null; draws: number; share: number }[];
    expect(bins.map((b) => b.t)).toEqual([0, 1, 2, 3, null]);
    expect(bins.reduce((s, b) => s + b.draws, 0)).toBe(5000);
    const never = bins[4]!.draws;
    expect(place.prob_never_pays_back).toBeCloseTo(never / 5000, 6);
    expect(place.statistics.payback_t.count).toBe(5000 - never);
    // the plan never pays back exactly when the NPV is negative at the horizon's end... or pays back late:
    // never-paying draws cannot exceed the draws with a negative NPV
    expect(never / 5000).toBeLessThanOrEqual(1 - place.prob_npv_cashable_positive + 1e-9);
    expect(place.central.npv_cashable).toBeCloseTo(perUnit * 0.15 - 150000, 1);
  });
});

describe('clamping', () => {
  it('counts the draws clamped into the valid range: drop_off ~ normal(0.2, 0.15) falls below 0 with P = Phi(-4/3)', async () => {
    const draws = 20000;
    const r = await cli(['simulate', BUDGETS, '-s', `${FIX}/worked-uncertain.yaml`, '--draws', String(draws), '--seed', '5', '--jobs', '1', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout).result;
    const byPath = new Map<string, number>(j.parameters.map((p: { path: string; clamped_draws: number }) => [p.path, p.clamped_draws]));
    const p = 0.09121121972586788; // Phi(-1.3333)
    expect(Math.abs(byPath.get('interventions.0.drop_off')! / draws - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws));
    // nothing else can leave its range (the other distributions lie inside theirs), so the totals agree
    expect(byPath.get('interventions.0.success_rate')).toBe(0);
    expect(j.clamped_draws).toBe(byPath.get('interventions.0.drop_off'));
  });
});

describe('reproducibility', () => {
  const args = ['simulate', BUDGETS, '-s', `${FIX}/worked-uncertain.yaml`, '--draws', '9000'];

  it('gives byte-identical reports with 1 and 2 worker threads (the built binary), and differs by seed', () => {
    const one = cliProcess([...args, '--jobs', '1', '-f', 'csv', '--layout', 'long']);
    const two = cliProcess([...args, '--jobs', '2', '-f', 'csv', '--layout', 'long']);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.bytes.equals(one.bytes)).toBe(true);
    const jsonOne = cliProcess([...args, '--jobs', '1', '-f', 'json']);
    const jsonTwo = cliProcess([...args, '--jobs', '2', '-f', 'json']);
    expect(jsonTwo.stdout).toBe(jsonOne.stdout);
    const other = cliProcess([...args, '--jobs', '2', '--seed', '2', '-f', 'csv', '--layout', 'long']);
    expect(other.code).toBe(0);
    expect(other.stdout).not.toBe(one.stdout);
    // only the sampled figures change with the seed: the header and the row order do not
    expect(other.stdout.split('\n').map((l) => l.split(',').slice(0, 4).join(','))).toEqual(one.stdout.split('\n').map((l) => l.split(',').slice(0, 4).join(',')));
  });

  it('in-process worker threads (loading the built worker) agree with the single thread', async () => {
    const one = await cli([...args, '--jobs', '1', '-f', 'csv']);
    const two = await cli([...args, '--jobs', '2', '-f', 'csv']);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('reports (golden files)', () => {
  const base = ['simulate', BUDGETS, '-s', `${FIX}/worked-uncertain.yaml`, '--draws', '2000', '--seed', '7', '--jobs', '1'];
  for (const [name, extra] of [
    ['worked.txt', ['-f', 'table']],
    ['worked-wide.csv', ['-f', 'csv']],
    ['worked-long.csv', ['-f', 'csv', '--layout', 'long']],
    ['worked.json', ['-f', 'json']],
    ['worked.md', ['-f', 'md']],
  ] as const) {
    it(name, async () => {
      const r = await cli([...base, ...extra]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`simulate/${name}`, r.stdout.replace(/placepool \d+\.\d+\.\d+\S*/g, 'placepool VERSION').replace(/"version": "[^"]+"/, '"version": "VERSION"'));
    });
  }

  it('the long CSV has exactly the rows of docs/method.md, "Long CSV layout", in order', async () => {
    const r = await cli([...base, '-f', 'csv', '--layout', 'long']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('place,scenario,measure,statistic,value');
    expect(lines).toHaveLength(1 + SUMMARY_MEASURES.length * 8 + 5);
    expect(lines[1]).toMatch(/^Example,"?Worked example, uncertain"?,pv_costs,mean,150000\.00$/);
    expect(lines.slice(-5).map((l) => l.split(',').slice(-3).join(','))).toEqual([
      expect.stringMatching(/^npv_cashable,prob_positive,0\.\d{6}$/),
      expect.stringMatching(/^npv_public_value,prob_positive,(0\.\d{6}|1\.000000)$/),
      expect.stringMatching(/^payback_t,prob_never,0\.\d{6}$/),
      'draws,count,2000',
      expect.stringMatching(/^clamped,count,\d+$/),
    ]);
  });
});

describe('several places', () => {
  it('reports each place and `all places`', async () => {
    const budgets = 'place,year,silo,service,stage,amount\nNorth,2025,employment,Support,reactive,50000000\nNorth,2025,health,Acute,reactive,50000000\nSouth,2025,employment,Support,reactive,1000000\nSouth,2025,health,Acute,reactive,3000000\n';
    const r = await cli(['simulate', '-', '-s', `${FIX}/worked-uncertain.yaml`, '--draws', '300', '--jobs', '1', '-f', 'csv', '--layout', 'long'], { stdin: budgets });
    expect(r.code).toBe(0);
    const places = [...new Set((parse(r.stdout) as string[][]).slice(1).map((row) => row[0]))];
    expect(places).toEqual(['North', 'South', 'all places']);
    const v = longValues(r.stdout);
    expect(v.get('all places|pv_costs|mean')).toBeCloseTo(300000, 2);
    const only = await cli(['simulate', '-', '-s', `${FIX}/worked-uncertain.yaml`, '--draws', '300', '--jobs', '1', '-f', 'csv', '--layout', 'long', '--place', 'South'], { stdin: budgets });
    expect([...new Set((parse(only.stdout) as string[][]).slice(1).map((row) => row[0]))]).toEqual(['South']);
    // South's figures do not depend on North being modelled alongside
    const southBoth = r.stdout.split('\n').filter((l) => l.startsWith('South,'));
    expect(only.stdout.split('\n').filter((l) => l.startsWith('South,'))).toEqual(southBoth);
  });
});

describe('usage errors (exit 2)', () => {
  for (const [what, extra] of [
    ['no draws', ['--draws', '0']],
    ['too many draws', ['--draws', '10000001']],
    ['draws not a number', ['--draws', 'lots']],
    ['a negative seed', ['--seed', '-1']],
    ['no jobs', ['--jobs', '0']],
  ] as const) {
    it(what, async () => {
      const r = await cli(['simulate', BUDGETS, '-s', `${FIX}/worked.yaml`, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--(draws|seed|jobs) must be a whole number/);
    });
  }

  it('without a scenario', async () => {
    const r = await cli(['simulate', BUDGETS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a scenario/);
  });

  it('an unknown place', async () => {
    const r = await cli(['simulate', BUDGETS, '-s', `${FIX}/worked.yaml`, '--place', 'Exampel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean "Example"/);
  });

  it('accepts the limits: one draw, seed 0', async () => {
    const r = await cli(['simulate', BUDGETS, '-s', `${FIX}/worked-uncertain.yaml`, '--draws', '1', '--seed', '0', '--jobs', '1', '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    const v = longValues(r.stdout);
    // one draw: every percentile is that draw
    expect(v.get('Example|npv_cashable|p5')).toBe(v.get('Example|npv_cashable|p95'));
    expect(v.get('Example|npv_cashable|mean')).toBe(v.get('Example|npv_cashable|p50'));
  });

  it('warns when nothing is uncertain, and every draw is the run', async () => {
    const r = await cli(['simulate', BUDGETS, '-s', `${FIX}/worked.yaml`, '--draws', '10', '--jobs', '1', '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no uncertain values/);
    const v = longValues(r.stdout);
    expect(v.get('Example|npv_cashable|p5')).toBe(192598.16);
    expect(v.get('Example|npv_cashable|mean')).toBe(192598.16);
    expect(v.get('Example|cashable_roi|p50')).toBe(2.283988);
  });
});

describe('with worker threads, draws begin before the exact centre run', () => {
  // the workers begin the draws while this thread runs the centre; inputs the centre refuses still give the
  // centre's error, as with one thread, and the threads stop with it
  const dir = mkdtempSync(join(tmpdir(), 'placepool-begun-'));
  const nowhere = join(dir, 'nowhere.yaml');
  writeFileSync(nowhere, readFileSync('fixtures/example/whole-place.yaml', 'utf8').replace(/^base_year: 2025$/m, 'base_year: 2025\nplaces: [Nowhere]'));
  for (const [name, scenario] of [
    ['a silo the centre run refuses (compiled first, then stopped)', 'test/fixtures/scenarios/bad/envelope-unknown-silo.yaml'],
    ['a place not in the budgets (not compiled first)', nowhere],
  ] as const) {
    it(name, () => {
      const args = ['simulate', 'example:budgets.csv', '-s', scenario, '--draws', '50000', '-f', 'csv'];
      const one = cliProcess([...args, '--jobs', '1']);
      const two = cliProcess([...args, '--jobs', '2']);
      expect(one.code).toBe(65);
      expect(two.code).toBe(65);
      expect(two.stderr).toBe(one.stderr);
      expect(two.stdout).toBe('');
    });
  }

  it('the model compiled first is the one compiled after the centre run', () => {
    const { budgets, scenario } = workedExample();
    const first = compileFirst(budgets, scenario);
    expect(first).toBeDefined();
    expect(first!.model).toEqual(prepareSimulation(budgets, scenario).model);
    expect(prepareSimulation(budgets, scenario, {}, first).model).toBe(first!.model);
    expect(compileFirst(budgets, scenario, { places: ['Nowhere'] })).toBeUndefined();
  });
});
