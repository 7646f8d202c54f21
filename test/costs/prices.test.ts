// Price conversion as an analyst checks it in a spreadsheet: the worked example to the penny, the series
// read exactly, and converting to another price base and back giving the value again.
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { bundledDeflators } from '../../src/io/deflators.js';
import type { InputIo } from '../../src/io/input.js';
import { convert, indexOf, priceFactor, priceIndex, type PriceIndex } from '../../src/model/prices.js';
import { plain } from '../../src/report/numbers.js';
import { ROOT } from '../helpers/cli.js';

const io: InputIo = { stdin: Readable.from([]), cwd: ROOT };
let gdp: PriceIndex;

beforeAll(async () => {
  gdp = await bundledDeflators(io);
});

function ok<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('the bundled GDP deflator series', () => {
  it('runs from 1990 to 2024, 2024 = 100, each index read exactly as written', () => {
    expect([gdp.first, gdp.last]).toEqual([1990, 2024]);
    expect(gdp.values.size).toBe(35);
    expect(gdp.values.get(2024)!.toString()).toBe('100');
    expect(gdp.values.get(2012)!.toString()).toBe('71.9294');
    expect(gdp.values.get(1990)!.toString()).toBe('42.7537');
    expect(gdp.note).toMatch(/calendar year Y's index/);
    expect(gdp.source?.name).toBe('bundled:gdp-deflators.csv');
    expect(gdp.source?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('convert', () => {
  it('gives £12,837.59 for £9,234 at 2012/13 in 2024/25 prices (9234 × 100 / 71.9294)', () => {
    const v = ok(convert(new D('9234'), 2012, 2024, gdp));
    expect(v.toString()).toBe('12837.5879682021537785662051956501792035');
    expect(v.equals(new D('923400').dividedBy('71.9294'))).toBe(true);
    expect(plain(v, 'money')).toBe('12837.59');
  });

  it('converts the other bundled figures as a calculator does', () => {
    expect(plain(ok(convert(new D('109'), 2011, 2024, gdp)), 'money')).toBe('153.88'); // 109 × 100 / 70.834
    expect(plain(ok(convert(new D('51080'), 2013, 2024, gdp)), 'money')).toBe('69515.99'); // 51080 × 100 / 73.4795
    expect(plain(ok(convert(new D('9234'), 2012, 2023, gdp)), 'money')).toBe('12356.27'); // 9234 × 96.2507 / 71.9294
  });

  it('leaves a value in price-base prices exactly as it is', () => {
    expect(ok(convert(new D('1542.3333333333333'), 2013, 2013, gdp)).toString()).toBe('1542.3333333333333');
  });

  it('is amount × factor, and a factor of the same year is 1', () => {
    expect(ok(priceFactor(gdp, 2024, 2024)).toString()).toBe('1');
    expect(ok(priceFactor(gdp, 2012, 2024)).toSignificantDigits(10).toString()).toBe('1.390252108');
  });

  it('names the first and last years of the series for a year outside it', () => {
    const r = convert(new D(100), 1985, 2024, gdp);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.year, r.first, r.last]).toEqual([1985, 1990, 2024]);
    expect(r.message).toBe('the price year 1985/86 is outside the deflator series (HM Treasury GDP deflator at market prices, December 2025 (calendar years, 2024 = 100): 1990/91 to 2024/25)');
    expect(r.hint).toMatch(/from 1990 to 2024/);
    const base = convert(new D(100), 2012, 2030, gdp);
    expect(!base.ok && base.message).toMatch(/^the price base 2030\/31 is outside/);
    expect(indexOf(gdp, 2025).ok).toBe(false);
  });
});

describe('converting to another price base and back', () => {
  const year = (): fc.Arbitrary<number> => fc.integer({ min: 1990, max: 2024 });
  // amounts as published: up to £10bn, to the penny or with a few more decimals
  const amount = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 })).map(([n, dp]) => new D(n.toString()).dividedBy(new D(10).pow(dp)));

  it('gives the value again, to 38 significant digits (one correctly rounded division each way)', () => {
    fc.assert(
      fc.property(amount, year(), year(), (x, a, b) => {
        const there = ok(convert(x, a, b, gdp));
        const back = ok(convert(there, b, a, gdp));
        expect(back.toSignificantDigits(38).equals(x.toSignificantDigits(38))).toBe(true);
        // and therefore to the penny, always
        expect(plain(back, 'money')).toBe(plain(x, 'money'));
      }),
    );
  });

  it('is exact where the index ratio is a terminating decimal: through a year of index 100, or the same year', () => {
    const index = priceIndex('test', [
      [2020, new D(80)],
      [2021, new D(100)],
      [2022, new D(125)],
    ]);
    fc.assert(
      fc.property(amount, fc.constantFrom(2020, 2021, 2022), fc.constantFrom(2020, 2021, 2022), (x, a, b) => {
        const back = ok(convert(ok(convert(x, a, b, index)), b, a, index));
        expect(back.equals(x)).toBe(true);
      }),
    );
  });

  it('never loses a digit of the product: x × D[to] is exact before the one division', () => {
    fc.assert(
      fc.property(amount, year(), year(), (x, a, b) => {
        const v = ok(convert(x, a, b, gdp));
        const exact = x.times(gdp.values.get(b)!);
        // the product of a published amount and an index has at most 20 digits, well inside 40
        expect(exact.precision(true)).toBeLessThanOrEqual(40);
        expect(v.equals(a === b ? x : exact.dividedBy(gdp.values.get(a)!))).toBe(true);
      }),
    );
  });
});

describe('priceIndex', () => {
  it('refuses a gap or a non-positive index (a reader checks both first, so this is a bug)', () => {
    expect(() => priceIndex('gappy', [[2020, new D(1)], [2022, new D(2)]])).toThrow(/gap/);
    expect(() => priceIndex('zero', [[2020, new D(0)]])).toThrow(/non-positive/);
    expect(() => priceIndex('none', [])).toThrow(/no years/);
  });
});
