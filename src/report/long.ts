// The long CSV layout of `run` (docs/method.md, "Long CSV layout"): the stable machine contract, one value a
// row.
import {
  INTERVENTION_MEASURES,
  SETTLEMENT_MEASURES,
  SUMMARY_MEASURES,
  yearlyBlocks,
  type PlaceResult,
  type RunResult,
  type Summary,
} from '../model/types.js';
import { num, text, toCsv, type Cell } from './csv.js';
import { plainMeasure } from './numbers.js';

export const LONG_HEADER = ['place', 'scenario', 'table', 'entity', 't', 'year', 'measure', 'value'];

export interface LongRow {
  place: string;
  scenario: string;
  table: 'summary' | 'yearly' | 'settlement' | 'intervention';
  entity: string;
  t: number | null;
  /** the year's label, `2025/26`, or '' */
  year: string;
  measure: string;
  value: string;
}

export function longCells(r: LongRow): Cell[] {
  return [text(r.place), text(r.scenario), text(r.table), text(r.entity), num(r.t === null ? '' : String(r.t)), num(r.year), text(r.measure), num(r.value)];
}

function* summaryRows(place: string, scenario: string, s: Summary): Generator<LongRow> {
  for (const m of SUMMARY_MEASURES) {
    yield { place, scenario, table: 'summary', entity: '', t: null, year: '', measure: m, value: plainMeasure(m, s[m]) };
  }
}

/** The `table=yearly` rows of one place: silos with lines, external silos, funders, partners, then `all`. */
export function* yearlyRows(result: RunResult, place: PlaceResult): Generator<LongRow> {
  const scenario = result.scenario;
  for (const block of yearlyBlocks(result, place)) {
    for (const y of result.years) {
      const values = block.years[y.t]!;
      for (const m of block.measures) {
        yield { place: place.place, scenario, table: 'yearly', entity: block.entity, t: y.t, year: y.label, measure: m, value: plainMeasure(m, values[m] ?? null) };
      }
    }
  }
}

export function* longRows(result: RunResult): Generator<LongRow> {
  const scenario = result.scenario;
  for (const place of result.places) {
    yield* summaryRows(place.place, scenario, place.summary);
    yield* yearlyRows(result, place);
    for (const row of place.settlement) {
      for (const m of SETTLEMENT_MEASURES) {
        yield { place: place.place, scenario, table: 'settlement', entity: row.silo, t: null, year: '', measure: m, value: plainMeasure(m, row[m]) };
      }
    }
    for (const k of place.interventions) {
      for (const m of INTERVENTION_MEASURES) {
        yield { place: place.place, scenario, table: 'intervention', entity: k.name, t: null, year: '', measure: m, value: plainMeasure(m, k[m]) };
      }
    }
  }
  if (result.allPlaces) yield* summaryRows(result.allPlaces.place, scenario, result.allPlaces.summary);
}

export function renderLongCsv(results: readonly RunResult[]): string {
  function* cells() {
    for (const r of results) for (const row of longRows(r)) yield longCells(row);
  }
  return toCsv(LONG_HEADER, cells());
}
