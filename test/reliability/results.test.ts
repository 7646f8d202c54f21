// Issue 16, silent wrong results (items 13, 14): a measure with no computed draws is never reported as if it
// had them; JSON writes the exact decimal that CSV writes.
import { describe, expect, it } from 'vitest';
import { MEASURE_COUNT } from '../../src/uncertainty/compiled.js';
import { drawInThread } from '../../src/uncertainty/pool.js';
import { prepareSimulation, summariseDraws } from '../../src/uncertainty/simulate.js';
import { SUMMARY_MEASURES } from '../../src/model/types.js';
import { workedExample } from '../helpers/model.js';

describe('draws that fail in floating point (item 13)', () => {
  const { budgets, scenario } = workedExample();
  const prepared = prepareSimulation(budgets, scenario);
  const n = 50;
  const real = drawInThread(prepared.model, n, 1);
  const npvAt = SUMMARY_MEASURES.indexOf('npv_cashable');

  /** The real draws with those in `failed` made as an overflow makes them: npv Infinity, payback year 0. */
  function withFailures(failed: (i: number) => boolean) {
    const outputs = real.outputs.map((col, o) => {
      const m = o % MEASURE_COUNT;
      const out = Float64Array.from(col);
      for (let i = 0; i < n; i++) {
        if (!failed(i)) continue;
        if (m === npvAt) out[i] = Infinity;
        else if (SUMMARY_MEASURES[m] === 'payback_t' || SUMMARY_MEASURES[m] === 'peak_funding_requirement') out[i] = 0;
        else out[i] = NaN;
      }
      return out;
    });
    return summariseDraws(scenario, prepared.centre, prepared.model, { ...real, outputs }, { draws: n, seed: 1 });
  }

  it('when every draw fails, no measure has a count, and no draw pays back in year 0', () => {
    const sim = withFailures(() => true);
    for (const e of sim.entities) {
      for (const m of e.measures) expect([m.measure, m.count, m.mean]).toEqual([m.measure, 0, null]);
      expect(e.payback.every((b) => b.count === 0)).toBe(true);
      expect(e.probPositive).toBe(0);
      expect(e.probNever).toBe(0);
    }
  });

  it('when some fail, payback and peak funding count only the computed draws, and the payback shares add up to 1', () => {
    const sim = withFailures((i) => i % 5 === 0);
    const good = n - n / 5;
    for (const e of sim.entities) {
      for (const m of ['payback_t', 'peak_funding_requirement', 'npv_cashable']) expect(e.measures.find((x) => x.measure === m)!.count).toBeLessThanOrEqual(good);
      expect(e.payback.reduce((a, b) => a + b.count, 0)).toBe(good);
      expect(e.payback.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 12);
    }
    // no failure: the statistics are those of the plain summary
    const plain = summariseDraws(scenario, prepared.centre, prepared.model, real, { draws: n, seed: 1 });
    expect(withFailures(() => false)).toEqual(plain);
  });
});

describe('JSON numbers are the exact decimals CSV writes (item 14)', () => {
  it('a 16-digit amount keeps its pence in run, compare and simulate JSON', async () => {
    const { D } = await import('../../src/decimal.js');
    const { runModel } = await import('../../src/model/engine.js');
    const { renderRunJson, renderWideCsv } = await import('../../src/report/run.js');
    const { renderCompareJson } = await import('../../src/report/compare.js');
    const { reportMeta } = await import('../../src/report/meta.js');
    const { budgets, scenario } = workedExample();
    const result = runModel(budgets, scenario);
    const big = new D('860768650886818.31');
    const patched = { ...result, places: result.places.map((p) => ({ ...p, summary: { ...p.summary, pv_costs: big } })) };
    const meta = reportMeta('run', [budgets.source], [scenario.name]);
    const json = renderRunJson(patched, meta);
    expect(json).toContain('"pv_costs": 860768650886818.31');
    expect(renderWideCsv([patched])).toContain('860768650886818.31');
    expect(renderCompareJson([patched, patched], meta)).toContain('860768650886818.31');
    // the document is still JSON, and numbers a float holds exactly read as before
    expect(() => JSON.parse(json)).not.toThrow();
    const { jsonDecimal, jsonWithNumbers } = await import('../../src/report/json-numbers.js');
    expect(jsonWithNumbers({ a: jsonDecimal('0.100000'), b: jsonDecimal('-0.00'), c: jsonDecimal('1234.50'), d: jsonDecimal(''), e: jsonDecimal('1e-7') })).toBe(
      JSON.stringify({ a: 0.1, b: 0, c: 1234.5, d: null, e: 1e-7 }, null, 2) + '\n',
    );
  });
});

/** The problems an input error lists, as they are printed. */
async function problemsOf(f: () => unknown): Promise<string> {
  const { PlacepoolError, formatProblem } = await import('../../src/errors.js');
  try {
    f();
  } catch (err) {
    if (err instanceof PlacepoolError) return err.problems.map(formatProblem).join('\n');
    throw err;
  }
  return '';
}

describe('YAML aliases (items 4, 12)', () => {
  it('an undefined alias is an error at its place, not an empty section', async () => {
    const { parseDocument } = await import('../../src/io/document.js');
    const source = { name: 's.yaml', sha256: '' };
    expect(await problemsOf(() => parseDocument('name: x\ngrowth: *typo\n', source))).toContain('s.yaml:2:9: the alias *typo names no anchor');
    // an alias names the last anchor of its name before it
    const doc = parseDocument('a: &x 1\nb: *x\nc: &x 2\nd: *x\n', source);
    expect([doc.get('b'), doc.get('d')].map((n) => (n?.kind === 'scalar' ? n.text : ''))).toEqual(['1', '2']);
    expect(await problemsOf(() => parseDocument('a: *x\nb: &x 1\n', source))).toContain('names no anchor');
  });

  it('10,000 aliases are read (resolved once each, in linear time); 10,001 are refused', async () => {
    const { parseDocument, MAX_ALIASES } = await import('../../src/io/document.js');
    const source = { name: 's.yaml', sha256: '' };
    const doc = (n: number) => `name: x\nnote: &a { b: 1, c: [1, 2] }\nlist:\n${'  - *a\n'.repeat(n)}`;
    const ok = parseDocument(doc(MAX_ALIASES), source).get('list');
    expect(ok?.kind === 'seq' ? ok.items.length : 0).toBe(MAX_ALIASES);
    expect(() => parseDocument(doc(MAX_ALIASES + 1), source)).toThrow(`more than ${MAX_ALIASES.toLocaleString('en-GB')} aliases`);
  });
});

describe('two sweep paths naming one field (item 11)', () => {
  it.each([
    ['an intervention by index and by name', 'test/fixtures/batch/bad/sweep-same-field.yaml', 'interventions.1.success_rate` and `interventions.Employment support.success_rate'],
    ['a silo as an identifier and as written', 'test/fixtures/batch/bad/sweep-same-silo.yaml', 'growth.social_care` and `growth.Social care'],
  ])('%s is refused (exit 65) naming both paths', async (_name, manifest, paths) => {
    const { cli } = await import('../helpers/cli.js');
    const r = await cli(['batch', manifest, '--jobs', '1', '-o', 'never-written', '-q']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`the sweep paths \`${paths}\` name the same field`);
  });
});
