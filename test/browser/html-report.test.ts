// The HTML reports in a real browser (Debian's chromium through playwright-core): every chart drawn with
// marks of non-zero size and a text alternative, no console errors, no network requests at all, and a
// screenshot to look at. Skipped, saying so, where /usr/bin/chromium is not installed.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderCompareHtml } from '../../src/report/html/compare.js';
import { renderRunHtml } from '../../src/report/html/run.js';
import { renderSimulateHtml, renderTornadoHtml } from '../../src/report/html/simulate.js';
import { boldResult, fixtureMeta, idleResult, lambethResult, nastyResult, oneYearResult } from '../html/fixture.js';
import { lambethSimulation, lambethTornado } from '../html/simulation-fixture.js';
import { cli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const DATE = '2026-11-22';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`test/browser/html-report.test.ts: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`);

interface ChartCheck {
  id: string;
  name: string;
  description: string;
  marks: number;
  drawnMarks: number;
  emptyBars: number;
  width: number;
  wellFormed: boolean;
  tableFollows: boolean;
}

// Runs in the page (a string, so that this project's Node-only type check need not know the DOM): for each
// <svg>, its text alternative, its data marks (class "mark") and their drawn sizes, whether it parses as SVG
// on its own, and whether the table of its figures follows its <figure>.
const INSPECT_CHARTS = `(() => [...document.querySelectorAll('svg')].map((svg) => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const texts = ids.map((id) => ((document.getElementById(id) || {}).textContent || '').trim());
  const marks = [...svg.querySelectorAll('.mark')];
  const size = (m) => m.getBBox();
  const drawn = marks.filter((m) => size(m).width > 0 || size(m).height > 0);
  const emptyBars = marks.filter((m) => m.tagName === 'rect' && !(size(m).width > 0 && size(m).height > 0)).length;
  const parsed = new DOMParser().parseFromString(svg.outerHTML, 'image/svg+xml');
  const figure = svg.closest('figure');
  const next = figure ? figure.nextElementSibling : null;
  const caption = next ? next.querySelector('table caption') : null;
  return {
    id: svg.id,
    name: svg.getAttribute('role') === 'img' ? (texts[0] || '') : '',
    description: texts[1] || '',
    marks: marks.length,
    drawnMarks: drawn.length,
    emptyBars,
    width: svg.getBoundingClientRect().width,
    wellFormed: parsed.getElementsByTagName('parsererror').length === 0,
    tableFollows: !!(caption && caption.textContent.startsWith('Figures: ')),
  };
}))()`;

interface PageCheck {
  requests: string[];
  errors: string[];
  charts: ChartCheck[];
  scripts: number;
  screenshot: string;
  title: string;
}

describe.skipIf(!available)('HTML reports in chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'placepool-html-'));

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, html: string, viewport = { width: 1100, height: 900 }, fullPage = false): Promise<PageCheck> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({ viewport, offline: true });
    const page = await context.newPage();
    const requests = new Set<string>();
    const errors: string[] = [];
    // every request but the report itself is recorded and refused
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      requests.add(u);
      return route.abort();
    });
    page.on('request', (r) => {
      if (r.url() !== url) requests.add(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });
    const charts = (await page.evaluate(INSPECT_CHARTS)) as ChartCheck[];
    const screenshot = join(dir, `${name}-${viewport.width}.png`);
    await page.screenshot({ path: screenshot, fullPage });
    const scripts = await page.locator('script').count();
    const title = await page.title();
    await context.close();
    return { requests: [...requests], errors, charts, scripts, screenshot, title };
  }

  function expectSound(check: PageCheck, ids: string[]): void {
    expect(check.requests, 'network requests').toEqual([]);
    expect(check.errors, 'console errors').toEqual([]);
    expect(check.scripts).toBe(0);
    expect(check.charts.map((c) => c.id)).toEqual(ids);
    for (const c of check.charts) {
      expect(c.name.length, `${c.id} has a title`).toBeGreaterThan(10);
      expect(c.description.length, `${c.id} has a description`).toBeGreaterThan(40);
      expect(c.marks, `${c.id} has marks`).toBeGreaterThan(0);
      expect(c.drawnMarks, `${c.id}: every mark drawn with a size`).toBe(c.marks);
      expect(c.emptyBars, `${c.id}: no bar of zero area`).toBe(0);
      expect(c.width, `${c.id} is laid out`).toBeGreaterThan(300);
      expect(c.wellFormed, `${c.id} is well-formed SVG on its own`).toBe(true);
      expect(c.tableFollows, `${c.id} is followed by the table of its figures`).toBe(true);
    }
  }

  test('run report: three charts drawn, no requests, no console errors', async () => {
    const check = await open('run', renderRunHtml(lambethResult(), fixtureMeta(), DATE), undefined, true);
    expectSound(check, ['p1-cash', 'p1-spend', 'p1-settle']);
    expect(check.title).toBe('Lambeth whole-place pool: placepool run');
    console.log(`screenshot: ${check.screenshot}`);
  });

  test('run report on a phone, and with hostile names', async () => {
    const phone = await open('run-phone', renderRunHtml(lambethResult(), fixtureMeta(), DATE), { width: 390, height: 844 });
    expectSound(phone, ['p1-cash', 'p1-spend', 'p1-settle']);
    const nasty = await open('nasty', renderRunHtml(nastyResult(), fixtureMeta(), DATE));
    expectSound(nasty, ['p1-cash', 'p1-spend', 'p1-settle']);
    expect(nasty.title).toBe('<script>alert(1)</script> & "x": placepool run');
  });

  test('edge cases: a one-year horizon, a scenario that invests nothing', async () => {
    expectSound(await open('one-year', renderRunHtml(oneYearResult(), fixtureMeta(), DATE)), ['p1-cash', 'p1-spend', 'p1-settle']);
    expectSound(await open('idle', renderRunHtml(idleResult(), fixtureMeta(), DATE)), ['p1-cash', 'p1-spend']);
  });

  test('the checks themselves notice a request and a console error (control)', async () => {
    const leaky = '<!DOCTYPE html><html><head><title>x</title></head><body><img src="https://example.invalid/a.png"><script>console.error("boom")</script></body></html>';
    const check = await open('control', leaky);
    expect(check.requests).toEqual(['https://example.invalid/a.png']);
    expect(check.errors.some((e) => e.includes('boom'))).toBe(true);
  });

  test('compare report: NPV and ROI charts drawn', async () => {
    const results = [lambethResult(), boldResult()];
    const check = await open('compare', renderCompareHtml(results, fixtureMeta('compare', results.map((r) => r.scenario)), DATE));
    expectSound(check, ['p1-npv', 'p1-roi']);
    console.log(`screenshot: ${check.screenshot}`);
  });

  test('simulate report: NPV histogram and tornado drawn; tornado report on its own', async () => {
    const meta = { ...fixtureMeta('simulate'), seed: 7, draws: 2000 };
    const check = await open('simulate', renderSimulateHtml(lambethSimulation(), meta, DATE, lambethTornado()));
    expectSound(check, ['p1-npv-dist', 'p1-tornado']);
    console.log(`screenshot: ${check.screenshot}`);
    const alone = await open('tornado', renderTornadoHtml(lambethTornado(), fixtureMeta('tornado'), DATE));
    expectSound(alone, ['p1-tornado']);
  });

  test('the bundled example through run --format html (the real engine)', async () => {
    const r = await cli(['run', '--format', 'html'], { env: { SOURCE_DATE_EPOCH: '1790000000' } });
    expect(r.code, r.stderr).toBe(0);
    const check = await open('example', r.stdout);
    const ids = check.charts.map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expectSound(check, ids);
    console.log(`screenshot: ${check.screenshot}`);
  });

  test('outside money and the funding gap: the early-years example and the worked example compared without its grant', async () => {
    const r = await cli(['run', 'fixtures/example/budgets.csv', '-s', 'fixtures/example/early-years.yaml', '-q', '--format', 'html'], { env: { SOURCE_DATE_EPOCH: '1790000000' } });
    expect(r.code, r.stderr).toBe(0);
    const check = await open('early-years', r.stdout, undefined, true);
    expectSound(check, ['p1-cash', 'p1-gap', 'p1-spend', 'p1-settle']);
    // the funder is named in the who-pays chart, and the gap chart says how much is closed
    const settle = check.charts.find((c) => c.id === 'p1-settle')!;
    expect(settle.description).toMatch(/^For each party \(partner, silo in no partner, funder\)/);
    expect(settle.description).toMatch(/Big Lottery Fund \(funder\): -£16\.8m before, -£16\.8m after/);
    expect(check.charts.find((c) => c.id === 'p1-gap')!.description).toMatch(/In 2034\/35 the gap is £398m without the scenario and £397m with it \(0\.3% closed\)/);
    console.log(`screenshot: ${check.screenshot}`);
    const cmp = await cli(['compare', 'test/fixtures/v12/budgets.csv', '-s', 'test/fixtures/v12/worked.yaml', '-s', 'test/fixtures/v12/worked-no-grant.yaml', '-q', '-f', 'html']);
    expect(cmp.code, cmp.stderr).toBe(0);
    expectSound(await open('compare-parties', cmp.stdout), ['p1-npv', 'p1-roi', 'p1-gap']);
  });

  test('the bundled uncertain example through the real simulation and tornado', async () => {
    const { exampleSimulation } = await import('../html/real-simulation.js');
    const { sim, tor, meta } = await exampleSimulation(200);
    const check = await open('example-simulate', renderSimulateHtml(sim, meta, DATE, tor));
    expectSound(check, sim.entities.flatMap((_, i) => [`p${i + 1}-npv-dist`, `p${i + 1}-tornado`]));
    console.log(`screenshot: ${check.screenshot}`);
  });
});
