// The HTML reports of run and compare: byte-stable (golden files), escaped, complete and faithful to the
// figures they are given.
import { describe, expect, test } from 'vitest';
import { D } from '../../src/decimal.js';
import type { RunResult } from '../../src/model/types.js';
import { renderCompareHtml, difference } from '../../src/report/html/compare.js';
import { renderRunHtml } from '../../src/report/html/run.js';
import { money, moneyShort } from '../../src/report/numbers.js';
import { LAMBETH, NASTY, boldResult, buildPlace, fixtureMeta, idleResult, lambethResult, nastyResult, oneYearResult } from './fixture.js';
import { expectGolden } from '../helpers/golden.js';

const DATE = '2026-11-22';


/** Every <svg> of a page, with its title, description and the first table after it. */
function charts(html: string): { id: string; svg: string; title: string; desc: string; tableAfter: string }[] {
  return [...html.matchAll(/<svg [^>]*id="([^"]+)"[^>]*>([\s\S]*?)<\/svg>/g)].map((m) => {
    const after = html.slice(m.index! + m[0].length);
    return {
      id: m[1]!,
      svg: m[0],
      title: /<title id="[^"]+-title">([^<]*)<\/title>/.exec(m[2]!)?.[1] ?? '',
      desc: /<desc id="[^"]+-desc">([^<]*)<\/desc>/.exec(m[2]!)?.[1] ?? '',
      tableAfter: /<table[\s\S]*?<\/table>/.exec(after)?.[0] ?? '',
    };
  });
}

function tableRows(tableHtml: string): string[][] {
  return [...tableHtml.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!));
}

/** The rows of the tables captioned `caption` (a years-across table split into several), joined across. */
function joinedRows(html: string, caption: string): string[][] {
  const esc = caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = [...html.matchAll(new RegExp(`<caption>${esc}(?:, [^<]*)?</caption>[\\s\\S]*?</table>`, 'g'))].map((m) => tableRows(m[0]));
  return parts[0]!.map((row, i) => [row[0]!, ...parts.flatMap((p) => p[i]!.slice(1))]);
}

describe('run report', () => {
  const result = lambethResult();
  const html = renderRunHtml(result, fixtureMeta(), DATE);

  test('matches its golden file, and the same inputs give the same bytes', () => {
    expectGolden('html/run-lambeth.html', html);
    expect(renderRunHtml(lambethResult(), fixtureMeta(), DATE)).toBe(html);
  });

  test('is one self-contained page: no scripts, no external resources, a policy that forbids them', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg")/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('@media print');
  });

  test('headline and summary carry the exact figures', () => {
    const s = result.places[0]!.summary;
    for (const v of [s.npv_cashable, s.npv_fiscal, s.peak_funding_requirement, s.pv_costs, s.total_investment]) expect(html).toContain(money(v));
    expect(html).toContain('£4.84m'); // NPV cashable, short
    expect(html).toContain('<div class="v">2033/34 (year 8)</div>'); // payback t = 8, one convention everywhere
    expect(html).toContain('2033/34 (year 8)');
    expect(html).toContain('1.074076'); // cashable ROI to 6 dp
    expect(html).toContain('16.07%'); // final scenario prevention share
  });

  test('draws the charts, each titled, described and followed by the table of its figures', () => {
    const list = charts(html);
    expect(list.map((c) => c.id)).toEqual(['p1-cash', 'p1-spend', 'p1-settle', 'p1-benefits']);
    for (const c of list) {
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.desc.length).toBeGreaterThan(40);
      expect(c.svg).toContain('role="img"');
      expect(c.svg).toContain(`aria-labelledby="${c.id}-title ${c.id}-desc"`);
      expect(c.svg).toMatch(/class="mark"/);
      expect(c.svg).toMatch(/£/); // money on an axis
      expect(c.tableAfter).toMatch(/<caption>Figures: /);
    }
    const [cash, spend, settle] = list;
    expect(cash!.svg).toContain('Payback 2033/34');
    expect(cash!.svg).toContain('Peak funding requirement £9.39m');
    expect(cash!.desc).toContain('lowest in 2027/28 at -£9.39m');
    // one bar per year, two lines
    expect(cash!.svg.match(/<rect [^>]*class="mark"/g)).toHaveLength(10);
    expect(cash!.svg.match(/<path [^>]*class="mark"/g)).toHaveLength(2);
    // baseline and scenario line for each of the four silos with lines; none for the external silo
    expect(spend!.svg.match(/<path [^>]*class="mark"/g)).toHaveLength(8);
    expect(spend!.svg).not.toContain('criminal_justice');
    // before and after for each of the five settlement rows
    expect(settle!.svg.match(/<rect [^>]*class="mark"/g)).toHaveLength(10);
    expect(settle!.svg.match(/wrong pocket/g)).toHaveLength(3);
  });

  test('the chart tables hold the figures of the chart', () => {
    const [cash, spend] = charts(html);
    const p = result.places[0]!;
    // beside the chart in sensible units (£1.22m)
    const rows = tableRows(cash!.tableAfter);
    expect(rows[0]).toEqual(['Measure', ...result.years.map((y) => y.label)]);
    expect(rows[1]).toEqual(['Net cashable in the year', ...p.all.map((y) => moneyShort(y.net_cashable))]);
    expect(rows[2]).toEqual(['Cumulative, cash', ...p.all.map((y) => moneyShort(y.cumulative_net_cashable))]);
    // the discounted running total reaches the NPV
    expect(rows[4]![10]).toBe(moneyShort(p.summary.npv_cashable));
    const spendRows = tableRows(spend!.tableAfter);
    const health = p.silos.find((s) => s.silo === 'health')!;
    expect(spendRows.find((r) => r[0] === 'Health, scenario')).toEqual(['Health, scenario', ...health.years.map((y) => moneyShort(y.scenario_spend))]);
    expect(spendRows.find((r) => r[0] === 'Health, change')).toEqual(['Health, change', ...health.years.map((y) => moneyShort(y.scenario_spend.minus(y.baseline_spend)))]);
    // and to the penny in the data appendix, five years to a table
    const appendix = html.slice(html.indexOf('<section class="appendix break" id="appendix">'));
    const exact = joinedRows(appendix, 'Cumulative net cashable position, Lambeth (£, real terms)');
    expect(exact[1]).toEqual(['Net cashable in the year', ...p.all.map((y) => money(y.net_cashable))]);
    expect(exact[4]![10]).toBe(money(p.summary.npv_cashable));
    const exactSpend = joinedRows(appendix, 'Spend by silo, Lambeth (£ a year, real terms)');
    expect(exactSpend.find((r) => r[0] === 'Health, scenario')).toEqual(['Health, scenario', ...health.years.map((y) => money(y.scenario_spend))]);
  });

  test('the spend panels share one scale from £0', () => {
    const spend = charts(html)[1]!.svg;
    expect(spend).toContain('Every panel on one scale, from £0');
    // every panel has the same ticks, starting at £0
    const panels = spend.split(/font-weight="bold" font-size="12">/).slice(1).map((part) => [...part.matchAll(/text-anchor="end" fill="#555555" font-size="11">(£[^<]+)</g)].map((m) => m[1]));
    expect(panels).toHaveLength(4);
    expect(panels[0]![0]).toBe('£0');
    for (const ticks of panels) expect(ticks).toEqual(panels[0]);
  });

  test('settlement: wrong pockets highlighted, in words as well as colour, totals add up', () => {
    const rows = [...html.matchAll(/<tr class="wrong"><th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    // in the narrative and again in the appendix
    expect(rows).toEqual(['Childcare', 'Health', 'Social care', 'Childcare', 'Health', 'Social care']);
    expect(result.places[0]!.settlement.filter((r) => r.wrongPocket).map((r) => r.silo)).toEqual(['childcare', 'health', 'social_care']);
    expect(html).toContain('<td class="l flag">wrong pocket</td>');
    expect(html).toContain('<th scope="row">Criminal justice (external)</th>');
    // transfers sum to zero (to the penny in the appendix)
    expect(html).toMatch(/<tr class="total"><th scope="row">All silos<\/th><td>£65.3m<\/td><td>£70.2m<\/td><td>£4.84m<\/td><td>£0<\/td><td>£4.84m<\/td>/);
    expect(html).toMatch(/<tr class="total"><th scope="row">All silos<\/th><td>£65,331,773\.71<\/td><td>£70,171,310\.59<\/td><td>£4,839,536\.88<\/td><td>£0\.00<\/td><td>£4,839,536\.88<\/td>/);
  });

  test('interventions, yearly tables by silo, warnings and provenance', () => {
    expect(html).toContain('<th scope="row">Family intervention</th>');
    expect(html).toContain('<th scope="row">Back to work with childcare</th>');
    for (const s of ['Childcare', 'Employment', 'Health', 'Social care']) expect(html).toContain(`<caption>Yearly flows: ${s}, Lambeth (£, real terms), 2025/26 to 2029/30</caption>`);
    expect(html).toContain('<caption>Yearly flows: Criminal justice (external: no budget lines), Lambeth (£, real terms), 2030/31 to 2034/35</caption>');
    expect(html).toContain('<code>external-silo</code>');
    const prov = html.slice(html.indexOf('<section class="prov-section"'));
    for (const i of fixtureMeta().inputs) {
      expect(prov).toContain(`<th scope="row">${i.name}</th><td class="l hash">${i.sha256}</td>`);
    }
    expect(prov).toContain('<dt>Tool</dt><dd>placepool 0.1.0</dd>');
    expect(prov).toContain(`<dt>Date</dt><dd>${DATE}</dd>`);
    expect(prov).toContain('<dt>Scenario</dt><dd>Lambeth whole-place pool</dd>');
    expect(prov).not.toContain('<dt>Seed</dt>');
    const seeded = renderRunHtml(result, { ...fixtureMeta(), seed: 7, draws: 2000 }, DATE);
    expect(seeded).toContain('<dt>Seed</dt><dd>7</dd>');
    expect(seeded).toContain('<dt>Draws</dt><dd>2000</dd>');
  });

  test('escapes every name a user wrote', () => {
    const nasty = renderRunHtml(nastyResult(), fixtureMeta('run', [NASTY]), DATE);
    expect(nasty).not.toContain('<script');
    expect(nasty).not.toContain('& "x"');
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;';
    expect(nasty).toContain(`<title>${escaped}: placepool run</title>`);
    expect(nasty).toContain(`<h1>${escaped}</h1>`);
    expect(nasty).toContain(`<h2>${escaped}</h2>`);
    expect(nasty).toContain(`<th scope="row">${escaped}</th>`); // intervention
    expect(nasty).toContain(`<title id="p1-cash-title">Cumulative net cashable position, ${escaped}</title>`);
    expect(nasty).toContain(`warning about ${escaped}`);
    expect(nasty).toContain(`<dt>Scenario</dt><dd>${escaped}</dd>`);
    expectGolden('html/run-nasty.html', nasty);
  });
});

describe('run report: several places, long horizons, nothing to show', () => {
  test('two places, twelve years: a section per place, an all-places section, year tables split at ten years', () => {
    const spec = { ...LAMBETH, horizon: 12 };
    const a = buildPlace(spec);
    const b = buildPlace({ ...spec, place: 'Southwark' });
    const all = a.place.all.map((y, t) => {
      const z = b.place.all[t]!;
      const out = { ...y };
      for (const k of Object.keys(y) as (keyof typeof y)[]) {
        const u = y[k];
        const v = z[k];
        if (k !== 'discount_factor' && u instanceof D && v instanceof D) (out as Record<string, D | null>)[k] = u.plus(v);
      }
      return out;
    });
    const result: RunResult = {
      scenario: 'Two boroughs',
      baseYear: 2025,
      horizon: 12,
      hasFunders: false,
      hasEnvelope: false,
      priceBase: 2025,
      years: a.years,
      places: [a.place, b.place],
      allPlaces: { place: 'all places', all, summary: a.place.summary },
      warnings: [],
    };
    const html = renderRunHtml(result, fixtureMeta(), DATE);
    expect(charts(html).map((c) => c.id)).toEqual(['p1-cash', 'p1-spend', 'p1-settle', 'p1-benefits', 'p2-cash', 'p2-spend', 'p2-settle', 'p2-benefits', 'all-cash']);
    expect(html).toContain('<section class="place break" id="place-2">');
    expect(html).toContain('<a href="#all-places">All places</a>');
    // exact figures five years to a table, short ones ten
    expect(html).toContain('<caption>Yearly flows: Health, Southwark (£, real terms), 2025/26 to 2029/30</caption>');
    expect(html).toContain('<caption>Yearly flows: Health, Southwark (£, real terms), 2035/36 to 2036/37</caption>');
    const second = /<caption>Figures: cumulative net cashable position, Lambeth \(£, real terms\), 2035\/36 to 2036\/37<\/caption>[\s\S]*?<\/table>/.exec(html)![0];
    expect(tableRows(second)[0]).toEqual(['Measure', '2035/36', '2036/37']);
    expect(html).toContain('<p>None.</p>'); // no warnings
  });

  test('a one-year horizon: lines become dots, tables have one year', () => {
    const html = renderRunHtml(oneYearResult(), fixtureMeta(), DATE);
    const [cash, spend] = charts(html);
    expect(cash!.svg.match(/<circle [^>]*class="mark"/g)).toHaveLength(2 + 1); // two one-point lines and the peak marker
    expect(spend!.svg.match(/<circle [^>]*class="mark"/g)).toHaveLength(8);
    expect(spend!.svg).not.toMatch(/<path [^>]*class="mark"/);
    expect(tableRows(cash!.tableAfter)[0]).toEqual(['Measure', '2025/26']);
  });

  test('a scenario that invests nothing: no ROI, no settlement rows, flat zero lines on an axis of their own', () => {
    const r = idleResult();
    const s = r.places[0]!.summary;
    expect(s.pv_costs!.isZero() && s.cashable_roi === null && s.payback_t === 0 && s.peak_funding_requirement!.isZero()).toBe(true);
    expect(r.places[0]!.settlement).toEqual([]);
    const html = renderRunHtml(r, fixtureMeta(), DATE);
    expect(html).toContain('<div class="v">n/a</div><div class="x">no costs</div>');
    const list = charts(html);
    expect(list.map((c) => c.id)).toEqual(['p1-cash', 'p1-spend', 'p1-benefits']);
    expect(list[0]!.svg).toContain('Payback 2025/26');
    expect(list[0]!.svg).not.toContain('Peak funding');
    expect(html).toContain('<p>No silo pays or gains anything: there is nothing to settle.</p>');
  });

  test('no payback, no funding requirement, no interventions, no wrong pocket', () => {
    const r = lambethResult();
    const p = r.places[0]!;
    p.summary = { ...p.summary, payback_t: null, peak_funding_requirement: new D(0), cashable_roi: null, fiscal_roi: null };
    p.interventions = [];
    p.settlement = p.settlement.map((row) => ({ ...row, wrongPocket: false }));
    const html = renderRunHtml(r, fixtureMeta(), DATE);
    expect(html).toContain('<div class="v">Never</div>');
    expect(html).toContain('<td>never</td>');
    expect(html).toContain('The scenario has no interventions.');
    const cash = charts(html)[0]!;
    expect(cash.svg).not.toContain('Payback');
    expect(cash.svg).not.toContain('Peak funding');
    expect(cash.desc).toContain('no payback within the horizon');
    expect(charts(html)[2]!.desc).toContain('No silo is a wrong pocket.');
    expect(charts(html)[2]!.svg).not.toContain('>wrong pocket<');
    expect(html).not.toContain('<tr class="wrong">');
  });
});

describe('run report: details', () => {
  test('a combined place names its members; a located warning says where', () => {
    const r = lambethResult();
    r.places[0]!.place = 'Lambeth + Southwark';
    r.places[0]!.members = ['Lambeth', 'Southwark'];
    r.warnings.push({ code: 'binding-cap', message: 'avoided cost capped at reactive spend', loc: { file: 'scenario.yaml', line: 12, column: 5, path: 'interventions[0]' } });
    const html = renderRunHtml(r, fixtureMeta(), DATE);
    expect(html).toContain('<h2>Lambeth + Southwark</h2>');
    expect(html).toContain('<p class="note">Combined place: Lambeth + Southwark.</p>');
    expect(html).toContain('<li><code>binding-cap</code> <span class="note">scenario.yaml:12:5 (interventions[0]):</span> avoided cost capped at reactive spend</li>');
  });
});

describe('compare report', () => {
  const results = [lambethResult(), boldResult()];
  const html = renderCompareHtml(results, fixtureMeta('compare', results.map((r) => r.scenario)), DATE);

  test('matches its golden file', () => {
    expectGolden('html/compare-lambeth.html', html);
    expect(renderCompareHtml([lambethResult(), boldResult()], fixtureMeta('compare', results.map((r) => r.scenario)), DATE)).toBe(html);
  });

  test('summaries side by side with the differences from the first', () => {
    const table = /<caption>Summaries side by side, Lambeth[\s\S]*?<\/table>/.exec(html)![0];
    const rows = tableRows(table);
    expect(rows[0]).toEqual(['Measure', '1. Lambeth whole-place pool', '2. Bold shift', 'Difference from 1']);
    const a = results[0]!.places[0]!.summary;
    const b = results[1]!.places[0]!.summary;
    const npv = rows.find((r) => r[0] === 'Net present value, cashable')!;
    expect(npv).toEqual(['Net present value, cashable', moneyShort(a.npv_cashable), moneyShort(b.npv_cashable), moneyShort(b.npv_cashable!.minus(a.npv_cashable!))]);
    // to the penny in the data appendix
    const exact = tableRows(/<caption>Summaries side by side, Lambeth \(exact\)[\s\S]*?<\/table>/.exec(html)![0]);
    expect(exact.find((r) => r[0] === 'Net present value, cashable')).toEqual(['Net present value, cashable', money(a.npv_cashable), money(b.npv_cashable), money(b.npv_cashable!.minus(a.npv_cashable!))]);
    expect(exact.find((r) => r[0]!.startsWith('Prevention share in the final year, scenario'))![3]).toBe('+0.63 pp');
    expect(rows.find((r) => r[0] === 'Payback year')).toEqual(['Payback year', '2033/34 (year 8)', 'never', '']);
    expect(rows.find((r) => r[0]!.startsWith('Prevention share in the final year, scenario'))![3]).toBe('+0.6 pp');
  });

  test('charts of NPV and ROI with their figures', () => {
    const list = charts(html);
    expect(list.map((c) => c.id)).toEqual(['p1-npv', 'p1-roi']);
    expect(list[0]!.svg.match(/<rect [^>]*class="mark"/g)).toHaveLength(4);
    expect(list[1]!.svg).toContain('breaks even');
    expect(list[1]!.desc).toContain('2. Bold shift: 1.00 cashable, 1.42 fiscal');
    // a return just under 1 never reads as 1.00 in the narrative
    expect(tableRows(list[1]!.tableAfter)[2]).toEqual(['2. Bold shift', '0.999', '1.422']);
  });

  test('differences are signed and in the measure\'s own terms', () => {
    expect(difference('npv_cashable', new D('100.5'), new D('50'))).toBe('+£50.50');
    expect(difference('npv_cashable', new D('50'), new D('100.5'))).toBe('-£50.50');
    expect(difference('npv_cashable', new D('50'), new D('50'))).toBe('£0.00');
    expect(difference('cashable_roi', new D('1.5'), new D('1.25'))).toBe('+0.250000');
    expect(difference('final_scenario_prevention_share', new D('0.16'), new D('0.1525'))).toBe('+0.75 pp');
    expect(difference('payback_t', 6, 8)).toBe('-2 years');
    expect(difference('payback_t', 9, 8)).toBe('+1 year');
    expect(difference('payback_t', null, 8)).toBe('');
  });

  test('a place one scenario does not model is shown as such, without differences', () => {
    const other = lambethResult({ ...LAMBETH, scenario: 'Elsewhere', place: 'Southwark' });
    const html = renderCompareHtml([lambethResult(), other], fixtureMeta('compare'), DATE);
    const lambeth = tableRows(/<caption>Summaries side by side, Lambeth[\s\S]*?<\/table>/.exec(html)![0]);
    expect(lambeth.find((r) => r[0] === 'Net present value, cashable')!.slice(2)).toEqual(['not modelled', '']);
    const southwark = tableRows(/<caption>Summaries side by side, Southwark[\s\S]*?<\/table>/.exec(html)![0]);
    expect(southwark.find((r) => r[0] === 'Net present value, cashable')![1]).toBe('not modelled');
    // each place's charts show only the scenarios that model it
    expect(charts(html).map((c) => c.id)).toEqual(['p1-npv', 'p1-roi', 'p2-npv', 'p2-roi']);
    expect(charts(html)[0]!.svg.match(/<rect [^>]*class="mark"/g)).toHaveLength(2);
  });

  test('escapes scenario and place names', () => {
    const nasty = renderCompareHtml([lambethResult(), nastyResult()], fixtureMeta('compare'), DATE);
    expect(nasty).not.toContain('<script');
    expect(nasty).toContain('2. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });
});

describe('the scenario and its assumptions (run and compare through the CLI)', () => {
  test('run: the description, the settings, each intervention, funders, partners and the envelope, in words', async () => {
    const { cli } = await import('../helpers/cli.js');
    const r = await cli(['run', 'fixtures/example/budgets.csv', '-s', 'fixtures/example/early-years.yaml', '-f', 'html'], { env: { SOURCE_DATE_EPOCH: '1790000000' } });
    expect(r.code, r.stderr).toBe(0);
    const html = r.stdout;
    expect(html).toContain('<p class="lede">A £3.6m-a-year lottery grant for five years');
    const section = html.slice(html.indexOf('<section class="assumptions" id="assumptions">'), html.indexOf('<section class="place'));
    const settings = tableRows(/<caption>The scenario<\/caption>[\s\S]*?<\/table>/.exec(section)![0]);
    const row = (name: string) => settings.find((x) => x[0] === name)?.[1];
    expect(row('Places')).toBe('Lambridge');
    expect(row('Years modelled')).toBe('10 years, 2025/26 to 2034/35');
    expect(row('Prices')).toBe('2024/25 prices, discounted to 2025/26 (converted with HM Treasury GDP deflator at market prices, December 2025 (calendar years, 2024 = 100))');
    expect(row('Growth of spend a year')).toBe('Health 2%; Social care 3.5%; other silos 1%');
    expect(row('Share of spend pooled')).toBe('Social care 30%; Childcare 100%; Health 2%');
    expect(row('Shift into prevention a year')).toBe('0.5% every year (of pooled reactive spend)');
    expect(row('Savings reinvested')).toBe('25% of last year&#39;s gross cashable savings');
    expect(row('Settlement rule')).toBe('no worse off: first making good any silo that pays more than it gains');
    expect(row('Growth of funding a year')).toBe('Social care -1%; other silos -2%');
    const inputs = tableRows(/<caption>Interventions: their inputs<\/caption>[\s\S]*?<\/table>/.exec(section)![0]);
    expect(inputs[0]).toEqual(['Input', 'Home visiting in pregnancy and infancy', 'Family support']);
    expect(inputs.find((x) => x[0] === 'Cost per participant')).toEqual(['Cost per participant', '£3,200', '£6,984.37']);
    expect(inputs.find((x) => x[0] === 'Success rate')).toEqual(['Success rate', '30%', '45%']);
    expect(inputs.find((x) => x[0] === 'Avoided cost per success')).toEqual(['Avoided cost per success', 'Health £2,098.54; Social care £4,200', 'Social care £9,000; Housing £2,000; Employment £12,837.59']);
    expect(inputs.find((x) => x[0] === 'Optimism bias')).toEqual(['Optimism bias', '10% (from the evidence grade)', '10% (from the evidence grade)']);
    const funders = tableRows(/<caption>Funders: money from outside the place<\/caption>[\s\S]*?<\/table>/.exec(section)![0]);
    expect(funders[1]).toEqual(['Big Lottery Fund', '£3,600,000 a year from 2025/26 to 2029/30, then none', 'none', 'every observed outcome']);
    expect(funders[2]![2]).toBe('Family support: £800 per outcome');
    const partners = tableRows(/<caption>Partners: the organisations that settle together<\/caption>[\s\S]*?<\/table>/.exec(section)![0]);
    expect(partners.slice(1)).toEqual([
      ['Lambridge Council', 'Social care, Childcare, Housing'],
      ['Lambridge NHS', 'Health'],
    ]);
  });

  test('compare: each scenario has its own assumptions section', async () => {
    const { cli } = await import('../helpers/cli.js');
    const r = await cli(['compare', 'fixtures/example/budgets.csv', '-s', 'fixtures/example/whole-place.yaml', '-s', 'fixtures/example/uncertain.yaml', '-f', 'html']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('<section class="assumptions" id="assumptions-1">');
    expect(r.stdout).toContain('<section class="assumptions break" id="assumptions-2">');
    expect(r.stdout).toContain('<h2>Scenario 2. Whole-place pool (uncertain): assumptions</h2>');
    // the uncertain scenario lists its distributions in words
    const uncertain = tableRows(/<caption>Uncertain values[^<]*<\/caption>[\s\S]*?<\/table>/.exec(r.stdout)![0]);
    expect(uncertain.find((x) => x[0] === 'Family intervention: cost per participant')).toEqual([
      'Family intervention: cost per participant',
      // £5,214 and its range written at 2014/15 prices, converted to 2024/25's
      '£6,984.37',
      'triangular: low £6,027.94, most likely £6,984.37, high £8,707.02',
    ]);
  });
});
