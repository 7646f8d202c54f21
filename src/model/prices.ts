// Prices: converting money from the prices of one year to those of another with a price index (a deflator
// series), as docs/method.md, "Prices and unit costs" sets out. Pure: the series comes in as exact decimals,
// and a year outside it is a typed failure the caller locates (a scenario path, a library's cell).
//
// A year is a financial year written as the calendar year it starts in (2025 means 2025/26), as everywhere in
// the tool. The bundled series is by calendar year: financial year Y takes calendar year Y's index.
import { D } from '../decimal.js';
import type { InputSource } from './types.js';
import { yearLabel } from './years.js';

/** A price index by year: the deflator series a conversion uses. */
export interface PriceIndex {
  /** the name shown to users, e.g. `HM Treasury GDP deflator (calendar years, 2024 = 100)` */
  readonly name: string;
  /** the index of each year from `first` to `last`, every year present, each positive */
  readonly values: ReadonlyMap<number, D>;
  readonly first: number;
  readonly last: number;
  /** the file it was read from, for the report's provenance */
  readonly source?: InputSource;
  /** what a reader should know about it, e.g. that a financial year takes its first calendar year's index */
  readonly note?: string;
}

/** A year the series does not cover: what to tell the user (the caller adds where the year was written). */
export interface OutsideSeries {
  readonly ok: false;
  /** the year asked for */
  readonly year: number;
  readonly first: number;
  readonly last: number;
  /** e.g. `the price year 1985/86 is outside the deflator series (HM Treasury ..., 1990/91 to 2024/25)` */
  readonly message: string;
  readonly hint: string;
}

export type PriceResult<T> = { readonly ok: true; readonly value: T } | OutsideSeries;

/**
 * A price index from (year, index) pairs. The years must run without a gap and each index be positive: a
 * reader checks both with located errors first, so a breach here is a bug (a plain Error).
 */
export function priceIndex(name: string, entries: Iterable<readonly [number, D]>, about: { source?: InputSource; note?: string } = {}): PriceIndex {
  const values = new Map<number, D>([...entries].sort((a, b) => a[0] - b[0]));
  const years = [...values.keys()];
  if (years.length === 0) throw new Error(`price index ${name} has no years`);
  const first = years[0]!;
  const last = years[years.length - 1]!;
  if (last - first + 1 !== years.length) throw new Error(`price index ${name} has a gap between ${first} and ${last}`);
  for (const [year, v] of values) if (!v.greaterThan(0)) throw new Error(`price index ${name} has a non-positive index for ${year}`);
  return { name, values, first, last, ...(about.source ? { source: about.source } : {}), ...(about.note ? { note: about.note } : {}) };
}

/** The index of `year`, or the failure naming the series' first and last years. */
export function indexOf(index: PriceIndex, year: number, what = 'the year'): PriceResult<D> {
  const v = index.values.get(year);
  if (v !== undefined) return { ok: true, value: v };
  return {
    ok: false,
    year,
    first: index.first,
    last: index.last,
    message: `${what} ${yearLabel(year)} is outside the deflator series (${index.name}: ${yearLabel(index.first)} to ${yearLabel(index.last)})`,
    hint: `Give a year from ${index.first} to ${index.last}, or a deflators file (CSV with columns year,index) that covers ${yearLabel(year)}.`,
  };
}

/**
 * The factor D[to] / D[from] that takes a value in `fromYear` prices to `toYear` prices, at the working
 * precision (40 significant digits). To convert an amount use `convert`, which rounds once rather than twice.
 */
export function priceFactor(index: PriceIndex, fromYear: number, toYear: number): PriceResult<D> {
  const from = indexOf(index, fromYear, 'the price year');
  if (!from.ok) return from;
  const to = indexOf(index, toYear, 'the price base');
  if (!to.ok) return to;
  return { ok: true, value: to.value.dividedBy(from.value) };
}

/**
 * `amount` in `fromYear` prices, in `toYear` prices: amount * D[to] / D[from]. The product is exact (a
 * published amount and an index have far fewer than 40 digits between them) and the one division is
 * correctly rounded to 40 significant digits; the same year gives `amount` itself.
 */
export function convert(amount: D, fromYear: number, toYear: number, index: PriceIndex): PriceResult<D> {
  const from = indexOf(index, fromYear, 'the price year');
  if (!from.ok) return from;
  const to = indexOf(index, toYear, 'the price base');
  if (!to.ok) return to;
  if (fromYear === toYear) return { ok: true, value: amount };
  return { ok: true, value: amount.times(to.value).dividedBy(from.value) };
}
