import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { cli, otherThanAfterHorizon } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const BUDGETS = 'fixtures/example/budgets.csv';
const WHOLE = 'fixtures/example/whole-place.yaml';
const CAUTIOUS = 'fixtures/example/cautious-health-care.yaml';
const DATE = { SOURCE_DATE_EPOCH: '1767225600' };

describe('compare: golden reports', () => {
  const cases: [string, string[]][] = [
    ['compare.txt', []],
    ['compare-wide.csv', ['-f', 'csv']],
    ['compare-long.csv', ['-f', 'csv', '--layout', 'long']],
    ['compare.json', ['-f', 'json']],
    ['compare.md', ['-f', 'md']],
    ['compare.html', ['-f', 'html']],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      const r = await cli(['compare', BUDGETS, '-s', CAUTIOUS, '-s', WHOLE, ...args], { env: DATE });
      expect(otherThanAfterHorizon(r.stderr)).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`compare/${name}`, r.stdout);
    });
  }
});

describe('compare: figures', () => {
  it('agrees with run for each scenario, and the difference is the second minus the first', async () => {
    const cmp = JSON.parse((await cli(['compare', BUDGETS, '-s', CAUTIOUS, '-s', WHOLE, '-f', 'json'])).stdout);
    const a = JSON.parse((await cli(['run', BUDGETS, '-s', CAUTIOUS, '-f', 'json'])).stdout).result.places[0].summary;
    const b = JSON.parse((await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'json'])).stdout).result.places[0].summary;
    const lam = cmp.result.places.find((p: { place: string }) => p.place === 'Lambridge');
    expect(lam.measures.npv_cashable.values).toEqual([a.npv_cashable, b.npv_cashable]);
    const diff = new D(String(b.npv_cashable)).minus(String(a.npv_cashable));
    // the difference is of the exact figures, rounded once: at most a penny from the difference of the rounded ones
    expect(Math.abs(lam.measures.npv_cashable.differences[1] - Number(diff.toFixed(2)))).toBeLessThanOrEqual(0.0100001);
    // the cautious scenario models Lambridge only: Eastmoor has no value for it
    const east = cmp.result.places.find((p: { place: string }) => p.place === 'Eastmoor');
    expect(east.measures.npv_cashable.values[0]).toBeNull();
    expect(east.measures.npv_cashable.differences[1]).toBeNull();
  });

  it('needs at least two scenarios', async () => {
    const r = await cli(['compare', BUDGETS, '-s', WHOLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least two scenarios/);
  });

  it('needs a scenario at all', async () => {
    const r = await cli(['compare', BUDGETS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--scenario/);
  });
});

// The worked example of docs/method.md against the same scenario without the grant: the two differ only in who
// pays. By hand (no discounting): without the grant the investment is the pool's £10,000, 100 participants and 50
// net successes; avoided cost £10,000 in years 1 and 2, and F1 pays £100 for each of the 50 outcomes in year 1.
const V12 = 'test/fixtures/v12/budgets.csv';
const WORKED = 'test/fixtures/v12/worked.yaml';
const NO_GRANT = 'test/fixtures/v12/worked-no-grant.yaml';

describe('compare: who pays and the funding gap', () => {
  const cases: [string, string[]][] = [
    ['parties.txt', []],
    ['parties-wide.csv', ['-f', 'csv']],
    ['parties-long.csv', ['-f', 'csv', '--layout', 'long']],
    ['parties.json', ['-f', 'json']],
    ['parties.md', ['-f', 'md']],
  ];
  for (const [name, args] of cases) {
    it(`golden ${name}`, async () => {
      const r = await cli(['compare', V12, '-s', WORKED, '-s', NO_GRANT, '-q', ...args], { env: DATE });
      expect(r.code).toBe(0);
      expectGolden(`compare/${name}`, r.stdout);
    });
  }

  it('gives each party its settlement and peak funding, and the gap with the share closed, as computed by hand', async () => {
    const cmp = JSON.parse((await cli(['compare', V12, '-s', WORKED, '-s', NO_GRANT, '-q', '-f', 'json'])).stdout);
    const p = cmp.result.places[0];
    expect(p.place).toBe('P');
    expect(p.who_pays.map((x: { party: string; kind: string }) => `${x.party} ${x.kind}`)).toEqual(['Council partner', 'F1 funder']);
    const [council, f1] = p.who_pays;
    // the Council pays the pool's £10,000 either way; it gains 15,000 + 15,000 + 7,500 with the grant, 10,000 + 10,000 + 5,000 without
    expect(council.measures.pays).toEqual({ values: [10000, 10000], differences: [null, 0] });
    expect(council.measures.gains).toEqual({ values: [37500, 25000], differences: [null, -12500] });
    expect(council.measures.peak_funding.values).toEqual([10000, 10000]);
    // F1 pays the £5,000 grant and £7,500 of outcome payments, or only £5,000 of outcome payments
    expect(f1.measures.pays).toEqual({ values: [12500, 5000], differences: [null, -7500] });
    expect(f1.measures.peak_funding.values).toEqual([12500, 5000]);
    expect(f1.measures.net_after.values).toEqual([-12500, -5000]);
    // the gap: baseline 0, 150,000, 285,000 both times; scenario 10,000, 127,500, 270,000 or 10,000, 135,000, 275,000
    const gap = p.funding_gap;
    expect(gap.final_baseline_gap.values).toEqual([285000, 285000]);
    expect(gap.final_scenario_gap.values).toEqual([270000, 275000]);
    expect(gap.final_gap_closed).toEqual({ values: [0.052632, 0.035088], differences: [null, -0.017544] }); // 15,000 and 10,000 of 285,000
    expect(gap.cumulative_baseline_gap.values).toEqual([435000, 435000]);
    expect(gap.cumulative_scenario_gap.values).toEqual([407500, 420000]);
    expect(gap.cumulative_gap_closed.values).toEqual([0.063218, 0.034483]); // 27,500 and 15,000 of 435,000
  });

  it('shows the same parties as run in every format', async () => {
    const run = JSON.parse((await cli(['run', V12, '-s', WORKED, '-q', '-f', 'json'])).stdout).result.places[0].settlement;
    const long = (await cli(['compare', V12, '-s', WORKED, '-s', NO_GRANT, '-q', '-f', 'csv', '--layout', 'long'])).stdout;
    for (const row of run as { entity?: string; silo?: string; party?: string; peak_funding: number }[]) {
      const name = row.entity ?? row.party ?? row.silo;
      expect(long).toContain(`P,Worked example v1.2,settlement,${name},peak_funding,${row.peak_funding.toFixed(2)},`);
    }
    const md = (await cli(['compare', V12, '-s', WORKED, '-s', NO_GRANT, '-q', '-f', 'md'])).stdout;
    expect(md).toMatch(/\*\*Table 2\. Who pays and who benefits, P\*\*/);
    expect(md).toMatch(/\| F1 \(funder\) \|/);
    expect(md).toMatch(/\| Share of the gap closed \(final year\) \| 5\.3% \| 3\.5% \| -1\.8 pp \|/);
    const html = (await cli(['compare', V12, '-s', WORKED, '-s', NO_GRANT, '-q', '-f', 'html'], { env: DATE })).stdout;
    expect(html).toContain('<caption>Who pays and who benefits, P:');
    expect(html).toContain('<th scope="row" class="l">F1 (funder)</th>');
    expect(html).toMatch(/Peak funding \(cash\)<\/th><td>£12,500\.00<\/td><td>£5,000\.00<\/td><td>-£7,500\.00<\/td>/);
    expect(html).toContain('Funding gap in the final year by scenario, P');
    expect(html).toContain('1. Worked example v1.2: £285k baseline, £270k scenario (5.3% closed)');
    // the summary table leaves the gap to its own table: the words once, not twice, before the data appendix
    // (whose exact summaries carry every measure)
    const narrative = html.slice(0, html.indexOf('id="appendix"'));
    expect(narrative.match(/Funding gap in the final year, baseline/g)?.length).toBe(1);
    expect(html.slice(html.indexOf('id="appendix"'))).toMatch(/Peak funding \(cash\)<\/th><td>£12,500\.00<\/td>/);
  });

  it('without an envelope has no gap table, and who pays lists the silos', async () => {
    const r = await cli(['compare', BUDGETS, '-s', CAUTIOUS, '-s', WHOLE, '-f', 'json']);
    const lam = JSON.parse(r.stdout).result.places.find((p: { place: string }) => p.place === 'Lambridge');
    expect(lam.funding_gap).toBeUndefined();
    expect(lam.who_pays.length).toBeGreaterThan(0);
    expect(lam.who_pays.every((x: { kind: string }) => x.kind === 'silo')).toBe(true);
    const all = JSON.parse(r.stdout).result.places.find((p: { place: string }) => p.place === 'all places');
    expect(all.who_pays).toBeUndefined();
  });

  it('writes a party\'s name as text in Markdown and CSV, never as markup or a formula', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'placepool-compare-'));
    const s = join(dir, 's.yaml');
    writeFileSync(s, readFileSync(WORKED, 'utf8').replace('name: F1', 'name: "=F|1 *x*"'));
    const md = (await cli(['compare', V12, '-s', WORKED, '-s', s, '-q', '-f', 'md'])).stdout;
    expect(md).toContain('| =F\\|1 \\*x\\* (funder) |');
    const csv = (await cli(['compare', V12, '-s', WORKED, '-s', s, '-q', '-f', 'csv'])).stdout;
    expect(csv).toContain(`P,settlement,'=F|1 *x*,pays,,12500.00,\n`);
  });
});


describe('compare: scenarios that are not like for like', () => {
  it('warns when the horizons or price bases differ, naming each scenario\'s, and says nothing when they agree', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'placepool-compare-'));
    const long = join(dir, 'long.yaml');
    writeFileSync(long, readFileSync(WHOLE, 'utf8').replace('name: Whole-place pool', 'name: Fifteen years').replace('horizon: 10', 'horizon: 15').replace('price_base: 2024/25', 'price_base: 2023/24'));
    const r = await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'the scenarios have different horizons (Whole-place pool: 10 years; Fifteen years: 15 years): a longer horizon counts more years of costs and savings, so the differences are not like for like',
    );
    expect(r.stderr).toContain('the scenarios have different price bases (Whole-place pool: 2024/25 prices; Fifteen years: 2023/24 prices)');
    expect(r.stderr).not.toContain('different base years');
    // under --strict they are errors; the same two scenarios twice raise none of them
    expect((await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'csv', '--strict'])).code).toBe(65);
    const same = await cli(['compare', BUDGETS, '-s', WHOLE, '-s', CAUTIOUS, '-f', 'csv']);
    expect(same.stderr).not.toMatch(/the scenarios have different/);
    // the Markdown report lists them under Notes
    const md = await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'md', '-q']);
    expect(md.stdout).toContain('- the scenarios have different horizons (Whole-place pool: 10 years; Fifteen years: 15 years)');
    // and so do the HTML report's warnings and the JSON's `warnings`
    const html = (await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'html', '-q'])).stdout;
    expect(html).toMatch(/<h3>The scenarios side by side<\/h3>\n<ul>\n<li><code>compare-horizons<\/code> the scenarios have different horizons/);
    const json = JSON.parse((await cli(['compare', BUDGETS, '-s', WHOLE, '-s', long, '-f', 'json', '-q'])).stdout);
    expect(json.result.warnings.map((w: { code: string }) => w.code)).toEqual(['compare-horizons', 'compare-price-bases']);
    const none = JSON.parse((await cli(['compare', BUDGETS, '-s', WHOLE, '-s', CAUTIOUS, '-f', 'json', '-q'])).stdout);
    expect(none.result.warnings).toEqual([]);
  });

  it('warns when the base years differ', async () => {
    const { compareWarnings } = await import('../../src/report/compare.js');
    type R = Parameters<typeof compareWarnings>[0][number];
    const r = (scenario: string, baseYear: number): R => ({ scenario, horizon: 10, baseYear, priceBase: 2025 }) as unknown as R;
    expect(compareWarnings([r('A', 2025), r('B', 2026)]).map((w) => [w.code, w.message])).toEqual([
      ['compare-base-years', 'the scenarios have different base years (A: 2025/26; B: 2026/27): their present values are discounted to different years, so the differences are not like for like'],
    ]);
    expect(compareWarnings([r('A', 2025), r('B', 2025)])).toEqual([]);
  });
});
