// `compare --format xlsx`: the scenarios' summaries side by side with each one's difference from the first,
// who pays and the funding gap (the rows of src/report/compare.ts, the same figures as its CSV and JSON), and
// the Inputs sheet.
import type { RunResult, Scenario } from '../../model/types.js';
import type { Cell } from 'exceljs';
import type { D } from '../../decimal.js';
import { compareRows, rowLabel, rowPlain, type CompareRow } from '../compare.js';
import type { ReportMeta } from '../meta.js';
import { finishWorkbook, fitColumns, FMT, freeze, headerRow, label, newWorkbook, putMeasure, putNumber, putText, type XlsxOptions } from './book.js';
import { addInputsSheet } from './inputs.js';
import { comparePriceText } from '../price-text.js';

export interface CompareXlsxOptions extends XlsxOptions {
  /** the scenarios, in the order of `results`, echoed on the Inputs sheet */
  scenarios?: Scenario[];
}

/** A row's value in a cell: by its kind (a share of the gap closed as a percentage, money in pounds). */
function putRow(cell: Cell, row: CompareRow, v: D | number | null): void {
  if (row.kind === 'share' && row.table === 'gap') putNumber(cell, v === null ? null : Number(rowPlain(row, v)), FMT.percent);
  else putMeasure(cell, row.measure, v);
}

/**
 * The comparison workbook: Summary (Place | Measure | Key | first | second | second - first | ...), Who pays
 * (Place | Party | Kind | Measure | Key | ...: every party's settlement and peak funding), Funding gap (when a
 * scenario has an envelope: the gap measures and the share closed) and Inputs.
 */
export async function renderCompareXlsx(results: RunResult[], meta: ReportMeta, options: CompareXlsxOptions = {}): Promise<Buffer> {
  const first = results[0]!.scenario;
  const { wb, date } = await newWorkbook(meta, `placepool ${meta.command}: ${results.map((r) => r.scenario).join(' | ')}`, options);
  const scenarioHeads = results.flatMap((r, i) => (i === 0 ? [r.scenario] : [r.scenario, `${r.scenario} - ${first}`]));
  const rows = compareRows(results);
  const sheet = (name: string, keys: string[], table: CompareRow['table'], lead: (row: CompareRow) => string[]): void => {
    const these = rows.filter((x) => x.table === table);
    if (table !== 'summary' && these.length === 0) return;
    const ws = wb.addWorksheet(name);
    headerRow(ws, 1, [...keys, ...scenarioHeads]);
    let r = 2;
    for (const row of these) {
      const cells = ws.getRow(r++);
      let col = 1;
      for (const t of lead(row)) putText(cells.getCell(col++), t);
      row.values.forEach((v, i) => {
        putRow(cells.getCell(col++), row, v);
        if (i > 0) putRow(cells.getCell(col++), row, row.differences[i]!);
      });
    }
    freeze(ws, 1, keys.length);
    fitColumns(ws, 10, 44);
  };
  sheet('Summary', ['Place', 'Measure', 'Key'], 'summary', (row) => [row.place, label(row.measure), row.measure]);
  sheet('Who pays', ['Place', 'Party', 'Kind', 'Measure', 'Key'], 'settlement', (row) => [row.place, row.entity, row.party!.external ? 'external silo' : row.party!.kind, label(row.measure), row.measure]);
  sheet('Funding gap', ['Place', 'Measure', 'Key'], 'gap', (row) => [row.place, rowLabel(row), row.measure]);
  addInputsSheet(wb, {
    meta,
    scenarios: options.scenarios ?? [],
    warnings: results.flatMap((res) => res.warnings.map((w) => ({ ...w, message: `${res.scenario}: ${w.message}` }))),
    extra: [
      ['base_year', results[0]!.baseYear],
      ['prices', comparePriceText(results)],
      ['differences from', first],
    ],
  });
  return finishWorkbook(wb, date);
}
