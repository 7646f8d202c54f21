// The exact fast path for amounts: whole pence read without a decimal, and totals that add them as integers.
// Both must agree with decimal.js to the last digit, at any size.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, sum } from '../../src/decimal.js';
import { parseAmount, plainPence } from '../../src/io/budget-cells.js';
import { AmountSum, fromPence } from '../../src/model/amounts.js';

function decimalOf(text: string): D {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('plainPence', () => {
  it('reads pounds and pence as a whole number of pence', () => {
    expect(plainPence('1234567')).toBe(123456700n);
    expect(plainPence('1234567.8')).toBe(123456780n);
    expect(plainPence('1234567.89')).toBe(123456789n);
    expect(plainPence('0')).toBe(0n);
    expect(plainPence('0.00')).toBe(0n);
    expect(plainPence('.5')).toBe(50n);
    expect(plainPence('12.')).toBe(1200n);
    expect(plainPence('007.10')).toBe(710n);
    // 15 digits of pence is the most it takes: £9,999,999,999,999.99
    expect(plainPence('9999999999999.99')).toBe(999999999999999n);
    // a pound sign first, thousands in groups of three, as parseAmount reads them
    expect(plainPence('£1,234,567.89')).toBe(123456789n);
    expect(plainPence('1,234,567')).toBe(123456700n);
    expect(plainPence('£12')).toBe(1200n);
    expect(plainPence('£.5')).toBe(50n);
    expect(plainPence('1,234.')).toBe(123400n);
    expect(plainPence('£9,999,999,999,999.99')).toBe(999999999999999n);
  });

  it('leaves every other form to parseAmount', () => {
    for (const text of ['', '.', '£', '1.234', '1e6', ' 12', '12 ', '-1', '£-1', '£ 12', '1.2.3', '12abc', '10000000000000', '99999999999999.9', '0.001',
      '1,23', '1234,567', ',123', '1,2345', '12.3,4', '1,,234', '1,234,56', '£1,234.567', '$12', '12£']) {
      expect(plainPence(text), text).toBeUndefined();
    }
  });

  it('agrees with the decimal reading of any amount it reads, and reads every plain one (property)', () => {
    const plainText = fc
      .tuple(fc.stringMatching(/^[0-9]{0,17}$/), fc.option(fc.stringMatching(/^[0-9]{0,3}$/)))
      .map(([int, frac]) => (frac === null ? int : `${int}.${frac}`))
      .filter((s) => /\d/.test(s));
    // pound signs, separators well and badly placed, and stray characters
    const looseText = fc.stringMatching(/^£?[0-9,.]{0,22}$/);
    // amounts as a finance system writes them: £1,234,567.89
    const groupedText = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 13n - 1n }), fc.option(fc.stringMatching(/^[0-9]{1,2}$/)), fc.boolean())
      .map(([pounds, pence, sign]) => `${sign ? '£' : ''}${pounds.toLocaleString('en-GB')}${pence === null ? '' : `.${pence}`}`);
    fc.assert(
      fc.property(groupedText, (text) => {
        const pence = plainPence(text);
        expect(pence).toBeDefined();
        expect(fromPence(pence!).equals(decimalOf(text))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(plainText, looseText, groupedText), (text) => {
        const pence = plainPence(text);
        if (pence === undefined) {
          // what it leaves to parseAmount is anything but a short plain amount in pounds and pence
          if (/^\d+(\.\d{0,2})?$|^\.\d{1,2}$/.test(text)) expect(text.replace(/\D/g, '').length + 2 - (text.split('.')[1]?.length ?? 0)).toBeGreaterThan(15);
          return;
        }
        const d = decimalOf(text);
        expect(fromPence(pence).equals(d)).toBe(true);
        expect(fromPence(pence).toString()).toBe(d.toString());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('AmountSum', () => {
  it('adds whole pence and finer amounts exactly, in any mix', () => {
    const line = fc.oneof(
      fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }).map((p) => ({ amount: fromPence(p), pence: p })),
      fc.stringMatching(/^[0-9]{1,20}\.[0-9]{3,8}$/).map((t) => ({ amount: new D(t) })),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const total = new AmountSum();
        for (const l of lines) total.add(l);
        expect(total.value.equals(sum(lines.map((l) => l.amount)))).toBe(true);
      }),
    );
  });

  it('stays exact far past a float\'s 2^53 pence', () => {
    const total = new AmountSum();
    const big = plainPence('9999999999999.99')!;
    for (let i = 0; i < 1000; i++) total.add({ amount: fromPence(big), pence: big });
    expect(total.value.toFixed(2)).toBe('9999999999999990.00');
  });
});
