import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { runModel } from '../../src/model/engine.js';
import { SUMMARY_MEASURES } from '../../src/model/types.js';
import { plainMeasure } from '../../src/report/numbers.js';
import { readBudgets } from '../../src/io/budgets.js';
import { loadScenario } from '../../src/io/scenario.js';
import { cli, otherThanAfterHorizon, ROOT } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const FIX = 'test/fixtures/batch';
const MANIFEST = `${FIX}/manifest.yaml`;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'placepool-batch-'));
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function records(text: string): string[][] {
  return parse(text, { relax_column_count: false }) as string[][];
}

describe('batch on the test manifest (2 scenarios x 4 sweep points x 3 places)', async () => {
  const out = tmp();
  const r = await cli(['batch', MANIFEST, '-o', out, '--jobs', '1']);
  const runs = records(read(out, 'runs.csv'));
  const header = runs[0]!;
  const rows = runs.slice(1);
  const col = (name: string) => header.indexOf(name);

  it('reports the grid, then the closing line, and exits 1 after writing everything', () => {
    expect(r.stderr.split('\n')[0]).toBe('placepool: batch of 2 scenarios x 4 sweep points x 3 places = 24 runs');
    expect(r.stderr).toContain(`\n24 runs, 25 failed expectations, written to ${out}\n`);
    expect(r.stderr).toContain("placepool: error: 13 of 24 runs did not meet the manifest's expectations");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['batch.json', 'runs.csv', 'summary.md', 'summary.xlsx', 'yearly.csv']);
  });

  it('numbers the runs: scenarios, then sweep points (last key fastest), then places', () => {
    const expected: string[][] = [];
    let id = 1;
    for (const scenario of ['Family intervention pool', 'Cautious health and care pool'])
      for (const rate of ['0.2', '0.45'])
        for (const reinvest of ['0', '0.5'])
          // places in order of first appearance in the budgets; `=Eastwick` is guarded against formulas
          for (const place of ['Northbrook', 'Southmere', "'=Eastwick"]) expected.push([String(id++), place, scenario, rate, reinvest]);
    expect(rows.map((row) => row.slice(0, 5))).toEqual(expected);
    expect(header.slice(0, 5)).toEqual(['run_id', 'place', 'scenario', 'interventions.0.success_rate', 'investment.reinvest']);
    expect(header.slice(5, 5 + SUMMARY_MEASURES.length)).toEqual([...SUMMARY_MEASURES]);
    expect(header[header.length - 1]).toBe('expectations');
  });

  it('checks each expectation on each run, counting every failure', () => {
    let failed = 0;
    let failedRuns = 0;
    for (const row of rows) {
      const npvFails = new D(row[col('npv_cashable')]!).lessThan(0);
      const payback = row[col('payback_t')]!;
      const paybackFails = payback === '' || Number(payback) > 5;
      const parts: string[] = [];
      if (npvFails) parts.push(`npv_cashable >= 0 (was ${row[col('npv_cashable')]})`);
      if (paybackFails) parts.push(`payback_t <= 5 (${payback === '' ? 'no payback' : `was ${payback}`})`);
      failed += parts.length;
      if (parts.length) failedRuns++;
      expect(row[col('expectations')]).toBe(parts.length ? `fail: ${parts.join('; ')}` : 'pass');
    }
    expect(failed).toBe(25);
    expect(failedRuns).toBe(13);
    const record = JSON.parse(read(out, 'batch.json'));
    expect(record).toMatchObject({ runs_total: 24, runs: 24, failed_runs: 13, failed_expectations: 25, shard: { k: 1, n: 1 } });
  });

  it('gives a run the figures of `run` with the same inputs (run 11: Southmere, success 0.45, reinvest 0.5)', async () => {
    const row = rows[10]!;
    expect(row.slice(0, 5)).toEqual(['11', 'Southmere', 'Family intervention pool', '0.45', '0.5']);
    // the same scenario written out by hand: success_rate is 0.45 in the file already, reinvest 0.25 becomes 0.5
    const dir = tmp();
    const text = readFileSync(join(ROOT, FIX, 'scenarios/family.yaml'), 'utf8');
    expect(text).toContain('reinvest: 0.25');
    writeFileSync(join(dir, 'family.yaml'), text.replace('reinvest: 0.25', 'reinvest: 0.5'));
    const run = await cli(['run', `${FIX}/budgets.csv`, '-s', join(dir, 'family.yaml'), '--place', 'Southmere', '-f', 'csv', '--layout', 'long']);
    expect(run.code).toBe(0);
    const long = records(run.stdout).slice(1);
    const summary = new Map(long.filter((x) => x[2] === 'summary').map((x) => [x[6]!, x[7]!]));
    for (const m of SUMMARY_MEASURES) expect([m, row[col(m)]]).toEqual([m, summary.get(m)]);
    // yearly.csv holds exactly the table=yearly rows of `run --layout long`, with run_id first
    const yearlyOfRun = read(out, 'yearly.csv')
      .split('\n')
      .filter((line) => line.startsWith('11,'));
    const expectedYearly = run.stdout
      .split('\n')
      .filter((line) => line.split(',')[2] === 'yearly')
      .map((line) => `11,${line}`);
    expect(yearlyOfRun.length).toBeGreaterThan(100);
    expect(yearlyOfRun).toEqual(expectedYearly);

    // and the engine itself, called directly
    const budgets = await readBudgets(`${FIX}/budgets.csv`, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: {}, cwd: ROOT });
    const scenario = await loadScenario(join(dir, 'family.yaml'), { stdin: process.stdin, cwd: ROOT });
    const s = runModel(budgets, scenario, { places: ['Southmere'] }).places[0]!.summary;
    for (const m of SUMMARY_MEASURES) expect(row[col(m)]).toBe(plainMeasure(m, m === 'payback_t' ? s.payback_t : (s[m] as D | null)));
  });

  it('writes yearly.csv with run_id first, every run in order', () => {
    const yearly = records(read(out, 'yearly.csv'));
    expect(yearly[0]).toEqual(['run_id', 'place', 'scenario', 'table', 'entity', 't', 'year', 'measure', 'value']);
    const ids = [...new Set(yearly.slice(1).map((x) => x[0]))];
    expect(ids).toEqual(rows.map((x) => x[0]));
    expect(yearly.slice(1).every((x) => x[3] === 'yearly')).toBe(true);
    expect(JSON.parse(read(out, 'batch.json')).files['yearly.csv'].records).toBe(yearly.length - 1);
  });

  it('summary.xlsx: the counts, the failed runs and the worst cases of summary.md, with the inputs', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, 'summary.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Failed runs', 'Worst cases', 'Inputs']);
    const summary = wb.getWorksheet('Summary')!;
    expect([2, 3, 4, 5].map((r) => [summary.getRow(r).getCell(1).value, summary.getRow(r).getCell(2).value])).toEqual([
      ['Runs', 24],
      ['Runs meeting every expectation', 11],
      ['Runs failing an expectation', 13],
      ['Failed expectations', 25],
    ]);
    const failed = wb.getWorksheet('Failed runs')!;
    expect(failed.rowCount - 1).toBe(13);
    const firstFailed = rows.find((row) => row[row.length - 1] !== 'pass')!;
    expect(failed.getRow(2).getCell(1).value).toBe(Number(firstFailed[0]));
    expect(failed.getRow(2).getCell(4).value).toBe(Number(firstFailed[3]));
    // the worst case is the run with the lowest npv_cashable, as a £ cell to the penny
    const worst = wb.getWorksheet('Worst cases')!;
    const lowest = [...rows].sort((a, b) => new D(a[col('npv_cashable')]!).comparedTo(new D(b[col('npv_cashable')]!)))[0]!;
    expect(worst.getRow(2).getCell(1).value).toBe(Number(lowest[0]));
    expect(worst.getRow(2).getCell(6).value).toBe(Number(lowest[col('npv_cashable')]));
    expect(worst.getRow(2).getCell(6).numFmt).toBe('"£"#,##0.00;[Red]-"£"#,##0.00');
    const inputs = wb.getWorksheet('Inputs')!;
    const keys: unknown[] = [];
    inputs.eachRow((row) => keys.push(row.getCell(1).value));
    expect(keys).toEqual(expect.arrayContaining(['command', 'input', 'manifest', 'expectation']));
  });

  it('matches the golden runs.csv, summary.md and batch.json', () => {
    expectGolden('batch/fixture/runs.csv', read(out, 'runs.csv'));
    expectGolden('batch/fixture/summary.md', read(out, 'summary.md'));
    expectGolden('batch/fixture/batch.json', read(out, 'batch.json'));
  });
});

describe('batch options and manifests', () => {
  function manifest(dir: string, body: string): string {
    const path = join(dir, 'manifest.yaml');
    writeFileSync(path, body.replace(/@FIX/g, join(ROOT, FIX)));
    return path;
  }

  it('exits 0 when every expectation holds, with places in the order listed', async () => {
    const dir = tmp();
    const m = manifest(dir, 'budgets: @FIX/budgets.csv\nscenarios: [@FIX/scenarios/family.yaml]\nplaces: [Southmere, Northbrook]\nexpect:\n  npv_cashable: ">= 0"\n  cashable_roi: [">= 1", "< 10"]\n');
    const r = await cli(['batch', m, '-o', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(otherThanAfterHorizon(r.stderr)).toBe(`placepool: batch of 1 scenario x 2 places = 2 runs\n2 runs, 0 failed expectations, written to ${join(dir, 'out')}\n`);
    const rows = records(read(join(dir, 'out'), 'runs.csv'));
    expect(rows.slice(1).map((x) => [x[0], x[1], x[x.length - 1]])).toEqual([
      ['1', 'Southmere', 'pass'],
      ['2', 'Northbrook', 'pass'],
    ]);
    expect(read(join(dir, 'out'), 'summary.md')).toContain('**Every run met its expectations.**');
  });

  it('writes to ./placepool-batch by default, relative to the working folder', async () => {
    const dir = tmp();
    const m = manifest(dir, 'budgets: @FIX/budgets.csv\nscenarios: [@FIX/scenarios/cautious.yaml]\nplaces: [Northbrook]\n');
    const r = await cli(['batch', m, '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'placepool-batch', 'runs.csv'))).toBe(true);
  });

  it('reads a JSON manifest with paths relative to it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ budgets: join(ROOT, FIX, 'budgets.csv'), scenarios: [join(ROOT, FIX, 'scenarios/cautious.yaml')], places: ['Southmere'] }));
    const r = await cli(['batch', 'm.json', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(records(read(join(dir, 'out'), 'runs.csv')).length).toBe(2);
  });

  it('draws a progress bar only on a terminal', async () => {
    const dir = tmp();
    const m = manifest(dir, 'budgets: @FIX/budgets.csv\nscenarios: [@FIX/scenarios/cautious.yaml]\n');
    const tty = await cli(['batch', m, '-o', join(dir, 'a'), '--jobs', '1'], { tty: true });
    expect(tty.stderr).toMatch(/\r\[#+\] 100% 3\/3 runs/);
    const plain = await cli(['batch', m, '-o', join(dir, 'b'), '--jobs', '1']);
    expect(plain.stderr).not.toContain('\r');
    expect(read(join(dir, 'a'), 'runs.csv')).toBe(read(join(dir, 'b'), 'runs.csv'));
  });

  it('refuses bad --jobs and --shard values (exit 2)', async () => {
    for (const args of [
      ['--jobs', '0'],
      ['--shard', '0/3'],
      ['--shard', '4/3'],
      ['--shard', 'two'],
    ]) {
      const r = await cli(['batch', MANIFEST, '-o', join(tmp(), 'x'), ...args]);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr).toMatch(/^placepool: usage error: --(jobs|shard)/);
    }
  });

  it('leaves the output folder as it was when a run fails, and says which run', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'runs.csv'), 'an earlier result\n');
    const r = await cli(['batch', `${FIX}/bad/combination.yaml`, '-o', dir]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('run 8 (Southmere, test/fixtures/batch/scenarios/family.yaml, pool.health = 0, pool.social_care = 0, pool.employment = 0)');
    expect(r.stderr).toMatch(/family\.yaml:\d+:\d+ \(investment\.funding\)/);
    expect(readdirSync(dir)).toEqual(['runs.csv']);
    expect(read(dir, 'runs.csv')).toBe('an earlier result\n');
  });
});

describe('bad manifests: one fixture each, located, nothing written', () => {
  const cases: [file: string, code: number, where: string, message: RegExp][] = [
    ['unknown-key.yaml', 65, 'unknown-key.yaml:3:1 (sweeps)', /unknown manifest field `sweeps`\n\s+Did you mean `sweep`\?/],
    ['no-scenarios.yaml', 65, 'no-scenarios.yaml:1:1 (scenarios)', /the manifest has no `scenarios`/],
    ['not-a-map.yaml', 65, 'not-a-map.yaml:1:1', /a manifest must be a map of fields/],
    ['syntax.json', 65, 'syntax.json:4:1', /JSON syntax error: a comma before `}`/],
    ['sweep-text.yaml', 65, 'sweep-text.yaml:4:35 (sweep.investment.reinvest[2])', /a sweep value must be a number, but it is the text "high"/],
    ['duplicate-value.yaml', 65, 'duplicate-value.yaml:4:33 (sweep.investment.reinvest[2])', /the value 0.5 is listed twice/],
    ['sweep-bad-path.yaml', 65, 'sweep-bad-path.yaml:4:3 (sweep.interventions.0.sucess_rate)', /interventions have no field `sucess_rate`\n\s+Did you mean `success_rate`\?/],
    ['sweep-path-missing-in-one.yaml', 65, 'sweep-path-missing-in-one.yaml:4:3', /in test\/fixtures\/batch\/scenarios\/cautious.yaml: .*no intervention is called `Family intervention`/],
    ['sweep-out-of-range.yaml', 65, 'sweep-out-of-range.yaml:6:39 (sweep.interventions.0.success_rate[1])', /the sweep value 1.5 of `interventions.0.success_rate` is not valid in test\/fixtures\/batch\/scenarios\/family.yaml/],
    ['too-large.yaml', 65, 'too-large.yaml:5:3 (sweep.investment.reinvest)', /the batch would make 2,000,000 runs .*at most 1,000,000/],
    ['bad-operator.yaml', 65, 'bad-operator.yaml:4:17 (expect.npv_cashable)', /"=> 0" for npv_cashable does not start with a comparison \(write `>=` or `<=`\)/],
    ['unknown-measure.yaml', 65, 'unknown-measure.yaml:4:3 (expect.npv)', /`npv` is not a summary measure/],
    ['bare-number.yaml', 65, 'bare-number.yaml:4:14 (expect.payback_t)', /the number 6, with no comparison/],
    ['statistic-without-simulate.yaml', 65, 'statistic-without-simulate.yaml:4:3 (expect.npv_cashable.p10)', /statistic of simulated runs, but nothing is simulated/],
    ['simulate-draws.yaml', 65, 'simulate-draws.yaml:3:20 (simulate.draws)', /`draws` must be a whole number from 1 to 1000000, but it is 0/],
    ['unknown-place.yaml', 65, 'unknown-place.yaml:3:22 (places[1])', /the place "Southmeer" is not in the budgets .*\n\s+Did you mean "Southmere"\?/],
    ['missing-scenario.yaml', 66, 'missing-scenario.yaml:2:39 (scenarios[1])', /cannot open test\/fixtures\/batch\/scenarios\/nowhere.yaml: no such file/],
  ];
  for (const [file, code, where, message] of cases) {
    it(file, async () => {
      const dir = tmp();
      const r = await cli(['batch', `${FIX}/bad/${file}`, '-o', join(dir, 'out')]);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(`${FIX}/bad/${where}`);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(join(dir, 'out', 'runs.csv'))).toBe(false);
    });
  }
});

describe('a simulated batch (simulate: {draws: 500, seed: 7})', async () => {
  const out = tmp();
  const r = await cli(['batch', `${FIX}/simulated.yaml`, '-o', out, '--jobs', '1']);
  const runs = records(read(out, 'runs.csv'));
  const header = runs[0]!;
  const col = (name: string) => header.indexOf(name);

  it('adds each measure\'s statistics as columns, then the probabilities', () => {
    const first = header.indexOf('pv_costs.mean');
    expect(header.slice(first, first + 8)).toEqual(['pv_costs.mean', 'pv_costs.p5', 'pv_costs.p10', 'pv_costs.p25', 'pv_costs.p50', 'pv_costs.p75', 'pv_costs.p90', 'pv_costs.p95']);
    expect(header.slice(-4)).toEqual(['npv_cashable.prob_positive', 'npv_public_value.prob_positive', 'payback_t.prob_never', 'expectations']);
    expect(header).toHaveLength(3 + 1 + SUMMARY_MEASURES.length + SUMMARY_MEASURES.length * 8 + 3 + 1);
  });

  it('gives each run the statistics of `simulate --place P` with the same draws and seed', async () => {
    const sim = await cli(['simulate', `${FIX}/budgets.csv`, '-s', `${FIX}/scenarios/uncertain.yaml`, '--place', 'Northbrook', '--draws', '500', '--seed', '7', '--jobs', '1', '-f', 'csv', '--layout', 'long']);
    expect(sim.code).toBe(0);
    const stats = records(sim.stdout).slice(1);
    const row = runs[2]!; // run 2: Northbrook with transition costs as written (400000)
    expect(row.slice(0, 4)).toEqual(['2', 'Northbrook', 'Uncertain falls and reablement', '400000']);
    let compared = 0;
    for (const [place, , measure, statistic, value] of stats) {
      if (place !== 'Northbrook' || col(`${measure}.${statistic}`) < 0) continue;
      expect([`${measure}.${statistic}`, row[col(`${measure}.${statistic}`)]]).toEqual([`${measure}.${statistic}`, value]);
      compared++;
    }
    expect(compared).toBe(SUMMARY_MEASURES.length * 8 + 3);
  });

  it('checks expectations on statistics, and exits 1', () => {
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('4 runs, 6 failed expectations');
    const verdicts = runs.slice(1).map((x) => x[x.length - 1]);
    expect(verdicts[0]).toBe('pass');
    expect(verdicts[1]).toBe('pass');
    expect(verdicts[2]).toMatch(/^fail: npv_cashable\.p10 >= 0 \(was -\d+\.\d\d\); npv_cashable\.prob_positive >= 0\.9 \(was 0\.\d{6}\); payback_t\.p90 <= 4 \(was 5\.000000\)$/);
    // the verdict agrees with the columns
    for (const row of runs.slice(1)) {
      const ok = new D(row[col('npv_cashable.p10')]!).gte(0) && new D(row[col('npv_cashable.prob_positive')]!).gte('0.9') && new D(row[col('payback_t.p90')]!).lte(4);
      expect(row[row.length - 1] === 'pass').toBe(ok);
    }
  });
});

describe('the bundled example manifest', async () => {
  const out = tmp();
  const r = await cli(['batch', 'example:manifest.yaml', '-o', out, '--jobs', '1']);

  it('runs both pools for both boroughs over the grid, and says which runs fail', () => {
    expect(r.stderr.split('\n')[0]).toBe('placepool: batch of 2 scenarios x 6 sweep points x 2 places = 24 runs');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('24 runs, 12 failed expectations');
  });

  it('sums up the runs\' warnings: one line for each kind, not one for each run', () => {
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('placepool: warning:'));
    expect(lines).toHaveLength(2);
    // every run invests in its last years, whose savings go on after 2034/35
    expect(lines[0]).toMatch(/^placepool: warning: after-horizon in 24 of 24 runs; the first, run 1: Lambridge: £[\d,]+\.\d\d of avoided cost \(before the cap\), undiscounted, .* after 2034\/35 /);
    expect(lines[1]).toBe(
      "placepool: warning: settlement-fallback in 5 of 24 runs; the first, run 2: Eastmoor: the pool's net saving is negative, so no partner can be left no worse off; the proportional rule is used instead",
    );
  });

  it('makes them errors under --strict (exit 65), once the files are written', async () => {
    const strict = await cli(['batch', 'example:manifest.yaml', '-o', join(tmp(), 'strict'), '--jobs', '1', '--strict']);
    expect(strict.code).toBe(65);
    expect(strict.stderr).toContain('placepool: error: 2 kinds of warning in the runs, treated as errors under --strict (the files are written):');
    expect(strict.stderr).toContain('\n  settlement-fallback in 5 of 24 runs; the first, run 2');
  });

  it('matches the golden runs.csv, summary.md and batch.json', () => {
    expectGolden('batch/example/runs.csv', read(out, 'runs.csv'));
    expectGolden('batch/example/summary.md', read(out, 'summary.md'));
    expectGolden('batch/example/batch.json', read(out, 'batch.json'));
  });

  it('gives the same runs when written out by `placepool example` and run from another folder', async () => {
    const dir = tmp();
    expect((await cli(['example', join(dir, 'ex'), '-q'])).code).toBe(0);
    const copy = await cli(['batch', join(dir, 'ex', 'manifest.yaml'), '-o', join(dir, 'out'), '-q'], { cwd: tmpdir() });
    expect(copy.code).toBe(1);
    expect(read(join(dir, 'out'), 'runs.csv')).toBe(read(out, 'runs.csv'));
    expect(read(join(dir, 'out'), 'yearly.csv')).toBe(read(out, 'yearly.csv'));
  });
});
