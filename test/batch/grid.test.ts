import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coordsOf, gridSize, parseShard, shardCount, shardIds, type GridShape } from '../../src/batch/grid.js';
import { SummaryAccumulator, LIST_FAILED, LIST_WORST, renderSummary, type BatchRecord } from '../../src/batch/summary.js';

const shapes = fc.record({
  scenarios: fc.integer({ min: 1, max: 3 }),
  sweep: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
  places: fc.integer({ min: 1, max: 3 }),
});

describe('run numbering', () => {
  it('follows scenarios, then sweep points with the last key fastest, then places', () => {
    fc.assert(
      fc.property(shapes, (shape: GridShape) => {
        // the order written out as nested loops
        const expected: { scenario: number; sweep: number[]; place: number }[] = [];
        const points = (keys: readonly number[]): number[][] => (keys.length === 0 ? [[]] : points(keys.slice(0, -1)).flatMap((p) => Array.from({ length: keys[keys.length - 1]! }, (_, i) => [...p, i])));
        for (let s = 0; s < shape.scenarios; s++) for (const p of points(shape.sweep)) for (let pl = 0; pl < shape.places; pl++) expected.push({ scenario: s, sweep: p, place: pl });
        expect(gridSize(shape)).toBe(expected.length);
        expected.forEach((e, i) => {
          const c = coordsOf(shape, i + 1);
          expect({ scenario: c.scenario, sweep: c.sweep, place: c.place }).toEqual(e);
        });
      }),
    );
  });
});

describe('shards', () => {
  it('split the runs into N disjoint sets that cover them all, (id - 1) mod N = K - 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 12 }), (total, n) => {
        const all: number[] = [];
        for (let k = 1; k <= n; k++) {
          const ids = [...shardIds(total, { k, n })];
          expect(ids.length).toBe(shardCount(total, { k, n }));
          for (const id of ids) expect((id - 1) % n).toBe(k - 1);
          all.push(...ids);
        }
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      }),
    );
  });

  it('--shard K/N is read strictly', () => {
    expect(parseShard('2/4')).toEqual({ k: 2, n: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ k: 1, n: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '1.5/4', '-1/4']) expect(typeof parseShard(bad)).toBe('string');
  });
});

describe('summary.md', () => {
  const header = ['run_id', 'place', 'scenario', 'growth.default', 'pv_costs', 'npv_cashable', 'payback_t', 'expectations'];
  const record = (runs: number): BatchRecord => ({
    tool: 'placepool',
    version: '0.0.0',
    manifest: { name: 'm.yaml', sha256: 'a'.repeat(64) },
    inputs: [{ name: 'b.csv', sha256: 'b'.repeat(64) }],
    shard: { k: 1, n: 1 },
    runs_total: runs,
    runs,
    failed_runs: 0,
    failed_expectations: 0,
    expectations: ['npv_cashable >= 0'],
    prices: [{ scenario: 'S', price_base: null, text: 'present values at 2025/26 prices' }],
    files: { 'runs.csv': { records: runs, sha256: '' }, 'yearly.csv': { records: 0, sha256: '' } },
  });

  it('lists the first failed runs, then how many more, and the worst cases by npv_cashable (ties by run id)', () => {
    const acc = new SummaryAccumulator(header);
    const n = 80;
    for (let id = 1; id <= n; id++) {
      // npv: 1000 - 25 * id, with ties at the bottom
      const npv = String(Math.max(1000 - 25 * id, -500));
      const fails = Number(npv) < 0;
      acc.add([String(id), 'P|lace', 'S', '0.01', '1', `${npv}.00`, '', fails ? `fail: npv_cashable >= 0 (was ${npv}.00)` : 'pass'], fails ? 1 : 0);
    }
    expect(acc.failedRuns).toBe(n - 40);
    expect(acc.failed.map((r) => r.id)).toEqual(Array.from({ length: LIST_FAILED }, (_, i) => i + 41).slice(0, Math.min(LIST_FAILED, n - 40)));
    // -500 from run 60 on: the ten worst are the first ten of those, in run order
    expect(acc.worst.map((r) => r.id)).toEqual(Array.from({ length: LIST_WORST }, (_, i) => i + 60));
    const md = renderSummary(record(n), acc);
    expect(md).toContain('**40 of 80 runs failed expectations.**');
    expect(md).not.toContain('more: see runs.csv');
    expect(md).toContain('| 60 | P\\|lace | S | 0.01 | -£500.00 | never | fail |');
  });

  it('says how many failed runs are not listed', () => {
    const acc = new SummaryAccumulator(header);
    for (let id = 1; id <= LIST_FAILED + 7; id++) acc.add([String(id), 'P', 'S', '0', '1', '-1.00', '', 'fail: npv_cashable >= 0 (was -1.00)'], 1);
    const md = renderSummary(record(LIST_FAILED + 7), acc);
    expect(md).toContain('... and 7 more: see runs.csv (`expectations` column).');
    expect(md.match(/\| npv_cashable >= 0 \(was -1\.00\) \|/g)).toHaveLength(LIST_FAILED);
  });
});
