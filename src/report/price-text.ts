// The prices a report's money is in, said once for every format.

import type { RunResult } from '../model/types.js';
import { yearLabel } from '../model/years.js';

export type Priced = Pick<RunResult, 'priceBase' | 'baseYear' | 'prices'>;

/**
 * The prices money is in, for a report's header: `present values at 2025/26 prices` when they are the base
 * year's, else `2024/25 prices, discounted to 2025/26`, naming the deflator series when values were converted.
 */
export function priceText(result: Priced): string {
  const base = yearLabel(result.baseYear);
  const text = result.priceBase === result.baseYear ? `present values at ${base} prices` : `${yearLabel(result.priceBase)} prices, discounted to ${base}`;
  // the series' note (how a financial year takes its index) is for the docs and the JSON, not every header
  return result.prices ? `${text} (converted with ${result.prices.deflators})` : text;
}

/**
 * The prices a scenario's money is in before it is run (a batch, whose runs may start in different years when
 * the scenario gives no `base_year`): as `priceText`, with "the base year" for a year not yet known.
 */
export function scenarioPriceText(s: { baseYear?: number; priceBase?: number; prices?: { deflators: string; note?: string } }): string {
  const base = s.baseYear === undefined ? 'the base year' : yearLabel(s.baseYear);
  const text =
    s.priceBase === undefined || s.priceBase === s.baseYear
      ? s.baseYear === undefined ? "present values at the base year's prices" : `present values at ${base} prices`
      : `${yearLabel(s.priceBase)} prices, discounted to ${base}`;
  return s.prices ? `${text} (converted with ${s.prices.deflators}${s.prices.note ? `; ${s.prices.note}` : ''})` : text;
}

/** The prices of several scenarios side by side: one phrase when they agree, else each scenario's in turn. */
export function comparePriceText(results: readonly (Priced & { scenario: string })[]): string {
  const texts = results.map((r) => priceText(r));
  if (texts.every((t) => t === texts[0])) return texts[0] ?? 'present values';
  return `prices that differ between scenarios (${results.map((r, i) => `${i + 1}: ${texts[i]}`).join('; ')})`;
}
