// `baseline --format xlsx`: the baseline report's figures (src/model/baseline-totals.ts, not computed here) as a
// workbook: Baseline (a row per place, year and silo, then `all`; stages across, with shares), Years (lines
// counted and carried forward) and Inputs (provenance).
import type { BaselineReport } from '../../model/baseline-totals.js';
import { STAGES } from '../../model/types.js';
import { reportMeta, type ReportMeta } from '../meta.js';
import { FMT, boldText, cellNumber, finishWorkbook, fitColumns, freeze, headerRow, newWorkbook, putNumber, putText, type XlsxOptions } from './book.js';
import { addInputsSheet } from './inputs.js';

export interface BaselineXlsxOptions extends XlsxOptions {
  /** provenance; by default that of the budgets behind the report */
  meta?: ReportMeta;
}

const STAGE_HEADS: Record<(typeof STAGES)[number], string> = { reactive: 'Reactive', preventive: 'Preventive', other: 'Other' };

export async function renderBaselineXlsx(report: BaselineReport, options: BaselineXlsxOptions = {}): Promise<Buffer> {
  const meta = options.meta ?? reportMeta('baseline', [report.source]);
  const { wb, date } = await newWorkbook(meta, `placepool baseline: ${report.source.name}`, options);

  const ws = wb.addWorksheet('Baseline');
  headerRow(ws, 1, ['Place', 'Year', 'Silo', ...STAGES.map((s) => STAGE_HEADS[s]), 'Total', 'Reactive share', 'Preventive share']);
  let r = 2;
  for (const p of report.places) {
    for (const y of p.years) {
      for (const silo of [...y.silos, y.all]) {
        const row = ws.getRow(r++);
        putText(row.getCell(1), p.place);
        putText(row.getCell(2), y.label);
        if (silo === y.all) boldText(row.getCell(3), 'all');
        else putText(row.getCell(3), silo.silo);
        STAGES.forEach((st, i) => putNumber(row.getCell(4 + i), cellNumber('amount', silo.stages[st]), FMT.money));
        putNumber(row.getCell(7), cellNumber('amount', silo.total), FMT.money);
        putNumber(row.getCell(8), cellNumber('baseline_prevention_share', silo.reactiveShare), FMT.percent);
        putNumber(row.getCell(9), cellNumber('baseline_prevention_share', silo.preventiveShare), FMT.percent);
        if (silo === y.all) row.font = { bold: true };
      }
    }
  }
  freeze(ws, 1, 3);
  fitColumns(ws, 10, 40);

  const years = wb.addWorksheet('Years');
  headerRow(years, 1, ['Place', 'Year', 'Budget lines', 'Carried forward']);
  r = 2;
  for (const p of report.places) {
    for (const y of p.years) {
      const row = years.getRow(r++);
      putText(row.getCell(1), p.place);
      putText(row.getCell(2), y.label);
      putNumber(row.getCell(3), y.lines, FMT.int);
      putNumber(row.getCell(4), y.carried, FMT.int);
    }
  }
  freeze(years, 1, 2);
  fitColumns(years, 10, 40);

  addInputsSheet(wb, {
    meta,
    scenarios: [],
    warnings: [],
    extra: [['later years', report.asGiven ? 'only the rows given for each year' : 'a line with no row for a year carries its latest earlier amount forward']],
  });
  return finishWorkbook(wb, date);
}
