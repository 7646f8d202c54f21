// Budgets from workbooks end to end (readBudgets, the real dispatch): the same figures as the equivalent CSV,
// sheet selection, stdin, opening problems, and a round trip through a workbook the tool writes.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/io-types.js';
import { sum } from '../../src/decimal.js';
import { readBudgets } from '../../src/io/budgets.js';
import type { Budgets } from '../../src/model/types.js';
import { reportMeta } from '../../src/report/meta.js';
import { renderBudgetsXlsx } from '../../src/report/xlsx/budgets.js';
import { unzip } from '../helpers/zip.js';
import { HAND_CSV, handmadeBudgets } from './fixtures.js';
import { caught } from '../helpers/errors.js';

let dir: string;

function io(stdin?: Buffer): Io {
  return {
    stdin: (stdin ? Readable.from([stdin]) : Readable.from([])) as unknown as PassThrough,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    env: {},
    cwd: dir,
  };
}

/** A realistic two-place budgets file (figures of the size a real English borough spends). */
const TWO_PLACES_CSV = [
  'place,year,silo,service,stage,amount,agency',
  'Lambeth,2025,health,Emergency admissions (65+),reactive,48210350.17,NHS South East London ICB',
  'Lambeth,2025,health,Community health visiting,preventive,6120400,NHS South East London ICB',
  'Lambeth,2025,social_care,Residential care (65+),reactive,31502980.5,Lambeth Council',
  'Lambeth,2025,social_care,Reablement,preventive,4210000.03,Lambeth Council',
  'Lambeth,2025,employment,Out-of-work benefits administration,reactive,12870000,DWP',
  'Lambeth,2026,social_care,Residential care (65+),reactive,32605584.82,Lambeth Council',
  'Southwark,2025,childcare,Crisis childcare placements,reactive,2980400.99,Southwark Council',
  'Southwark,2025,childcare,Early years outreach,preventive,"£1,120,000.00",Southwark Council',
  'Southwark,2025,housing,Temporary accommodation,reactive,1.2e6,',
  'Southwark,2025,employment,Work and health programme,other,0.01,DWP',
  '',
].join('\n');

function lines(b: Budgets): string[][] {
  return b.lines.map((l) => [l.place, String(l.year), l.silo, l.service, l.stage, l.amount.toFixed(), l.agency ?? '']);
}

function totals(b: Budgets): Record<string, string> {
  const out: Record<string, string> = {};
  for (const place of b.places) out[place] = sum(b.lines.filter((l) => l.place === place).map((l) => l.amount)).toFixed();
  return out;
}


afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'placepool-xlsx-'));
  writeFileSync(join(dir, 'hand.xlsx'), handmadeBudgets());
  writeFileSync(join(dir, 'hand.csv'), HAND_CSV);
  writeFileSync(join(dir, 'two.csv'), TWO_PLACES_CSV);
  writeFileSync(join(dir, 'text.xlsx'), HAND_CSV);
  mkdirSync(join(dir, 'folder.xlsx'));
});

describe('a workbook that no part of the tool wrote', () => {
  it('gives the same budget lines and totals as the equivalent CSV', async () => {
    const fromXlsx = await readBudgets('hand.xlsx', io());
    const fromCsv = await readBudgets('hand.csv', io());
    expect(lines(fromXlsx)).toEqual(lines(fromCsv));
    expect(lines(fromXlsx)).toEqual([
      ['Lambeth', '2025', 'health', 'Acute admissions', 'reactive', '1234567.89', ''],
      ['Lambeth', '2025', 'social_care', 'Residential care (65+)', 'reactive', '1234567.89', 'Lambeth Council'],
      ['Lambeth', '2025', 'social_care', 'Reablement', 'preventive', '250000', ''],
      ['Lambeth', '2026', 'health', 'Acute admissions', 'reactive', '1300000.5', ''],
    ]);
    // by hand: 1,234,567.89 x 2 + 250,000 + 1,300,000.50 = 2,469,135.78 + 1,550,000.50
    expect(totals(fromXlsx)).toEqual({ Lambeth: '4019136.28' });
    expect(fromXlsx.years).toEqual(fromCsv.years);
    expect(fromXlsx.silos).toEqual(fromCsv.silos);
    expect(fromXlsx.lines[2]!.loc).toMatchObject({ file: 'hand.xlsx', cell: 'Budgets!A5' });
    expect(fromXlsx.source).toEqual({ name: 'hand.xlsx', sha256: createHash('sha256').update(handmadeBudgets()).digest('hex') });
  });

  it('reads a sheet by its exact name', async () => {
    const b = await readBudgets('hand.xlsx#Other data', io());
    expect(b.source.name).toBe('hand.xlsx#Other data');
    expect(lines(b)).toEqual([['Southwark', '2025', 'employment', 'Work coaches', 'preventive', '98765.43', '']]);
  });

  it('reads a workbook from stdin', async () => {
    const b = await readBudgets('-#Budgets', io(handmadeBudgets()));
    expect(b.source.name).toBe('<stdin>#Budgets');
    expect(totals(b)).toEqual({ Lambeth: '4019136.28' });
  });
});

describe('opening problems', () => {
  it('a missing file or a folder is exit 66; text named .xlsx is exit 65', async () => {
    const missing = await caught(readBudgets('nope.xlsx#Budgets', io()));
    expect(missing.exitCode).toBe(66);
    expect(missing.message).toContain('cannot open nope.xlsx');
    expect((await caught(readBudgets('folder.xlsx', io()))).exitCode).toBe(66);
    const text = await caught(readBudgets('text.xlsx', io()));
    expect(text.exitCode).toBe(65);
    expect(text.message.split('\n')[0]).toBe('text.xlsx: not a readable Excel workbook: it is not a ZIP-based .xlsx file');
  });
  it('an unknown sheet is exit 65 with the sheet names', async () => {
    const err = await caught(readBudgets('hand.xlsx#Other', io()));
    expect(err.exitCode).toBe(65);
    expect(err.problems[0]!.hint).toContain('Did you mean "Other data"?');
  });
});

describe('round trip through a workbook the tool writes', () => {
  it('gives back the same lines and totals as the CSV', async () => {
    const fromCsv = await readBudgets('two.csv', io());
    const bytes = await renderBudgetsXlsx(fromCsv, reportMeta('budgets', [fromCsv.source]));
    writeFileSync(join(dir, 'two.xlsx'), bytes);
    const back = await readBudgets('two.xlsx', io());
    expect(lines(back)).toEqual(lines(fromCsv));
    expect(totals(back)).toEqual(totals(fromCsv));
    // by hand: 48,210,350.17 + 6,120,400 + 31,502,980.50 + 4,210,000.03 + 12,870,000 + 32,605,584.82; and
    // 2,980,400.99 + 1,120,000 + 1,200,000 + 0.01
    expect(totals(back)).toEqual({ Lambeth: '135519315.52', Southwark: '5300401' });
    expect(back.places).toEqual(['Lambeth', 'Southwark']);
  });
});

describe('the committed fixtures test/fixtures/xlsx/hand-budgets.{xlsx,csv}', () => {
  const FIXTURES = fileURLToPath(new URL('../fixtures/xlsx/', import.meta.url));
  const fixtureIo = (): Io => ({ ...io(), cwd: FIXTURES });

  it('are the hand-built workbook and its CSV (UPDATE_GOLDEN=1 rewrites them)', () => {
    const xlsx = join(FIXTURES, 'hand-budgets.xlsx');
    const csv = join(FIXTURES, 'hand-budgets.csv');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(xlsx)) {
      writeFileSync(xlsx, handmadeBudgets());
      writeFileSync(csv, HAND_CSV);
    }
    // compared part by part: another zlib may compress the same XML to other bytes
    const parts = (b: Buffer) => [...unzip(b)].map(([name, e]) => [name, e.data.toString('utf8')]);
    expect(parts(readFileSync(xlsx))).toEqual(parts(handmadeBudgets()));
    expect(readFileSync(csv, 'utf8')).toBe(HAND_CSV);
  });

  it('read to the same budgets', async () => {
    const a = await readBudgets('hand-budgets.xlsx', fixtureIo());
    const b = await readBudgets('hand-budgets.csv', fixtureIo());
    expect(lines(a)).toEqual(lines(b));
    expect(totals(a)).toEqual({ Lambeth: '4019136.28' });
  });
});
