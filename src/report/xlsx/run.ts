// `run --format xlsx`: the result of one scenario as a workbook (issue 6 item 2). Sheets: Summary (measures
// down, places across), Yearly (a block per place: silo x measure down, years across), Settlement,
// Interventions, Inputs (provenance and the scenario). Every figure is a number cell, rounded as presented.
import { paybackYearText } from '../measures.js';
import type { Workbook, Worksheet } from 'exceljs';
import {
  INTERVENTION_MEASURES,
  SETTLEMENT_MEASURES,
  SUMMARY_MEASURES,
  yearlyBlocks,
  type PlaceYear,
  type YearlyBlock,
  type RunResult,
  type Scenario,
  type Summary,
  type SiloYear,
} from '../../model/types.js';
import type { ReportMeta } from '../meta.js';
import { yearLabel } from '../numbers.js';
import { finishWorkbook, fitColumns, freeze, headerRow, label, newWorkbook, putMeasure, putText, type XlsxOptions } from './book.js';
import { addInputsSheet } from './inputs.js';
import { priceText } from '../price-text.js';

export interface RunXlsxOptions extends XlsxOptions {
  /** the scenario, echoed on the Inputs sheet */
  scenario?: Scenario;
}

/** A summary column: a place (or `all places`) and its summary. */
interface SummaryColumn {
  place: string;
  summary: Summary;
}

function summaryColumns(result: RunResult): SummaryColumn[] {
  const cols: SummaryColumn[] = result.places.map((p) => ({ place: p.place, summary: p.summary }));
  if (result.allPlaces) cols.push({ place: result.allPlaces.place, summary: result.allPlaces.summary });
  return cols;
}

/** The payback year as text (`2029/30 (year 4)`), or words when there is none. */
function paybackYear(baseYear: number, t: number | null): string {
  return paybackYearText(t === null ? undefined : yearLabel(baseYear + t), t, { never: 'not within the horizon' });
}

/** Summary: Measure | Key | place... ; one row per measure of docs/method.md, "9. Summary measures", and the payback year as text. */
export function addSummarySheet(wb: Workbook, result: RunResult): Worksheet {
  const ws = wb.addWorksheet('Summary');
  const cols = summaryColumns(result);
  headerRow(ws, 1, ['Measure', 'Key', ...cols.map((c) => c.place)]);
  let r = 2;
  for (const m of SUMMARY_MEASURES) {
    const row = ws.getRow(r++);
    putText(row.getCell(1), label(m));
    putText(row.getCell(2), m);
    cols.forEach((c, i) => putMeasure(row.getCell(3 + i), m, c.summary[m]));
    if (m === 'payback_t') {
      const yr = ws.getRow(r++);
      putText(yr.getCell(1), 'Payback year');
      putText(yr.getCell(2), 'payback_year');
      cols.forEach((c, i) => putText(yr.getCell(3 + i), paybackYear(result.baseYear, c.summary.payback_t)));
    }
  }
  freeze(ws, 1, 2);
  fitColumns(ws, 10, 48);
  return ws;
}

/** Yearly: Place | Silo | Measure | Key | year...; a block per place (silos, then `all`), blank rows between. */
export function addYearlySheet(wb: Workbook, result: RunResult): Worksheet {
  const ws = wb.addWorksheet('Yearly');
  headerRow(ws, 1, ['Place', 'Silo', 'Measure', 'Key', ...result.years.map((y) => y.label)]);
  let r = 2;
  const line = (place: string, silo: string, measure: string, values: readonly (SiloYear | PlaceYear)[]): void => {
    const row = ws.getRow(r++);
    putText(row.getCell(1), place);
    putText(row.getCell(2), silo);
    putText(row.getCell(3), label(measure));
    putText(row.getCell(4), measure);
    values.forEach((y, t) => putMeasure(row.getCell(5 + t), measure, (y as Record<string, import('../../decimal.js').D | null>)[measure]));
  };
  const places: { place: string; blocks: YearlyBlock[] }[] = result.places.map((p) => ({ place: p.place, blocks: yearlyBlocks(result, p) }));
  if (result.allPlaces) places.push({ place: result.allPlaces.place, blocks: yearlyBlocks(result, { silos: [], funders: [], partners: [], all: result.allPlaces.all }) });
  const suffix: Record<YearlyBlock['kind'], string> = { silo: '', external: ' (external)', funder: ' (funder)', partner: ' (partner)', all: '' };
  places.forEach((p, i) => {
    if (i > 0) r++;
    for (const b of p.blocks) for (const m of b.measures) line(p.place, `${b.entity}${suffix[b.kind]}`, m, b.years as PlaceYear[]);
  });
  freeze(ws, 1, 4);
  fitColumns(ws, 10, 40);
  return ws;
}

/** Settlement: who pays and who benefits, present values by silo (docs/method.md, "10. Who pays and who benefits"). */
export function addSettlementSheet(wb: Workbook, result: RunResult): Worksheet {
  const ws = wb.addWorksheet('Settlement');
  headerRow(ws, 1, ['Place', 'Silo', 'External', 'Wrong pocket', ...SETTLEMENT_MEASURES.map(label)]);
  let r = 2;
  for (const p of result.places) {
    for (const s of p.settlement) {
      const row = ws.getRow(r++);
      putText(row.getCell(1), p.place);
      putText(row.getCell(2), s.silo);
      putText(row.getCell(3), s.external ? 'yes' : 'no');
      putText(row.getCell(4), s.wrongPocket ? 'yes' : 'no');
      SETTLEMENT_MEASURES.forEach((m, i) => putMeasure(row.getCell(5 + i), m, s[m]));
    }
  }
  freeze(ws, 1, 2);
  fitColumns(ws, 10, 40);
  return ws;
}

/** Interventions: present values, net successes and cost per success (docs/method.md, "11. Interventions"). */
export function addInterventionsSheet(wb: Workbook, result: RunResult): Worksheet {
  const ws = wb.addWorksheet('Interventions');
  headerRow(ws, 1, ['Place', 'Intervention', ...INTERVENTION_MEASURES.map(label)]);
  let r = 2;
  for (const p of result.places) {
    for (const k of p.interventions) {
      const row = ws.getRow(r++);
      putText(row.getCell(1), p.place);
      putText(row.getCell(2), k.name);
      INTERVENTION_MEASURES.forEach((m, i) => putMeasure(row.getCell(3 + i), m, k[m]));
    }
  }
  freeze(ws, 1, 2);
  fitColumns(ws, 10, 48);
  return ws;
}

/** The run's workbook, as bytes; the same result, meta and options give the same bytes. */
export async function renderRunXlsx(result: RunResult, meta: ReportMeta, options: RunXlsxOptions = {}): Promise<Buffer> {
  const { wb, date } = await newWorkbook(meta, `placepool ${meta.command}: ${result.scenario}`, options);
  addSummarySheet(wb, result);
  addYearlySheet(wb, result);
  addSettlementSheet(wb, result);
  addInterventionsSheet(wb, result);
  addInputsSheet(wb, {
    meta,
    scenarios: options.scenario ? [options.scenario] : [],
    warnings: result.warnings,
    extra: [
      ['base_year', result.baseYear],
      ['base year label', yearLabel(result.baseYear)],
      ['price_base', result.priceBase],
      ['prices', priceText(result)],
      ['horizon', result.horizon],
      ['places', result.places.map((p) => p.place).join(', ')],
    ],
  });
  return finishWorkbook(wb, date);
}
