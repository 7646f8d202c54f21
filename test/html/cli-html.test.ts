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
});
