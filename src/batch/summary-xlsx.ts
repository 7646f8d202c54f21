// summary.xlsx: summary.md as a workbook (the counts, the failed runs, the worst cases by npv_cashable) with an
// Inputs sheet (the manifest and every input with its SHA-256, the shard, the expectations). Built from the same
// accumulator as summary.md, so a merged folder's workbook is the unsharded batch's, byte for byte.
import type { Worksheet } from 'exceljs';
import { reportMeta } from '../report/meta.js';
import { FMT, finishWorkbook, fitColumns, formatOf, freeze, headerRow, label, newWorkbook, putNumber, putText } from '../report/xlsx/book.js';
import { addInputsSheet } from '../report/xlsx/inputs.js';
import type { BatchRecord, SummaryAccumulator } from './summary.js';

export const SUMMARY_XLSX_FILE = 'summary.xlsx';

type Acc = SummaryAccumulator;
type AccRow = Acc['worst'][number];

/** A cell of runs.csv: a number cell when it reads as one (sweep values), else text. */
function putCsvCell(ws: Worksheet, r: number, c: number, text: string, numFmt: string = FMT.number): void {
  const cell = ws.getRow(r).getCell(c);
  if (text !== '' && /^-?\d+(\.\d+)?$/.test(text)) putNumber(cell, Number(text), numFmt);
  else if (text !== '') putText(cell, text);
}

/** Run | Place | Scenario | sweep values...: the columns that say which run a row is. */
function identity(ws: Worksheet, r: number, acc: Acc, row: AccRow): number {
  putNumber(ws.getRow(r).getCell(1), row.id, FMT.int);
  putText(ws.getRow(r).getCell(2), acc.cell(row, 1));
  putText(ws.getRow(r).getCell(3), acc.cell(row, 2));
  const sweep = acc.sweepColumns();
  sweep.forEach((_, i) => putCsvCell(ws, r, 4 + i, acc.cell(row, 3 + i)));
  return 4 + sweep.length;
}

/** The workbook's bytes; the same record and runs give the same bytes (fixed dates). */
export async function renderSummaryXlsx(record: BatchRecord, acc: Acc): Promise<Buffer> {
  const meta = reportMeta('batch', [record.manifest, ...record.inputs]);
  meta.version = record.version;
  const { wb, date } = await newWorkbook(meta, `placepool batch: ${record.manifest.name}`);

  const ws = wb.addWorksheet('Summary');
  headerRow(ws, 1, ['What', 'Count']);
  const counts: [string, number][] = [
    ['Runs', acc.runs],
    ['Runs meeting every expectation', acc.runs - acc.failedRuns],
    ['Runs failing an expectation', acc.failedRuns],
    ['Failed expectations', acc.failedExpectations],
  ];
  counts.forEach(([k, v], i) => {
    putText(ws.getRow(2 + i).getCell(1), k);
    putNumber(ws.getRow(2 + i).getCell(2), v, '#,##0');
  });
  let r = 2 + counts.length + 1;
  putText(ws.getRow(r++).getCell(1), record.expectations.length === 0 ? 'No expectations were set.' : 'Expectations, checked for every run:');
  for (const e of record.expectations) putText(ws.getRow(r++).getCell(1), e);
  if (record.shard.n > 1) {
    r++;
    putText(ws.getRow(r).getCell(1), `Shard ${record.shard.k} of ${record.shard.n}: ${record.runs} of the batch's ${record.runs_total} runs`);
  }
  freeze(ws, 1, 0);
  fitColumns(ws, 10, 60);

  const sweep = acc.sweepColumns();
  const idHead = ['Run', 'Place', 'Scenario', ...sweep];
  const failed = wb.addWorksheet('Failed runs');
  headerRow(failed, 1, [...idHead, 'What failed']);
  acc.failed.forEach((row, i) => {
    const c = identity(failed, 2 + i, acc, row);
    putText(failed.getRow(2 + i).getCell(c), acc.cell(row, acc.expCell).replace(/^fail: /, ''));
  });
  if (acc.failedRuns > acc.failed.length) {
    putText(failed.getRow(3 + acc.failed.length).getCell(1), `... and ${acc.failedRuns - acc.failed.length} more: see runs.csv (expectations column)`);
  }
  freeze(failed, 1, 3);
  fitColumns(failed, 8, 60);

  const worst = wb.addWorksheet('Worst cases');
  headerRow(worst, 1, [...idHead, label('npv_cashable'), 'Payback (year index t)', 'Expectations']);
  acc.worst.forEach((row, i) => {
    const c = identity(worst, 2 + i, acc, row);
    putNumber(worst.getRow(2 + i).getCell(c), Number(row.npv.toFixed(2)), formatOf('npv_cashable'));
    putCsvCell(worst, 2 + i, c + 1, acc.cell(row, acc.paybackCell) || 'never', FMT.int);
    putText(worst.getRow(2 + i).getCell(c + 2), acc.cell(row, acc.expCell) === 'pass' ? 'pass' : 'fail');
  });
  freeze(worst, 1, 3);
  fitColumns(worst, 8, 48);

  addInputsSheet(wb, {
    meta,
    scenarios: [],
    warnings: [],
    extra: [
      ['manifest', record.manifest.name],
      ['shard', `${record.shard.k}/${record.shard.n}`],
      ['runs in the batch', record.runs_total],
      ...record.expectations.map((e): [string, string] => ['expectation', e]),
    ],
  });
  return finishWorkbook(wb, date);
}
