// The prices a report's money is in, said once for every format.

import type { RunResult } from '../model/types.js';
import { yearLabel } from '../model/years.js';

type Priced = Pick<RunResult, 'priceBase' | 'baseYear' | 'prices'>;

/**
 * The prices money is in, for a report's header: `present values at 2025/26 prices` when they are the base
 * year's, else `2024/25 prices, discounted to 2025/26`, naming the deflators when values were converted.
 */
export function priceText(result: Priced): string {
  const base = yearLabel(result.baseYear);
  const text = result.priceBase === result.baseYear ? `present values at ${base} prices` : `${yearLabel(result.priceBase)} prices, discounted to ${base}`;
  return result.prices ? `${text} (converted with ${result.prices.deflators}${result.prices.note ? `; ${result.prices.note}` : ''})` : text;
}

/** The prices of several scenarios side by side: one phrase when they agree, else each scenario's in turn. */
export function comparePriceText(results: readonly (Priced & { scenario: string })[]): string {
  const texts = results.map((r) => priceText(r));
  if (texts.every((t) => t === texts[0])) return texts[0] ?? 'present values';
  return `prices that differ between scenarios (${results.map((r, i) => `${i + 1}: ${texts[i]}`).join('; ')})`;
}
