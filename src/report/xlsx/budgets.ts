// Budget lines as a workbook in the budgets format (README.md, "Budgets"), one row per line: what `placepool` reads
// back from `book.xlsx`. Used by the round-trip check and available to commands that hand budgets to Excel.
import { numberText } from '../../excel-numbers.js';
import type { Budgets } from '../../model/types.js';
import type { ReportMeta } from '../meta.js';
import { FMT, finishWorkbook, fitColumns, freeze, headerRow, newWorkbook, putNumber, putText, type XlsxOptions } from './book.js';

/** The budgets as a workbook with one sheet (default `Budgets`); amounts as £ numbers where a double holds them exactly. */
export async function renderBudgetsXlsx(budgets: Budgets, meta: ReportMeta, options: XlsxOptions & { sheet?: string } = {}): Promise<Buffer> {
  const { wb, date } = await newWorkbook(meta, `Budgets: ${budgets.source.name}`, options);
  const ws = wb.addWorksheet(options.sheet ?? 'Budgets');
  const withAgency = budgets.lines.some((l) => l.agency !== undefined);
  headerRow(ws, 1, ['place', 'year', 'silo', 'service', 'stage', 'amount', ...(withAgency ? ['agency'] : [])]);
  budgets.lines.forEach((l, i) => {
    const row = ws.getRow(i + 2);
    putText(row.getCell(1), l.place);
    putNumber(row.getCell(2), l.year, FMT.int);
    putText(row.getCell(3), l.silo);
    putText(row.getCell(4), l.service);
    putText(row.getCell(5), l.stage);
    // a number cell only when the double gives back the exact decimal; otherwise text, read exactly
    const exact = l.amount.toFixed();
    if (numberText(Number(exact)) === exact) putNumber(row.getCell(6), Number(exact), FMT.money);
    else putText(row.getCell(6), exact);
    if (withAgency && l.agency !== undefined) putText(row.getCell(7), l.agency);
  });
  freeze(ws, 1, 0);
  fitColumns(ws, 8, 48);
  return finishWorkbook(wb, date);
}
