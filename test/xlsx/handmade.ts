// Workbooks built from hand-written SpreadsheetML (not by exceljs), zipped by test/helpers/zip.ts, so the
// budgets reader is checked against files that no part of the tool wrote.
import { zip } from '../helpers/zip.js';

export interface HandSheet {
  name: string;
  /** the <sheetData> body: rows of <c> elements, written by hand */
  rows: string;
  state?: 'hidden';
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A minimal .xlsx: content types, package and workbook relationships, the workbook, one part per sheet,
 * shared strings and styles. Style 1 is a £ currency format, style 2 a date (numFmtId 14), style 3 a
 * percentage, style 4 a year-only date (`yyyy`).
 */
export function handmadeXlsx(sheets: HandSheet[], sharedStrings: string[]): Buffer {
  const contentTypes =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('') +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `</Types>`;
  const rels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>` +
    sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('') +
    `</sheets></workbook>`;
  const n = sheets.length;
  const workbookRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/>` +
    `</Relationships>`;
  const shared =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">` +
    sharedStrings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('') +
    `</sst>`;
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}">` +
    `<numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy"/></numFmts>` +
    `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="5">` +
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    `<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    `<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    `</cellXfs></styleSheet>`;
  const sheetXml = (s: HandSheet): string =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetData>${s.rows}</sheetData></worksheet>`;
  return zip([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s) })),
    { name: 'xl/sharedStrings.xml', data: shared },
    { name: 'xl/styles.xml', data: styles },
  ]);
}

/** Cell helpers for writing <sheetData> by hand. */
export const c = {
  /** shared string by index */
  s: (ref: string, index: number): string => `<c r="${ref}" t="s"><v>${index}</v></c>`,
  /** inline string */
  is: (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`,
  /** number as written in the XML, with an optional style index */
  n: (ref: string, xml: string, style?: number): string => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${xml}</v></c>`,
  /** formula with an optional cached result */
  f: (ref: string, formula: string, cached?: string): string => `<c r="${ref}"><f>${esc(formula)}</f>${cached === undefined ? '' : `<v>${cached}</v>`}</c>`,
  /** error value */
  e: (ref: string, error: string): string => `<c r="${ref}" t="e"><v>${esc(error)}</v></c>`,
  /** boolean */
  b: (ref: string, value: boolean): string => `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`,
  row: (r: number, cells: string[]): string => `<row r="${r}">${cells.join('')}</row>`,
};
