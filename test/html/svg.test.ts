// The chart primitives: nice ticks, tick labels, escaping and coordinates.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { D } from '../../src/decimal.js';
import { linearScale, moneyTicks, niceStep, plainTicks } from '../../src/report/svg/scale.js';
import { el, esc, num } from '../../src/report/svg/xml.js';
import { barChart } from '../../src/report/svg/charts.js';

const d = (s: string): D => new D(s);
const strs = (xs: D[]): string[] => xs.map((x) => x.toString());

describe('niceStep', () => {
  test.each([
    ['100', 5, '20'],
    ['9389845.31', 5, '2000000'],
    ['1000000', 4, '250000'],
    ['3', 6, '0.5'],
    ['0.07', 5, '0.02'],
    ['49', 5, '10'],
  ])('span %s in %i parts -> %s', (span, count, step) => {
    expect(niceStep(d(span), count).toString()).toBe(step);
  });
});

describe('linearScale', () => {
  test('covers the values with exact nice ticks, zero included for bars', () => {
    const s = linearScale([d('-9389845.31'), d('8223016.14')], 300, 0, { zero: true, count: 6 });
    expect(strs(s.ticks)).toEqual(['-10000000', '-5000000', '0', '5000000', '10000000']);
    expect(s.at(d('-10000000'))).toBe(300);
    expect(s.at(d('10000000'))).toBe(0);
    expect(s.at(d('0'))).toBe(150);
  });

  test('a line chart need not start at zero', () => {
    const s = linearScale([d('30000000'), d('33370388')], 200, 0, { count: 4 });
    expect(strs(s.ticks)).toEqual(['30000000', '31000000', '32000000', '33000000', '34000000']);
  });

  test('a flat series still gets an axis', () => {
    expect(strs(linearScale([d('0'), d('0')], 0, 100, { zero: true }).ticks)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    const s = linearScale([d('500')], 0, 100);
    expect(s.lo.lessThan(500) && s.hi.greaterThan(500)).toBe(true);
    expect(strs(linearScale([], 0, 100, { zero: true }).ticks)[0]).toBe('0');
  });

  test('property: every value lies within the ticks, ticks are evenly spaced and few', () => {
    const amount = fc.integer({ min: -1e12, max: 1e12 }).map((n) => new D(n).dividedBy(100));
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 20 }), fc.boolean(), (values, zero) => {
        const s = linearScale(values, 0, 100, { zero });
        for (const v of values) {
          expect(v.greaterThanOrEqualTo(s.lo) && v.lessThanOrEqualTo(s.hi)).toBe(true);
          const at = s.at(v);
          expect(at).toBeGreaterThanOrEqual(-1e-9);
          expect(at).toBeLessThanOrEqual(100 + 1e-9);
        }
        if (zero) expect(s.ticks.some((t) => t.isZero())).toBe(true);
        expect(s.ticks.length).toBeGreaterThanOrEqual(2);
        expect(s.ticks.length).toBeLessThanOrEqual(12);
        const step = s.ticks[1]!.minus(s.ticks[0]!);
        s.ticks.forEach((t, i) => i > 0 && expect(t.minus(s.ticks[i - 1]!).equals(step)).toBe(true));
      }),
      { numRuns: 300 },
    );
  });
});

describe('tick labels', () => {
  test('one unit and one number of decimals per axis', () => {
    const f = moneyTicks(strs([d('-10000000'), d('-5000000'), d('0'), d('5000000'), d('10000000')]).map(d));
    expect(['-10000000', '-5000000', '0', '5000000', '10000000'].map((x) => f(d(x)))).toEqual(['-£10m', '-£5m', '£0', '£5m', '£10m']);
    const g = moneyTicks(['0', '2500000', '5000000'].map(d));
    expect(['0', '2500000', '5000000'].map((x) => g(d(x)))).toEqual(['£0', '£2.5m', '£5.0m']);
    const k = moneyTicks(['0', '250000', '500000', '750000'].map(d));
    expect(k(d('750000'))).toBe('£750k');
    const small = moneyTicks(['0', '200', '400'].map(d));
    expect(small(d('400'))).toBe('£400');
    const bn = moneyTicks(['0', '1500000000'].map(d));
    expect(bn(d('1500000000'))).toBe('£1.5bn');
    expect(plainTicks(['0', '0.5', '1', '1.5'].map(d))(d('1'))).toBe('1.0');
  });
});

describe('markup', () => {
  test('esc makes user text inert in content and attributes', () => {
    expect(esc(`<script>alert(1)</script> & "x" 'y'`)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;');
    expect(el('text', { x: 1.25, 'data-n': '"><b>' }, esc('a<b'))).toBe('<text x="1.3" data-n="&quot;&gt;&lt;b&gt;">a&lt;b</text>');
  });

  test('coordinates are short and never -0', () => {
    expect(num(-0.04)).toBe('0');
    expect(num(12.345)).toBe('12.3');
    expect(num(100)).toBe('100');
    expect(() => num(Number.NaN)).toThrow();
  });

  test('a bar chart draws one bar per value, on the right side of zero', () => {
    const chart = barChart(
      { id: 'x', title: 'T', desc: 'D' },
      [
        { label: 'a', values: [d('-100'), d('50')] },
        { label: 'b', values: [d('200'), null] },
      ],
      [
        { name: 'before', colour: '#000' },
        { name: 'after', colour: '#111' },
      ],
      { axisTitle: '£', format: (v) => v.toString() },
    );
    const bars = [...chart.svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="[^"]+" class="mark"\/>/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(bars).toHaveLength(3);
    const zero = bars[1]![0]!; // the +50 bar starts at zero
    expect(bars[0]![0]! + bars[0]![1]!).toBeCloseTo(zero, 0); // -100 ends at zero
    expect(bars[2]![0]).toBe(zero);
    expect(bars[2]![1]! / bars[1]![1]!).toBeCloseTo(4, 1); // 200 is four times 50
    expect(bars[0]![1]! / bars[1]![1]!).toBeCloseTo(2, 1);
    expect(chart.svg).toContain('role="img"');
    expect(chart.svg).toContain('aria-labelledby="x-title x-desc"');
  });
});
