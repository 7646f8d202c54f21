// Unit-cost libraries as the model sees them: entries by code, each with its published values by kind and
// their price years (docs/method.md, "Prices and unit costs"). The readers are in src/io/unit-costs.ts; what
// is here is pure: finding an entry, picking a value, converting it to a price base. A failure is a typed
// result with a message and a hint, and the caller adds where the reference was written.
import type { D } from '../decimal.js';
import { suggest, type Location, type Warning } from '../errors.js';
import { convert, type PriceIndex } from './prices.js';
import type { InputSource } from './types.js';

/** The kinds of value an entry may have: what the public purse, the economy and society gain or lose. */
export const VALUE_KINDS = ['fiscal', 'economic', 'social'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** The confidence in an estimate (the Unit Cost Database's RAG rating): green, amber or red. */
export const CONFIDENCES = ['G', 'A', 'R'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A value as published: the amount in the prices of its year. */
export interface UnitCostValue {
  /** exactly as published (pounds) */
  readonly amount: D;
  /** its price year (2012 means 2012/13) */
  readonly priceYear: number;
  /** where the amount is written, for messages */
  readonly loc: Location;
}

export interface UnitCostEntry {
  /** the cost code, trimmed: `E&E1.0.1`, `PP.GP1` */
  readonly code: string;
  /** outcome category, e.g. `Employment & Economy` (the sheet's category, or empty) */
  readonly category: string;
  /** outcome detail, e.g. `Workless claimants` (may be empty) */
  readonly detail: string;
  /** the cost or saving it measures, in the library's words (whitespace and line breaks kept) */
  readonly description: string;
  /** `Per claimant per year`, `Per week`, `Per incident` */
  readonly unit: string;
  /** who bears it: `DWP`, `NHS`, `Local Authority`, `Multiple` (may be empty) */
  readonly agency: string;
  readonly agencyLevel2: string;
  /** the values it has, by kind; at least one */
  readonly values: Readonly<Partial<Record<ValueKind, UnitCostValue>>>;
  readonly confidence?: Confidence;
  /** where the figure comes from, in the library's words */
  readonly source: string;
  readonly comment: string;
  /** where the entry is (its row, or its code cell), for messages */
  readonly loc: Location;
}

export interface UnitCostLibrary {
  /** the file (name shown to users and its SHA-256) */
  readonly source: InputSource;
  /** which reader read it */
  readonly format: 'ucd-workbook' | 'csv';
  /** entries in the library's order (sheet by sheet, row by row) */
  readonly entries: readonly UnitCostEntry[];
  /** the same entries by code */
  readonly byCode: ReadonlyMap<string, UnitCostEntry>;
  /** reader warnings (e.g. an encoding guessed) */
  readonly warnings: readonly Warning[];
}

/** A failed lookup: what to tell the user (the caller adds where the code or kind was written). */
export interface LookupFailure {
  readonly ok: false;
  readonly message: string;
  readonly hint: string;
}

export type LookupResult<T> = { readonly ok: true; readonly value: T } | LookupFailure;

/** A library from its entries (codes already checked to be distinct by the reader). */
export function unitCostLibrary(source: InputSource, format: UnitCostLibrary['format'], entries: readonly UnitCostEntry[], warnings: readonly Warning[] = []): UnitCostLibrary {
  return { source, format, entries, byCode: new Map(entries.map((e) => [e.code, e])), warnings };
}

/** The entry with this code (exact after trimming), or a failure with a "did you mean". */
export function findUnitCost(library: UnitCostLibrary, code: string): LookupResult<UnitCostEntry> {
  const wanted = code.trim();
  const entry = library.byCode.get(wanted);
  if (entry) return { ok: true, value: entry };
  const near = suggest(wanted, library.byCode.keys());
  return {
    ok: false,
    message: `unknown unit cost "${wanted}" in ${library.source.name}${near !== undefined ? `; did you mean ${near}?` : ''}`,
    hint: `Codes match exactly (case too). \`placepool costs WORDS --library ${library.source.name}\` lists the entries whose code, description, unit or agency has those words.`,
  };
}

/** The entry's value of `kind`, or a failure naming the kinds it has. */
export function unitCostValue(entry: UnitCostEntry, kind: ValueKind): LookupResult<UnitCostValue> {
  const v = entry.values[kind];
  if (v) return { ok: true, value: v };
  const has = VALUE_KINDS.filter((k) => entry.values[k] !== undefined);
  return {
    ok: false,
    message: `the unit cost ${entry.code} has no ${kind} value (it has ${has.length ? `${has.map((k) => `${k === 'economic' ? 'an' : 'a'} ${k}`).join(' and ')} value` : 'no values'})`,
    hint: has.length ? `Ask for value: ${has[0]}, or choose another entry.` : 'Choose another entry.',
  };
}

/** A reference to a library entry, as a scenario writes `{unit_cost: CODE, times: N, value: KIND}`. */
export interface UnitCostRef {
  readonly code: string;
  readonly kind: ValueKind;
  /** a multiplier, e.g. 52 weeks (default 1) */
  readonly times?: D;
}

/** What a reference comes to: the entry, the published value used, and that value times `times` in price-base prices. */
export interface ResolvedUnitCost {
  readonly entry: UnitCostEntry;
  readonly published: UnitCostValue;
  /** published amount * times * D[priceBase] / D[priceYear] */
  readonly value: D;
}

/**
 * Look up a reference and convert it to the price base: an unknown code, a missing kind, or a price year
 * (or price base) outside the series is a failure the caller locates.
 */
export function resolveUnitCost(library: UnitCostLibrary, ref: UnitCostRef, index: PriceIndex, priceBase: number): LookupResult<ResolvedUnitCost> {
  const entry = findUnitCost(library, ref.code);
  if (!entry.ok) return entry;
  const published = unitCostValue(entry.value, ref.kind);
  if (!published.ok) return published;
  const amount = ref.times === undefined ? published.value.amount : published.value.amount.times(ref.times);
  const converted = convert(amount, published.value.priceYear, priceBase, index);
  if (!converted.ok) {
    return { ok: false, message: `${entry.value.code}: ${converted.message}`, hint: converted.hint };
  }
  return { ok: true, value: { entry: entry.value, published: published.value, value: converted.value } };
}

/** Whether every word is in the entry's code, description, unit or agency (case-insensitive). */
export function matchesWords(entry: UnitCostEntry, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = [entry.code, entry.description, entry.unit, entry.agency].join('\n').toLowerCase();
  return words.every((w) => text.includes(w.toLowerCase()));
}

