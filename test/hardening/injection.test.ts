// Spreadsheet formula injection (issue 7, item 5; the OWASP CSV injection advice). Places, services, scenarios
// and interventions are named like formulas (`=HYPERLINK(...)`, `+1`, `-2`, `@SUM(A1)`); every report that
// a spreadsheet may open must keep them text:
// - CSV: a text cell beginning with `=`, `+`, `-`, `@`, tab or CR is written with a leading `'`; numbers never are.
// - XLSX: such text is a string cell (never a formula) with Excel's Text format `@`, so that editing the cell
//   in Excel keeps it text. (A literal `'` would show in the cell: in a workbook the cell's type does the job.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecord, guardText, num, text, toCsv } from '../../src/report/csv.js';
import { cli } from '../helpers/cli.js';
import { unzip } from '../helpers/zip.js';
import { HARD, scratch } from './helpers.js';

const DIR = join(HARD, 'injection');
const B = join(DIR, 'budgets.csv');
const S = join(DIR, 'scenario.yaml');
const S2 = join(DIR, 'scenario-b.yaml');
const SU = join(DIR, 'scenario-uncertain.yaml');

const PLACE_1 = '=HYPERLINK("http://x.example/","click")';
const PLACE_2 = '+1';
const SCENARIO = '=HYPERLINK("http://x.example/")';
/** names as written in the fixtures, each of which must come out guarded wherever it appears */
const FORMULA_START = /^[=+\-@\t\r]/;
/** a plain number as the reports write them (the only thing that may begin with `-`) */
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
/** columns that hold names: nothing in them may begin like a formula, even text that looks like a number */
const NAME_COLUMNS = new Set(['place', 'scenario', 'entity', 'service', 'intervention', 'label', 'name', 'silo', 'stage', 'agency']);

function csvCells(csv: string): { header: string[]; rows: string[][] } {
  const all = parse(csv, { relax_column_count: false }) as string[][];
  return { header: all[0]!, rows: all.slice(1) };
}

/** The checks every CSV report must pass; returns every cell, for the callers' own checks. */
function checkCsv(csv: string): Set<string> {
  const { header, rows } = csvCells(csv);
  const cells = new Set<string>();
  for (const h of header) {
    expect(h, `header cell ${JSON.stringify(h)}`).not.toMatch(FORMULA_START);
    cells.add(h);
  }
  let negatives = 0;
  for (const row of rows) {
    row.forEach((cell, i) => {
      cells.add(cell);
      const column = header[i]!;
      if (NAME_COLUMNS.has(column)) expect(cell, `${column} cell`).not.toMatch(FORMULA_START);
      else if (FORMULA_START.test(cell)) {
        // only a number may begin with `-`, and it is written exactly, never prefixed
        expect(cell, `${column} cell`).toMatch(NUMBER);
        negatives++;
      }
    });
  }
  cells.add(`#negatives=${negatives}`);
  return cells;
}

function negatives(cells: Set<string>): number {
  return Number([...cells].find((c) => c.startsWith('#negatives='))!.slice('#negatives='.length));
}

describe('guardText and the CSV writer', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rReturn', "'\rReturn"],
    ['Lambeth', 'Lambeth'],
    ['A=B', 'A=B'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(guardText(input)).toBe(expected);
  });

  it('guards text cells and headers but never numeric cells', () => {
    const csv = toCsv(['place', '-x'], [[text('-2'), num('-123.45')], [text('@A'), num('-0.5')]]);
    expect(csv).toBe("place,'-x\n'-2,-123.45\n'@A,-0.5\n");
    expect(csvRecord([text('=cmd'), num('-1'), '+plain'])).toBe("'=cmd,-1,'+plain\n");
  });
});

describe('CSV reports keep formula-like names as text', () => {
  const cases: [string, string[], string[]][] = [
    ['run, wide', ['run', B, '-s', S, '-f', 'csv'], [`'${PLACE_1}`, `'${PLACE_2}`, `'${SCENARIO}`, "'@SUM(A1)", "'-2", "'+1"]],
    ['run, long', ['run', B, '-s', S, '-f', 'csv', '--layout', 'long'], [`'${PLACE_1}`, `'${PLACE_2}`, `'${SCENARIO}`, "'@SUM(A1)", "'-2", "'+1"]],
    ['baseline, wide', ['baseline', B, '-f', 'csv'], [`'${PLACE_1}`, `'${PLACE_2}`]],
    ['baseline, long', ['baseline', B, '-f', 'csv', '--layout', 'long'], [`'${PLACE_1}`, `'${PLACE_2}`]],
    ['compare, wide', ['compare', B, '-s', S, '-s', S2, '-f', 'csv'], [`'${PLACE_1}`, `'${SCENARIO}`, "'-cautious"]],
    ['compare, long', ['compare', B, '-s', S, '-s', S2, '-f', 'csv', '--layout', 'long'], [`'${PLACE_1}`, `'${SCENARIO}`, "'-cautious"]],
    ['simulate, wide', ['simulate', B, '-s', SU, '--draws', '20', '--jobs', '1', '-f', 'csv'], [`'${PLACE_1}`, "'+uncertain"]],
    ['simulate, long', ['simulate', B, '-s', SU, '--draws', '20', '--jobs', '1', '-f', 'csv', '--layout', 'long'], [`'${PLACE_1}`, "'+uncertain"]],
    ['tornado, wide', ['tornado', B, '-s', SU, '-f', 'csv'], [`'${PLACE_1}`, "'+uncertain", "'@SUM(A1): success_rate"]],
    ['breakeven', ['breakeven', B, '-s', S, '--param', 'interventions.@SUM(A1).success_rate', '-f', 'csv'], [`'${PLACE_1}`, `'${PLACE_2}`, `'${SCENARIO}`]],
  ];
  it.each(cases)('%s', async (_name, args, guarded) => {
    const r = await cli([...args, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cells = checkCsv(r.stdout);
    for (const g of guarded) expect(cells, `expected the cell ${JSON.stringify(g)}`).toContain(g);
    // the unguarded names never appear as cells
    for (const bare of [PLACE_1, SCENARIO, '@SUM(A1)']) expect(cells).not.toContain(bare);
  });

  it('negative numbers stay plain numbers (run, long layout)', async () => {
    const r = await cli(['run', B, '-s', S, '-f', 'csv', '--layout', 'long', '-q']);
    const cells = checkCsv(r.stdout);
    expect(negatives(cells)).toBeGreaterThan(0);
    const { header, rows } = csvCells(r.stdout);
    const value = header.indexOf('value');
    const negative = rows.map((row) => row[value]!).filter((v) => v.startsWith('-'));
    expect(negative.length).toBeGreaterThan(0);
    for (const v of negative) expect(v).toMatch(/^-\d+\.\d+$/);
  });

  it('the guarded file reads back as the same figures as the example (names aside)', async () => {
    const plainRun = await cli(['run', 'example:budgets.csv', '-s', 'example:whole-place.yaml', '-f', 'csv', '--layout', 'long', '-q']);
    const hostile = await cli(['run', B, '-s', S, '-f', 'csv', '--layout', 'long', '-q']);
    const values = (csv: string): string[] => {
      const { header, rows } = csvCells(csv);
      const i = header.indexOf('value');
      return rows.map((r) => r[i]!);
    };
    expect(values(hostile.stdout)).toEqual(values(plainRun.stdout));
  });
});

describe('batch files keep formula-like names as text', () => {
  let out: string;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ dir: out, cleanup } = scratch());
    const r = await cli(['batch', join(DIR, 'manifest.yaml'), '-o', out, '--jobs', '1', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  afterAll(() => cleanup());

  it.each(['runs.csv', 'yearly.csv'])('%s', (file) => {
    const cells = checkCsv(readFileSync(join(out, file), 'utf8'));
    for (const g of [`'${PLACE_1}`, `'${PLACE_2}`, `'${SCENARIO}`, "'-cautious"]) expect(cells).toContain(g);
    expect(cells).not.toContain(PLACE_1);
  });

  it('writes nothing else that a spreadsheet would open as CSV', () => {
    expect(readdirSync(out).filter((f) => f.endsWith('.csv')).sort()).toEqual(['runs.csv', 'yearly.csv']);
  });
});

describe('XLSX reports keep formula-like names as text cells', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = scratch()));
  afterAll(() => cleanup());

  const cases: [string, string[], string[]][] = [
    ['run', ['run', B, '-s', S], [PLACE_1, PLACE_2, SCENARIO, '@SUM(A1)', '-2', '+1']],
    ['compare', ['compare', B, '-s', S, '-s', S2], [PLACE_1, SCENARIO, '-cautious']],
  ];
  it.each(cases)('%s', async (name, args, names) => {
    const file = join(dir, `${name}.xlsx`);
    const r = await cli([...args, '-o', file, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bytes = readFileSync(file);

    // 1. no formula anywhere in the workbook's XML
    for (const [entry, { data }] of unzip(bytes)) {
      if (entry.endsWith('.xml')) expect(data.toString('utf8'), entry).not.toMatch(/<f[\s>]/);
    }

    // 2. read back with exceljs: every formula-like text is a string cell with the Text format
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const seen = new Set<string>();
    let numbers = 0;
    let negativeNumbers = 0;
    wb.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          const v = cell.value;
          if (typeof v === 'number') {
            numbers++;
            if (v < 0) negativeNumbers++;
          }
          if (typeof v === 'string') {
            seen.add(v);
            if (FORMULA_START.test(v)) {
              expect(cell.type, `${ws.name}!${cell.address}`).toBe(ExcelJS.ValueType.String);
              expect(cell.numFmt, `${ws.name}!${cell.address} ${JSON.stringify(v)}`).toBe('@');
            }
          }
        });
      });
    });
    for (const n of names) expect([...seen].some((s) => s.includes(n)), n).toBe(true);
    // figures are numbers (with number formats), negative ones included, untouched by the guard
    expect(numbers).toBeGreaterThan(50);
    if (name === 'run') expect(negativeNumbers).toBeGreaterThan(0);
  });
});
