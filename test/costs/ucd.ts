// Workbooks laid out as the GMCA Unit Cost Database is published, built with exceljs for the tests: sheets
// Introduction and Guidance, then data sheets with a two-row header and entries from row 3 (columns A to U),
// then Lookups and an update log. A row is written cell by cell as the test gives it, so that a test can put a
// formula with a cached value, a number stored as text or an empty cell exactly where it wants one.
import ExcelJS from 'exceljs';

/** A cell as a test writes it: a value, a formula with its saved result, or nothing. */
export type CellSpec = string | number | null | { formula: string; result: number | string };

/** The data-sheet columns by letter, as the published workbook has them. */
export interface UcdRow {
  A?: CellSpec; B?: CellSpec; C?: CellSpec; D?: CellSpec; E?: CellSpec; F?: CellSpec; G?: CellSpec;
  H?: CellSpec; I?: CellSpec; J?: CellSpec; K?: CellSpec; L?: CellSpec; M?: CellSpec; N?: CellSpec;
  O?: CellSpec; P?: CellSpec; Q?: CellSpec; R?: CellSpec; S?: CellSpec; T?: CellSpec; U?: CellSpec;
}

/** A sheet: its name, and its rows from row 3 (an empty object is a blank spacer row). */
export interface UcdSheet {
  name: string;
  rows: UcdRow[];
  /** write the two-row header (default true for data sheets) */
  header?: boolean;
}

const HEADER_1 = ['Outcome category', 'Outcome detail', 'Cost code', 'Cost/saving detail', 'Unit', 'Agency', 'Agency level 2', 'Fiscal', '', '', 'Economic', '', '', 'Social', '', '', 'Source', 'RAG', 'Comment', 'v1.4 changes', 'v1.4 notes'];
const HEADER_2 = ['', '', '', '', '', 'Level 1', 'Level 2', 'Estimated cost/saving', 'Price year', 'Updated (2015/16)', 'Estimated cost/saving', 'Price year', 'Updated (2015/16)', 'Estimated cost/saving', 'Price year', 'Updated (2015/16)', 'Original source', 'Assessment', '', '', ''];

function put(cell: ExcelJS.Cell, spec: CellSpec | undefined): void {
  if (spec === undefined || spec === null) return;
  if (typeof spec === 'object') cell.value = { formula: spec.formula, result: spec.result } as ExcelJS.CellFormulaValue;
  else cell.value = spec;
}

/** The bytes of a workbook with these data sheets, between the published workbook's other sheets. */
export async function ucdWorkbook(sheets: UcdSheet[], options: { others?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const others = options.others ?? true;
  if (others) {
    wb.addWorksheet('Introduction').getCell('A1').value = 'Unit Cost Database';
    wb.addWorksheet('Guidance').getCell('A1').value = 'How to use the database';
  }
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.header ?? true) {
      HEADER_1.forEach((t, i) => t && (ws.getRow(1).getCell(i + 1).value = t));
      HEADER_2.forEach((t, i) => t && (ws.getRow(2).getCell(i + 1).value = t));
    }
    s.rows.forEach((row, i) => {
      const r = ws.getRow(i + 3);
      for (const [letter, spec] of Object.entries(row) as [keyof UcdRow, CellSpec][]) put(r.getCell(letter), spec);
    });
  }
  if (others) {
    const lookups = wb.addWorksheet('Lookups');
    lookups.getCell('A1').value = 'Year';
    lookups.getCell('B1').value = 'Deflator';
    lookups.getCell('A2').value = '2012/13';
    lookups.getCell('B2').value = 0.95;
    wb.addWorksheet('Update log').getCell('A1').value = 'v1.4: values reviewed';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
