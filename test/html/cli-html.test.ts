// The HTML reports end to end: the bundled example through `run` and `compare --format html`, with the real
// engine, the real input hashes and the date from SOURCE_DATE_EPOCH.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const ENV = { SOURCE_DATE_EPOCH: '1790000000' }; // 2026-09-21
const sha = (name: string): string => createHash('sha256').update(readFileSync(`${ROOT}fixtures/example/${name}`)).digest('hex');
const chartIds = (html: string): string[] => [...html.matchAll(/<svg [^>]*role="img"[^>]*id="([^"]+)"/g)].map((m) => m[1]!);

describe('HTML through the command line', () => {
  test('run --format html: the example, every place charted, inputs hashed, byte-stable', async () => {
    const a = await cli(['run', '--format', 'html'], { env: ENV });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(a.stdout).toContain('<dt>Date</dt><dd>2026-09-21</dd>');
    expect(a.stdout).toContain(`<th scope="row">example:budgets.csv</th><td class="l hash">${sha('budgets.csv')}</td>`);
    expect(a.stdout).toContain(`<th scope="row">example:whole-place.yaml</th><td class="l hash">${sha('whole-place.yaml')}</td>`);
    const ids = chartIds(a.stdout);
    const places = [...a.stdout.matchAll(/<section class="place[^"]*" id="place-(\d+)">/g)].length;
    expect(places).toBeGreaterThanOrEqual(1);
    for (let n = 1; n <= places; n++) expect(ids).toEqual(expect.arrayContaining([`p${n}-cash`, `p${n}-spend`, `p${n}-settle`]));
    const b = await cli(['run', '--format', 'html'], { env: ENV });
    expect(b.stdout).toBe(a.stdout);
  });

  test('compare --format html: both scenarios side by side, NPV and ROI charts', async () => {
    const args = ['compare', 'example:budgets.csv', '-s', 'example:whole-place.yaml', '-s', 'example:cautious-health-care.yaml', '--format', 'html'];
    const r = await cli(args, { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/<th scope="col">1\. [^<]+<\/th><th scope="col">2\. [^<]+<\/th><th scope="col">Difference from 1<\/th>/);
    expect(chartIds(r.stdout)).toEqual(expect.arrayContaining(['p1-npv', 'p1-roi']));
    expect(r.stdout).toContain(sha('cautious-health-care.yaml'));
  });

  test('run --format html on the worked example of outside money: the partners\' view, public value, the funder and the gap, by hand', async () => {
    const r = await cli(['run', 'test/fixtures/v12/budgets.csv', '-s', 'test/fixtures/v12/worked.yaml', '-q', '--format', 'html'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const html = r.stdout;
    const card = (key: string): string => new RegExp(`<div class="k">${key}</div><div class="v">([^<]*)</div><div class="x">([^<]*)</div>`).exec(html)?.slice(1).join(' | ') ?? '';
    // the whole system's NPV 15,000 beside the partners' 27,500 (the grant's 5,000 and the outcome payments' 7,500 are not theirs)
    expect(card('Net present value, cashable')).toBe('£15.0k | £15,000.00');
    expect(card('Net present value to the partners, cashable')).toBe('£27.5k | £27,500.00, with £12.5k of outside funding (PV)');
    expect(card('Partners&#39; peak funding requirement')).toBe('£10.0k | £10,000.00 (cash); the whole system&#39;s £15.0k');
    // public value 40,500 over costs of 15,000: a return of 2.7 beside the financial (fiscal) 2.0
    expect(card('Return on investment, fiscal')).toBe('£2.00 | per £1 of cost (PV), 2.000000');
    expect(card('Return on investment, public value')).toBe('£2.70 | per £1 of cost (PV), 2.700000');
    expect(card('Net present public value')).toBe('£25.5k | public value £40,500.00 (PV) less costs');
    // the final year's gap: 285,000 without the scenario, 270,000 with it, 15,000 of 285,000 closed
    expect(card('Funding gap closed, final year')).toBe('5.3% | £285k baseline, £270k scenario');
    expect(chartIds(html)).toEqual(['p1-cash', 'p1-gap', 'p1-spend', 'p1-settle', 'p1-benefits']);
    // benefits by kind a year, undiscounted (the worked example does not discount): they add up to the PVs above,
    // cashable £30.0k, economic £6.00k and social £4.50k
    expect(html).toContain('<tr><th scope="row">Cashable savings</th><td>£0</td><td>£15.0k</td><td>£15.0k</td></tr>');
    expect(html).toContain('<tr><th scope="row">Economic value</th><td>£0</td><td>£3.00k</td><td>£3.00k</td></tr>');
    expect(html).toContain('<tr><th scope="row">Social value</th><td>£0</td><td>£2.25k</td><td>£2.25k</td></tr>');
    // the gap's figures in the narrative's units, and to the penny in the data appendix's yearly table
    expect(html).toContain('<tr class="total"><th scope="row">Baseline gap, all silos</th><td>£0</td><td>£150k</td><td>£285k</td></tr>');
    expect(html).toContain('<tr><th scope="row">Scenario gap, all silos</th><td>£10.0k</td><td>£128k</td><td>£270k</td></tr>');
    expect(html).toContain('<tr><th scope="row">Share of the gap closed</th><td>-</td><td>15.0%</td><td>5.3%</td></tr>');
    expect(html).toContain('<tr><th scope="row">Social care, scenario gap</th><td>£10.0k</td><td>£77.5k</td><td>£175k</td></tr>');
    expect(html).toContain('<tr><th scope="row">Funding gap, baseline</th><td>£0.00</td><td>£150,000.00</td><td>£285,000.00</td></tr>');
    // who pays: the funder named in the chart and after the parties' total, which leaves it out
    expect(html).toMatch(/F1 \(funder\): -£12\.5k before, -£12\.5k after/);
    expect(html).toMatch(/<tr class="total"><th scope="row">All partners and silos<\/th><td>£10,000\.00<\/td><td>£37,500\.00<\/td>[^\n]*\n<tr><th scope="row">F1 \(funder\)<\/th><td>£12,500\.00<\/td><td>£0\.00<\/td><td>-£12,500\.00<\/td><td>£0\.00<\/td><td>-£12,500\.00<\/td><td>£12,500\.00<\/td>/);
  });

  test('run --format html without outside money or an envelope: no partners\' cards and no gap chart', async () => {
    const r = await cli(['run', 'example:budgets.csv', '-s', 'example:cautious-health-care.yaml', '-q', '--format', 'html'], { env: ENV });
    expect(r.stdout).not.toContain('Net present value to the partners');
    expect(r.stdout).not.toContain('Funding gap closed');
    expect(chartIds(r.stdout)).not.toContain('p1-gap');
    expect(r.stdout).toContain('<div class="k">Return on investment, public value</div>');
  });
});
