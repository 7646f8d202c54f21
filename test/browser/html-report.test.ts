// The HTML reports in a real browser (Debian's chromium through playwright-core): every chart drawn with
// marks of non-zero size and a text alternative, no console errors, no network requests at all, and a
// screenshot to look at. Skipped, saying so, where /usr/bin/chromium is not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  test('run report: every chart drawn, no requests, no console errors', async () => {
    const check = await open('run', renderRunHtml(lambethResult(), fixtureMeta(), DATE), undefined, true);
    expectSound(check, ['p1-cash', 'p1-spend', 'p1-settle', 'p1-benefits']);
    expect(check.title).toBe('Lambeth whole-place pool: placepool run');
    console.log(`screenshot: ${check.screenshot}`);
  });

  test('run report on a phone, and with hostile names', async () => {
    const phone = await open('run-phone', renderRunHtml(lambethResult(), fixtureMeta(), DATE), { width: 390, height: 844 });
    expectSound(phone, ['p1-cash', 'p1-spend', 'p1-settle', 'p1-benefits']);
    const nasty = await open('nasty', renderRunHtml(nastyResult(), fixtureMeta(), DATE));
    expectSound(nasty, ['p1-cash', 'p1-spend', 'p1-settle', 'p1-benefits']);
    expect(nasty.title).toBe('<script>alert(1)</script> & "x": placepool run');
  });

  test('edge cases: a one-year horizon, a scenario that invests nothing', async () => {
    expectSound(await open('one-year', renderRunHtml(oneYearResult(), fixtureMeta(), DATE)), ['p1-cash', 'p1-spend', 'p1-settle', 'p1-benefits']);
    expectSound(await open('idle', renderRunHtml(idleResult(), fixtureMeta(), DATE)), ['p1-cash', 'p1-spend', 'p1-benefits']);
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
    expectSound(check, ['p1-cash', 'p1-gap', 'p1-spend', 'p1-settle', 'p1-benefits']);
    // the funder is named in the who-pays chart, and the gap chart says how much is closed
    const settle = check.charts.find((c) => c.id === 'p1-settle', 'p1-benefits')!;
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

// ---------------------------------------------------------------------------------------------------------
// Board-ready: what a finance director prints. A screenshot at 1280 wide and a print to A4 PDF of the real
// reports, checked for what they hold: the assumptions in words, labels and not identifiers, nothing wider
// than the page in print, a page per place, A4 portrait pages, and (with poppler's pdftotext) the PDF's text.

const PDFTOTEXT = '/usr/bin/pdftotext';
/** A4 portrait less the report's print margins (12 mm a side): 186 mm at 96 px an inch. */
const PRINT_WIDTH = Math.floor((186 / 25.4) * 96);

interface PrintCheck {
  screenshot: string;
  screenText: string;
  /** elements whose right edge passes the printed page's width, in print media */
  tooWide: string[];
  scrollWidth: number;
  pdf: string;
  pages: number;
  mediaBoxes: string[];
  pdfText?: string;
}

// Runs in the page, in print media: every element that reaches past the page's width.
const WIDER_THAN_PAGE = `(() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > w + 1)
    .slice(0, 12)
    .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));
})()`;

describe.skipIf(!available)('board-ready HTML reports: screenshot and PDF', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'placepool-print-'));

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function print(name: string, html: string): Promise<PrintCheck> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const screenshot = join(dir, `${name}-1280.png`);
    await page.screenshot({ path: screenshot });
    // what a reader sees, less the warnings and provenance (file names and codes belong there)
    const screenText = (await page.evaluate(
      `(() => { const m = document.querySelector('main').cloneNode(true); m.querySelectorAll('#warnings, #provenance').forEach((x) => x.remove()); return m.textContent; })()`,
    )) as string;
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
    const tooWide = (await page.evaluate(WIDER_THAN_PAGE)) as string[];
    const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    const pdf = join(dir, `${name}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await context.close();
    const bytes = readFileSync(pdf).toString('latin1');
    const pages = (bytes.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
    const mediaBoxes = [...new Set([...bytes.matchAll(/\/MediaBox\s*\[([^\]]*)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map((x) => Math.round(Number(x))).join(' ')))];
    const pdfText = existsSync(PDFTOTEXT) ? execFileSync(PDFTOTEXT, ['-layout', pdf, '-'], { encoding: 'utf8' }) : undefined;
    if (pdfText === undefined) console.warn(`the PDF's text is not checked: ${PDFTOTEXT} is not installed (apt-get install poppler-utils)`);
    return { screenshot, screenText, tooWide, scrollWidth, pdf, pages, mediaBoxes, pdfText };
  }

  /** snake_case identifiers (nhs_other, avoided_cost_per_success) in text meant for people */
  const identifiers = (text: string): string[] => [...new Set(text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? [])];

  function expectPrintable(c: PrintCheck): void {
    expect(c.tooWide, 'elements wider than an A4 page in print').toEqual([]);
    expect(c.scrollWidth, 'no sideways scrolling in print').toBeLessThanOrEqual(PRINT_WIDTH);
    // A4 portrait: 595 x 842 points
    expect(c.mediaBoxes).toEqual(['0 0 595 842']);
  }

  test('run: the early-years example, with funders, partners and an envelope', async () => {
    const r = await cli(['run', 'fixtures/example/budgets.csv', '-s', 'fixtures/example/early-years.yaml', '--format', 'html'], { env: { SOURCE_DATE_EPOCH: '1790000000' } });
    expect(r.code, r.stderr).toBe(0);
    const c = await print('run-early-years', r.stdout);
    console.log(`screenshot: ${c.screenshot}; PDF: ${c.pdf} (${c.pages} pages)`);
    // the scenario: its description and assumptions in words
    for (const words of [
      'The scenario and its assumptions',
      'A £3.6m-a-year lottery grant for five years',
      'Growth of spend a year',
      'Health 2%; Social care 3.5%; other silos 1%',
      'Share of spend pooled',
      'Social care 30%; Childcare 100%; Health 2%',
      'Success rate',
      'Avoided cost per success',
      'Health £2,098.54; Social care £4,200',
      'Big Lottery Fund',
      '£3,600,000 a year from 2025/26 to 2029/30, then none',
      'Lambridge Council',
      'Growth of funding a year',
      'Data appendix: every figure to the penny',
    ]) {
      expect(c.screenText, words).toContain(words);
    }
    expect(identifiers(c.screenText), 'identifiers where labels belong').toEqual([]);
    // figures in sensible units in the narrative, to the penny in the appendix (the cashable NPV both ways)
    const json = JSON.parse((await cli(['run', 'fixtures/example/budgets.csv', '-s', 'fixtures/example/early-years.yaml', '-f', 'json'])).stdout) as {
      result: { places: { summary: { npv_cashable: number } }[] };
    };
    const npv = json.result.places[0]!.summary.npv_cashable;
    const exact = `£${npv.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const short = `£${(npv / 1e6).toPrecision(3)}m`;
    expect(c.screenText).toContain(exact);
    expect(c.screenText).toContain(short);
    expectPrintable(c);
    // the assumptions, the place, its charts and the appendix each begin a page: several pages, none blank
    expect(c.pages).toBeGreaterThanOrEqual(6);
    if (c.pdfText !== undefined) {
      const pageTexts = c.pdfText.split('\f').filter((t, i, all) => i < all.length - 1 || t.trim() !== '');
      expect(pageTexts.length).toBe(c.pages);
      expect(pageTexts.every((t) => t.trim().length > 0), 'no blank page').toBe(true);
      expect(pageTexts[0]).toContain('Early years partnership');
      expect(pageTexts[0]).toContain('The scenario and its assumptions');
      expect(pageTexts.findIndex((t) => /^\s*Lambridge\s*$/m.test(t)), 'the place starts a page of its own').toBeGreaterThan(0);
      expect(c.pdfText).toContain('Who pays and who benefits');
      expect(c.pdfText).toContain(exact);
      expect(identifiers(c.pdfText.slice(0, c.pdfText.indexOf('Warnings'))), 'identifiers in the PDF').toEqual([]);
    }
  });

  test('compare: two scenarios with their assumptions, one page per place', async () => {
    const r = await cli(
      ['compare', 'fixtures/example/budgets.csv', '-s', 'fixtures/example/whole-place.yaml', '-s', 'fixtures/example/cautious-health-care.yaml', '--format', 'html'],
      { env: { SOURCE_DATE_EPOCH: '1790000000' } },
    );
    expect(r.code, r.stderr).toBe(0);
    const c = await print('compare', r.stdout);
    console.log(`screenshot: ${c.screenshot}; PDF: ${c.pdf} (${c.pages} pages)`);
    expect(c.screenText).toContain('Scenario 1. Whole-place pool: assumptions');
    expect(c.screenText).toContain('Scenario 2. Cautious health and care pool: assumptions');
    expect(c.screenText).toContain('10% of NHS spend, all of social care and childcare');
    expect(identifiers(c.screenText)).toEqual([]);
    expectPrintable(c);
    if (c.pdfText !== undefined) {
      const pageTexts = c.pdfText.split('\f');
      for (const place of ['Lambridge', 'Eastmoor']) expect(pageTexts.some((t) => new RegExp(`^\\s*${place}\\s*$`, 'm').test(t)), place).toBe(true);
    }
  });

  test('the print checks notice a table wider than the page and an identifier (control)', async () => {
    const cells = Array.from({ length: 30 }, (_, i) => `<td>£${i},000,000.00</td>`).join('');
    const wide = `<!DOCTYPE html><html><head><title>x</title><style>td { white-space: nowrap; }</style></head><body><main><p>avoided_cost_per_success</p><table><tr>${cells}</tr></table></main></body></html>`;
    const c = await print('control', wide);
    expect(c.tooWide.length).toBeGreaterThan(0);
    expect(identifiers(c.screenText)).toEqual(['avoided_cost_per_success']);
  });
});
