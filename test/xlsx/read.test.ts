// Reading a budgets sheet from workbooks built by hand (test/xlsx/handmade.ts), not by exceljs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D } from '../../src/decimal.js';
import { InputError, PlacepoolError } from '../../src/errors.js';
import { numberText } from '../../src/excel-numbers.js';
import { splitXlsxArg, xlsxToRawTable } from '../../src/io/budgets-xlsx.js';
import { budgetsFromRows } from '../../src/io/budgets-validate.js';
import type { RawRow, RawTable } from '../../src/io/rows.js';
import { unzip, zip } from '../helpers/zip.js';
import { c, handmadeXlsx } from './handmade.js';
import { HEADER, budgetsSheetRows, handmadeBudgets, SST } from './fixtures.js';
import { caught } from '../helpers/errors.js';

async function rowsOf(t: RawTable): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const batch of t.batches) out.push(...batch);
  return out;
}


describe('numberText: shortest round trip, plain, 15 significant digits', () => {
  it('writes the decimal a person typed, not float noise', () => {
    expect(numberText(1234567.89)).toBe('1234567.89');
    expect(numberText(parseFloat('1234567.8899999999'))).toBe('1234567.89');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(2025)).toBe('2025');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(1.2e-7)).toBe('0.00000012');
    expect(numberText(-0)).toBe('0');
    expect(numberText(-1234.5)).toBe('-1234.5');
  });
  it('gives back any decimal of up to 15 significant digits that Excel stored as a double', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 12 }), (digits, scale) => {
        const exact = new D(digits.toString()).dividedBy(new D(10).pow(scale));
        const stored = parseFloat(exact.toString());
        expect(numberText(stored)).toBe(exact.toFixed());
      }),
      { numRuns: 500 },
    );
  });
});

describe('workbook arguments', () => {
  it('splits the sheet name off after .xlsx#', () => {
    expect(splitXlsxArg('book.xlsx')).toEqual({ file: 'book.xlsx' });
    expect(splitXlsxArg('data/book.xlsx#Budgets 2025')).toEqual({ file: 'data/book.xlsx', sheet: 'Budgets 2025' });
    expect(splitXlsxArg('my#folder/book.XLSX#A#B')).toEqual({ file: 'my#folder/book.XLSX', sheet: 'A#B' });
    expect(splitXlsxArg('-#Budgets')).toEqual({ file: '-', sheet: 'Budgets' });
  });
});

describe('a hand-built workbook', () => {
  const src = { name: 'hand.xlsx', file: 'hand.xlsx' };

  it('reads the first sheet: header, values as text, locations, empty rows skipped', async () => {
    const bytes = handmadeBudgets();
    const t = await xlsxToRawTable(bytes, src);
    expect(t.source.name).toBe('hand.xlsx');
    expect(t.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(t.header.map((h) => h.value)).toEqual(HEADER);
    expect(t.header[5]!.loc).toEqual({ file: 'hand.xlsx', cell: 'Budgets!F1' });
    const rows = await rowsOf(t);
    expect(rows.map((r) => r.values)).toEqual([
      ['Lambeth', '2025', 'health', 'Acute admissions', 'reactive', '1234567.89', ''],
      ['Lambeth', '2025/26', 'Social care', 'Residential care (65+)', 'reactive', '£1,234,567.89', 'Lambeth Council'],
      ['Lambeth', '2025', 'social_care', 'Reablement', 'Preventive', '250000', ''],
      ['Lambeth', '2026', 'health', 'Acute admissions', 'reactive', '1300000.5', ''],
    ]);
    expect(rows[2]!.cellLoc(5)).toEqual({ file: 'hand.xlsx', cell: 'Budgets!F5' });
    expect(rows[3]!.loc).toMatchObject({ file: 'hand.xlsx', cell: 'Budgets!A6' });
  });

  it('reads a named sheet, whose table may start below and to the right of A1', async () => {
    const t = await xlsxToRawTable(handmadeBudgets(), { name: 'hand.xlsx#Other data', file: 'hand.xlsx', sheet: 'Other data' });
    expect(t.source.name).toBe('hand.xlsx#Other data');
    expect(t.header.map((h) => h.value)).toEqual(HEADER.slice(0, 6));
    const rows = await rowsOf(t);
    expect(rows.map((r) => r.values)).toEqual([['Southwark', '2025', 'employment', 'Work coaches', 'preventive', '98765.43']]);
    expect(rows[0]!.cellLoc(5)).toEqual({ file: 'hand.xlsx', cell: "'Other data'!G3" });
  });

  it('names the sheets, with a suggestion, when the sheet is unknown', async () => {
    const err = await caught(xlsxToRawTable(handmadeBudgets(), { name: 'hand.xlsx#budget', file: 'hand.xlsx', sheet: 'budget' }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.exitCode).toBe(65);
    expect(err.problems[0]!.message).toBe('the workbook has no sheet named "budget"');
    expect(err.message).toMatch(/^hand\.xlsx: the workbook has no sheet named "budget"\n/);
    expect(err.problems[0]!.hint).toContain('Did you mean "Budgets"?');
    expect(err.problems[0]!.hint).toContain('"Budgets", "Other data"');
  });

  it('skips a hidden first sheet when no sheet is named', async () => {
    const bytes = handmadeXlsx(
      [
        { name: 'Lookups', rows: c.row(1, [c.is('A1', 'secret')]), state: 'hidden' },
        { name: 'Budgets', rows: budgetsSheetRows() },
      ],
      SST,
    );
    const t = await xlsxToRawTable(bytes, src);
    expect(t.header[0]!.loc.cell).toBe('Budgets!A1');
  });

  it('locates cells that cannot be read: an error value, a formula never calculated, a date that is not a year', async () => {
    const rows = [
      c.row(1, HEADER.slice(0, 6).map((h, i) => c.is(`${'ABCDEF'[i]}1`, h)).concat(c.is('H1', 'notes'))),
      c.row(2, [c.is('A2', 'Lambeth'), c.n('B2', '2025'), c.is('C2', 'health'), c.is('D2', 'A&amp;E'), c.is('E2', 'reactive'), c.e('F2', '#DIV/0!'), c.e('H2', '#N/A')]),
      c.row(3, [c.is('A3', 'Lambeth'), c.n('B3', '45838', 2), c.is('C3', 'health'), c.is('D3', 'Beds'), c.is('E3', 'reactive'), c.f('F3', 'F2*2')]),
    ].join('');
    const bytes = handmadeXlsx([{ name: 'Q1 budgets', rows }], []);
    const table = await xlsxToRawTable(bytes, src);
    // the notes column (H) is not a budgets column: its error value is passed on as text
    expect((await rowsOf(table))[0]!.values[7]).toBe('#N/A');
    const err = await caught(budgetsFromRows(await xlsxToRawTable(bytes, src)));
    expect(err.exitCode).toBe(65);
    const found = err.problems.map((p) => [p.loc?.cell, p.message]);
    expect(found).toEqual([
      ["'Q1 budgets'!F2", 'the cell holds the error #DIV/0!'],
      ["'Q1 budgets'!B3", 'the year cell holds the date 2025-06-30, not a financial year'],
    ]);
    expect(err.message).toBe('2 problems in hand.xlsx');
    // the second problem of row 3 (a formula never calculated) shows once the first is mended
    const mended = rows.replace(c.n('B3', '45838', 2), c.n('B3', '2025'));
    const again = await caught(budgetsFromRows(await xlsxToRawTable(handmadeXlsx([{ name: 'Q1 budgets', rows: mended }], []), src)));
    expect(again.problems.map((p) => [p.loc?.cell, p.message])[1]).toEqual(["'Q1 budgets'!F3", 'the cell holds a formula with no saved result']);
  });

  it('gives every row of a merged cell the merged value (a place merged down its rows)', async () => {
    const rows = [
      c.row(1, HEADER.slice(0, 6).map((h, i) => c.is(`${'ABCDEF'[i]}1`, h))),
      c.row(2, [c.is('A2', 'Lambeth'), c.n('B2', '2025'), c.is('C2', 'health'), c.is('D2', 'Beds'), c.is('E2', 'reactive'), c.n('F2', '5')]),
      c.row(3, ['<c r="A3"/>', c.n('B3', '2025'), c.is('C3', 'health'), c.is('D3', 'Clinics'), c.is('E3', 'reactive'), c.n('F3', '6')]),
    ].join('');
    const plainBook = unzip(handmadeXlsx([{ name: 'Budgets', rows }], []));
    const merged = zip(
      [...plainBook].map(([name, e]) => ({
        name,
        data: name === 'xl/worksheets/sheet1.xml' ? e.data.toString('utf8').replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>') : e.data,
      })),
    );
    const t = await xlsxToRawTable(merged, src);
    expect((await rowsOf(t)).map((r) => r.values[0])).toEqual(['Lambeth', 'Lambeth']);
  });

  it('skips title rows above the header', async () => {
    const rows = [
      c.row(1, [c.is('A1', 'Lambeth budgets 2025/26')]),
      c.row(2, [c.is('A2', 'Source: budget book, table 4 (£)')]),
      c.row(4, HEADER.slice(0, 6).map((h, i) => c.is(`${'BCDEFG'[i]}4`, h.toUpperCase()))),
      c.row(5, [c.is('B5', 'Lambeth'), c.n('C5', '2025'), c.is('D5', 'health'), c.is('E5', 'Beds'), c.is('F5', 'reactive'), c.n('G5', '5')]),
    ].join('');
    const t = await xlsxToRawTable(handmadeXlsx([{ name: 'Budgets', rows }], []), src);
    expect(t.header.map((h) => [h.value, h.loc.cell])[0]).toEqual(['PLACE', 'Budgets!B4']);
    expect((await rowsOf(t)).map((r) => r.values)).toEqual([['Lambeth', '2025', 'health', 'Beds', 'reactive', '5']]);
  });

  it('takes the first non-empty row as the header when no row names the columns', async () => {
    const rows = [c.row(1, [c.is('A1', 'Lambeth budgets')]), c.row(2, [c.is('A2', 'area'), c.is('B2', 'fy'), c.is('C2', 'spend')])].join('');
    const t = await xlsxToRawTable(handmadeXlsx([{ name: 'Budgets', rows }], []), src);
    expect(t.header.map((h) => h.value)).toEqual(['Lambeth budgets']);
    const err = await caught(budgetsFromRows(t));
    expect(err.problems[0]!.loc?.cell).toBe('Budgets!A1');
  });

  it('refuses an empty sheet with its location', async () => {
    const err = await caught(xlsxToRawTable(handmadeXlsx([{ name: 'Budgets', rows: '' }], []), src));
    expect(err.problems[0]).toMatchObject({ message: 'sheet Budgets is empty', loc: { cell: 'Budgets!A1' } });
  });
});

describe('files that are not workbooks', () => {
  const src = { name: 'bad.xlsx', file: 'bad.xlsx' };
  it.each([
    ['empty', Buffer.alloc(0), 'the file is empty'],
    ['CSV text', Buffer.from('place,year\nLambeth,2025\n'), 'not a ZIP-based'],
    ['legacy .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'old-style .xls'],
    ['truncated zip', handmadeBudgets().subarray(0, 300), 'damaged or incomplete'],
  ])('%s -> InputError 65 naming the file', async (_what, bytes, words) => {
    const err = await caught(xlsxToRawTable(bytes, src));
    expect(err).toBeInstanceOf(InputError);
    expect(err.problems[0]!.message).toContain('not a readable Excel workbook');
    expect(err.message).toMatch(/^bad\.xlsx: not a readable Excel workbook/);
    expect(err.problems[0]!.message).toContain(words);
    expect(err.problems[0]!.hint).toBeTruthy();
  });

  it('never crashes on damaged bytes: always a typed error or a table', async () => {
    const good = handmadeBudgets();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.boolean(), async (at, byte, cut) => {
        const bytes = cut ? good.subarray(0, at) : Buffer.from(good);
        if (!cut) bytes[at] = byte;
        try {
          await xlsxToRawTable(bytes, src);
        } catch (err) {
          expect(err).toBeInstanceOf(PlacepoolError);
        }
      }),
      { numRuns: 150 },
    );
  });
});
