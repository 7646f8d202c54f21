// `compare --format xlsx`: the scenarios' summaries side by side with each one's difference from the first
// (the rows of src/report/compare.ts, the same figures as its CSV and JSON), and the Inputs sheet.
import type { RunResult, Scenario } from '../../model/types.js';
import { compareRows } from '../compare.js';
import type { ReportMeta } from '../meta.js';
import { finishWorkbook, fitColumns, freeze, headerRow, label, newWorkbook, putMeasure, putText, type XlsxOptions } from './book.js';
import { addInputsSheet } from './inputs.js';
import { comparePriceText } from '../price-text.js';

export interface CompareXlsxOptions extends XlsxOptions {
  /** the scenarios, in the order of `results`, echoed on the Inputs sheet */
  scenarios?: Scenario[];
}

/** The comparison workbook: Summary (Place | Measure | Key | first | second | second - first | ...) and Inputs. */
export async function renderCompareXlsx(results: RunResult[], meta: ReportMeta, options: CompareXlsxOptions = {}): Promise<Buffer> {
  const first = results[0]!.scenario;
  const { wb, date } = await newWorkbook(meta, `placepool ${meta.command}: ${results.map((r) => r.scenario).join(' | ')}`, options);
  const ws = wb.addWorksheet('Summary');
  headerRow(ws, 1, ['Place', 'Measure', 'Key', ...results.flatMap((r, i) => (i === 0 ? [r.scenario] : [r.scenario, `${r.scenario} - ${first}`]))]);
  let r = 2;
  for (const row of compareRows(results)) {
    const cells = ws.getRow(r++);
    putText(cells.getCell(1), row.place);
    putText(cells.getCell(2), label(row.measure));
    putText(cells.getCell(3), row.measure);
    let col = 4;
    row.values.forEach((v, i) => {
      putMeasure(cells.getCell(col++), row.measure, v);
      if (i > 0) putMeasure(cells.getCell(col++), row.measure, row.differences[i]);
    });
  }
  freeze(ws, 1, 3);
  fitColumns(ws, 10, 44);
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
