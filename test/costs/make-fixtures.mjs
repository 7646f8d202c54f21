// Writes the workbook fixtures of test/fixtures/costs/ (run from the repository: node test/costs/make-fixtures.mjs).
// They are committed; this says how they were made. The richer workbook of test/costs/libraries.test.ts is
// built in its set-up instead (test/costs/ucd.ts).
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';

const HEADER_1 = ['Outcome category', 'Outcome detail', 'Cost code', 'Cost/saving detail', 'Unit', 'Agency', 'Agency level 2', 'Fiscal', '', '', 'Economic', '', '', 'Social'];
const HEADER_2 = ['', '', '', '', '', 'Level 1', 'Level 2', 'Estimated cost/saving', 'Price year', 'Updated', 'Estimated cost/saving', 'Price year', 'Updated', 'Estimated cost/saving', 'Price year'];

function dataSheet(wb, name, rows) {
  const ws = wb.addWorksheet(name);
  HEADER_1.forEach((t, i) => t && (ws.getRow(1).getCell(i + 1).value = t));
  HEADER_2.forEach((t, i) => t && (ws.getRow(2).getCell(i + 1).value = t));
  rows.forEach((row, i) => Object.entries(row).forEach(([col, v]) => (ws.getRow(i + 3).getCell(col).value = v)));
}

async function write(name, build) {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2025, 0, 1));
  build(wb);
  writeFileSync(`test/fixtures/costs/${name}`, Buffer.from(await wb.xlsx.writeBuffer()));
}

const jsa = { A: 'Employment', B: 'Workless claimants', C: 'E&E1.0', D: 'JSA claimant', E: 'Per claimant per year', F: 'Multiple', H: 9800, I: '2012/13' };

await write('no-data-sheets.xlsx', (wb) => {
  wb.addWorksheet('Introduction').getCell('A1').value = 'Unit Cost Database';
  wb.addWorksheet('Lookups').getCell('A1').value = 'Year';
});
await write('no-price-year.xlsx', (wb) => {
  dataSheet(wb, 'Employment & Economy', [jsa, {}, { ...jsa, C: 'E&E2.0', D: 'ESA claimant', H: 8632, I: 'n/a' }]);
});
await write('duplicate-code.xlsx', (wb) => {
  dataSheet(wb, 'Employment & Economy', [jsa]);
  dataSheet(wb, 'Health', [{ ...jsa, A: 'Health', C: ' E&E1.0 ', D: 'A copy pasted onto the wrong sheet' }]);
});
