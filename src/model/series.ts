// Budget lines grouped as the model and the reports read them: by place, and into series (one silo, service
// and stage of a place, a row per year). A line's series is found by its service, then (silo, stage): the
// budgets reader shares one string per name, so these lookups hash nothing new, where a key joined from the
// names would be built and hashed for every row.
import type { BudgetLine, Stage } from './types.js';

/** The lines of each place, in file order; places in order of first appearance. */
export function linesByPlace(lines: readonly BudgetLine[]): Map<string, BudgetLine[]> {
  const byPlace = new Map<string, BudgetLine[]>();
  for (const l of lines) {
    let list = byPlace.get(l.place);
    if (!list) byPlace.set(l.place, (list = []));
    list.push(l);
  }
  return byPlace;
}

/** Something kept per series (of one place), found by (service, silo, stage). */
export class SeriesIndex<T> {
  private readonly byService = new Map<string, { silo: string; stage: Stage; value: T }[]>();
  /** every series' value, in order of first appearance */
  readonly values: T[] = [];

  get(service: string, silo: string, stage: Stage): T | undefined {
    const same = this.byService.get(service);
    if (same) for (const e of same) if (e.silo === silo && e.stage === stage) return e.value;
    return undefined;
  }

  /** Add a series not yet in the index; returns its value. */
  add(service: string, silo: string, stage: Stage, value: T): T {
    let same = this.byService.get(service);
    if (!same) this.byService.set(service, (same = []));
    same.push({ silo, stage, value });
    this.values.push(value);
    return value;
  }
}
