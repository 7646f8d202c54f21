// What a scenario's money values are converted with: its deflator series and its unit-cost library
// (docs/method.md, "Prices and unit costs"), read before the scenario is built (src/io/scenario-files.ts) so
// that the builder stays synchronous and pure; the money forms' keys; and the files as plain data for batch
// worker threads (exact decimals as text).
import { D } from '../decimal.js';
import type { Location } from '../errors.js';
import { priceIndex, type PriceIndex } from '../model/prices.js';
import type { InputSource } from '../model/types.js';
import { unitCostLibrary, type UnitCostEntry, type UnitCostLibrary, type ValueKind } from '../model/unit-costs.js';
import type { DocNode } from './document.js';
/** What the builder converts money with: the series (when needed) and the library (when named). */
export interface MoneyContext {
  readonly index?: PriceIndex;
  readonly library?: UnitCostLibrary;
  /** the files read, in the order named (library, then deflators), for provenance and --watch */
  readonly inputs: readonly InputSource[];
}

/** The keys of the money forms: `{amount: X, price_year: Y}` and `{unit_cost: CODE, times: N, value: KIND}`. */
export const AMOUNT_KEYS = ['amount', 'price_year'] as const;
export const UNIT_COST_KEYS = ['unit_cost', 'times', 'value'] as const;
const FORM_KEYS: ReadonlySet<string> = new Set([...AMOUNT_KEYS, ...UNIT_COST_KEYS]);

/** Whether a map is written as a money form (rather than a distribution, or a map by silo). */
export function isMoneyForm(node: DocNode): boolean {
  return node.kind === 'map' && node.entries.some((e) => FORM_KEYS.has(e.key));
}

/** The kind of value a money field is by default: its own kind for public value, fiscal for every other. */
export function fieldValueKind(key: string): ValueKind {
  if (key === 'interventions.economic_value_per_success') return 'economic';
  if (key === 'interventions.social_value_per_success') return 'social';
  return 'fiscal';
}

// ---------------------------------------------------------------------------------------------------------
// As plain data, for worker threads

type Plain<T> = T extends D ? string : T extends ReadonlyMap<unknown, unknown> ? never : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
type PlainEntry = Plain<Omit<UnitCostEntry, 'values'>> & { values: Partial<Record<ValueKind, { amount: string; priceYear: number; loc: Location }>> };

export interface PlainMoney {
  index?: { name: string; note?: string; source?: InputSource; values: [number, string][] };
  library?: { source: InputSource; format: UnitCostLibrary['format']; entries: PlainEntry[] };
  inputs: InputSource[];
}

export function moneyToPlain(m: MoneyContext): PlainMoney {
  const out: PlainMoney = { inputs: [...m.inputs] };
  if (m.index) {
    const { name, note, source } = m.index;
    out.index = { name, ...(note ? { note } : {}), ...(source ? { source } : {}), values: [...m.index.values].map(([y, v]) => [y, v.toString()]) };
  }
  if (m.library) {
    const entries = m.library.entries.map((e): PlainEntry => ({
      ...e,
      values: Object.fromEntries(Object.entries(e.values).map(([k, v]) => [k, { amount: v.amount.toString(), priceYear: v.priceYear, loc: v.loc }])),
    }));
    out.library = { source: m.library.source, format: m.library.format, entries };
  }
  return out;
}

export function moneyFromPlain(p: PlainMoney): MoneyContext {
  const index = p.index
    ? priceIndex(p.index.name, p.index.values.map(([y, v]) => [y, new D(v)] as const), { ...(p.index.source ? { source: p.index.source } : {}), ...(p.index.note ? { note: p.index.note } : {}) })
    : undefined;
  const library = p.library
    ? unitCostLibrary(
        p.library.source,
        p.library.format,
        p.library.entries.map((e): UnitCostEntry => ({
          ...e,
          values: Object.fromEntries(Object.entries(e.values).map(([k, v]) => [k, { amount: new D(v.amount), priceYear: v.priceYear, loc: v.loc }])),
        })),
      )
    : undefined;
  return { ...(index ? { index } : {}), ...(library ? { library } : {}), inputs: p.inputs };
}
