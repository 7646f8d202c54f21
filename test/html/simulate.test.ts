// The HTML reports of simulate and tornado: golden files, the histogram and tornado charts faithful to their
// figures, escaping, provenance with seed and draws.
import { describe, expect, test } from 'vitest';
import { renderSimulateHtml, renderTornadoHtml } from '../../src/report/html/simulate.js';
import { money } from '../../src/report/numbers.js';
import { NASTY, fixtureMeta } from './fixture.js';
import { lambethSimulation, lambethTornado } from './simulation-fixture.js';
import { expectGolden } from '../helpers/golden.js';

const DATE = '2026-11-22';


function svgOf(html: string, id: string): string {
  const m = new RegExp(`<svg [^>]*id="${id}"[^>]*>[\\s\\S]*?</svg>`).exec(html);
  expect(m, `chart ${id}`).not.toBeNull();
  return m![0];
}

const meta = { ...fixtureMeta('simulate'), seed: 7, draws: 2000 };

describe('simulate report', () => {
  const sim = lambethSimulation();
  const tor = lambethTornado();
  const html = renderSimulateHtml(sim, meta, DATE, tor);

  test('matches its golden file; same inputs, same bytes', () => {
    expectGolden('html/simulate-lambeth.html', html);
    expect(renderSimulateHtml(lambethSimulation(), meta, DATE, lambethTornado())).toBe(html);
  });

  test('headline: chance of a positive NPV, the central value and the P10-P90 range', () => {
    const e = sim.entities[0]!;
    expect(e.probPositive).toBeGreaterThan(0.5);
    expect(html).toContain(`<div class="v">${(e.probPositive * 100).toFixed(1)}%</div>`);
    expect(html).toContain('<div class="v">£4.84m</div><div class="x">£4,839,536.88</div>');
    expect(html).toMatch(/<div class="card wide"><div class="k">Net present value, cashable, P10 to P90<\/div><div class="v">-£[\d.]+m to £[\d.]+m<\/div>/);
  });

  test('the histogram draws every non-empty bin, marks P10, P90 and the centre, and its table adds up to the draws', () => {
    const svg = svgOf(html, 'p1-npv-dist');
    const e = sim.entities[0]!;
    const nonEmpty = e.histogram.filter((b) => b.count > 0).length;
    const straddling = e.histogram.filter((b) => b.from < 0 && b.to > 0 && b.count > 0).length;
    expect(svg.match(/<rect [^>]*class="mark"/g)).toHaveLength(nonEmpty + straddling);
    expect(svg).toContain('Central £4.84m');
    expect(svg).toMatch(/P10 -£[\d.]+m/);
    expect(svg).toMatch(/P90 £[\d.]+m/);
    expect(svg).toContain('Share of draws');
    const table = /<caption>Figures: distribution of the cashable net present value, Lambeth<\/caption>[\s\S]*?<\/table>/.exec(html)![0];
    const counts = [...table.matchAll(/<\/th><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(20);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  test('the tornado draws two bars per value from the central NPV, largest swing first, with its table', () => {
    const svg = svgOf(html, 'p1-tornado');
    expect(svg.match(/<rect [^>]*class="mark"/g)).toHaveLength(6);
    const labels = [...svg.matchAll(/<text [^>]*text-anchor="end"[^>]*font-size="12">([^<]+)</g)].map((m) => m[1]);
    // a long label is broken after its "Intervention:" part
    expect(labels).toEqual(['Family intervention: success rate', 'Family intervention:', 'cost per participant', 'Growth of spend a year,', 'social care']);
    expect(svg).toContain('>0.4178 to 0.5524<');
    const bar = tor.entities[0]!.bars[0]!;
    expect(html).toContain(`<th scope="row">Family intervention: success rate</th><td>0.4178</td><td>0.5524</td><td>${money(bar.npvLow)}</td><td>${money(bar.npvHigh)}</td><td>${money(bar.swing)}</td>`);
    // bars start at the central value: the P10 bar of the first row ends there
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*class="mark"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const centreX = rects[1]![0]!; // the P90 bar (above the centre) starts at it
    expect(rects[0]![0]! + rects[0]![1]!).toBeCloseTo(centreX, 0);
  });

  test('statistics, payback years and the uncertain values', () => {
    expect(html).toContain('<caption>Statistics over the draws, Lambeth (payback as a year index, over the draws that pay back)</caption>');
    expect(html).toMatch(/<th scope="row">never \(not within the horizon\)<\/th><td>\d+<\/td>/);
    expect(html).toContain('<th scope="row">Family intervention: cost per participant</th><td class="l">interventions.0.cost_per_participant</td><td class="l">PERT(4500, 5214, 6500)</td><td>5214</td><td>0.01 to no limit</td><td>0</td>');
  });

  test('provenance carries the seed and the draws', () => {
    const prov = html.slice(html.indexOf('id="provenance"'));
    expect(prov).toContain('<dt>Seed</dt><dd>7</dd>');
    expect(prov).toContain('<dt>Draws</dt><dd>2000</dd>');
    // taken from the result when the meta lacks them
    const bare = renderSimulateHtml(sim, fixtureMeta('simulate'), DATE);
    expect(bare).toContain('<dt>Seed</dt><dd>7</dd>');
    expect(bare).not.toContain('p1-tornado');
  });

  test('every draw equal: one bin of no width is still drawn', () => {
    const s = lambethSimulation();
    s.entities[0]!.histogram = [{ from: 4839536.88, to: 4839536.88, count: 2000 }];
    const svg = svgOf(renderSimulateHtml(s, meta, DATE), 'p1-npv-dist');
    const bars = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*class="mark"/g)].map((m) => Number(m[1]));
    expect(bars).toEqual([11]);
  });

  test('escapes names', () => {
    const s = lambethSimulation();
    s.scenario = NASTY;
    s.entities[0]!.place = NASTY;
    s.parameters[0]!.label = NASTY;
    const out = renderSimulateHtml(s, meta, DATE);
    expect(out).not.toContain('<script');
    expect(out).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</h1>');
  });
});

describe('tornado report', () => {
  test('matches its golden file', () => {
    const html = renderTornadoHtml(lambethTornado(), fixtureMeta('tornado'), DATE);
    expectGolden('html/tornado-lambeth.html', html);
    expect(html).toContain('id="p1-tornado"');
    expect(html).toContain('Central £4.84m');
  });

  test('no uncertain values: says so', () => {
    const t = lambethTornado();
    t.entities[0]!.bars = [];
    expect(renderTornadoHtml(t, fixtureMeta('tornado'), DATE)).toContain('The scenario has no uncertain values');
  });
});

describe('simulate report from the real simulation of the bundled uncertain example', () => {
  test('every entity gets its histogram and tornado; byte-stable for the same seed', async () => {
    const { exampleSimulation } = await import('./real-simulation.js');
    const { sim, tor, meta } = await exampleSimulation();
    const html = renderSimulateHtml(sim, meta, DATE, tor);
    const ids = [...html.matchAll(/<svg [^>]*role="img"[^>]*id="([^"]+)"/g)].map((m) => m[1]);
    expect(sim.entities.length).toBeGreaterThanOrEqual(1);
    expect(ids).toEqual(sim.entities.flatMap((_, i) => [`p${i + 1}-npv-dist`, `p${i + 1}-tornado`]));
    for (const p of sim.parameters) expect(html).toContain(`<td class="l">${p.path}</td>`);
    expect(html).toContain(`<dt>Seed</dt><dd>11</dd>`);
    const again = await exampleSimulation();
    expect(renderSimulateHtml(again.sim, again.meta, DATE, again.tor)).toBe(html);
  });
});
