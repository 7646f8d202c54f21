// A summary measure as a decimal, for comparisons (payback_t is a year index, held as a number).
import { D } from '../decimal.js';
import type { Summary, SummaryMeasure } from '../model/types.js';

export function summaryValue(summary: Summary, measure: SummaryMeasure): D | null {
  if (measure === 'payback_t') return summary.payback_t === null ? null : new D(summary.payback_t);
  return summary[measure];
}
