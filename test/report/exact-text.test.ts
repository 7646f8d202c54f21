// The integer shortcuts for presenting whole-pence figures must write exactly what the decimal path writes:
// penceText(p) = plain(p / 100, 'money') and ratioText(n, d) = plain(n / d, 'ratio'), for any amounts a budgets
// file can hold (each line at most £1e15, so any total has far fewer than the 34 digits it would take for
// the 40-digit quotient and the exact one to round differently at 6 dp).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D } from '../../src/decimal.js';
import { fromPence } from '../../src/model/amounts.js';
import { penceText, plain, ratioText } from '../../src/report/numbers.js';

describe('penceText', () => {
  it('writes pounds and pence as plain() does', () => {
    expect(penceText(0n)).toBe('0.00');
    expect(penceText(5n)).toBe('0.05');
    expect(penceText(123456n)).toBe('1234.56');
    expect(penceText(-205n)).toBe('-2.05');
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), (p) => {
        expect(penceText(p)).toBe(plain(fromPence(p), 'money'));
      }),
    );
  });
});

describe('ratioText', () => {
  it('rounds half up at 6 dp as plain() does on the decimal quotient', () => {
    expect(ratioText(1n, 3n)).toBe('0.333333');
    expect(ratioText(2n, 3n)).toBe('0.666667');
    expect(ratioText(1n, 8_000_000n)).toBe('0.000000'); // 0.000000125
    expect(ratioText(1n, 2_000_000n)).toBe('0.000001'); // 0.0000005, half up
    expect(ratioText(200000001n, 200000002n)).toBe('1.000000');
    expect(ratioText(0n, 7n)).toBe('0.000000');
    expect(ratioText(7n, 7n)).toBe('1.000000');
    const pair = fc.bigInt({ min: 1n, max: 10n ** 24n }).chain((den) => fc.tuple(fc.bigInt({ min: 0n, max: den }), fc.constant(den)));
    fc.assert(
      fc.property(pair, ([num, den]) => {
        expect(ratioText(num, den)).toBe(plain(new D(num.toString()).dividedBy(new D(den.toString())), 'ratio'));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on quotients that sit exactly on a rounding boundary', () => {
    // n / d = k + 0.5e-6 exactly: half up
    for (const [num, den] of [[1n, 2_000_000n], [3n, 2_000_000n], [2_000_001n, 4_000_000n], [25n, 20_000_000n]] as const) {
      expect(ratioText(num, den)).toBe(plain(new D(num.toString()).dividedBy(new D(den.toString())), 'ratio'));
    }
  });
});
