// The CLI with workbooks: budgets from a hand-built .xlsx give the same report as the equivalent CSV; run
// writes a workbook whose figures are the CSV's; bad workbooks give located messages and the right exit codes.
import { SUMMARY_MEASURES } from '../../src/model/types.js';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { handmadeBudgets, HAND_CSV } from './fixtures.js';
import { c, handmadeXlsx } from './handmade.js';

const SCENARIO = `name: Hand pool
horizon: 4
pool: {health: 0.5, social_care: 1}
investment: {shift: 0.02}
interventions:
  - name: Reablement plus
    cost_per_participant: 5000
    success_rate: 0.5
    deadweight: 0.2
    optimism_bias: 0.1
    lag: 1
    duration: 2
    avoided_cost_per_success: {social_care: 8000, health: 1200}
    cashable: {social_care: 0.5, health: 0.2}
`;

let dir: string;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'placepool-xlsx-cli-'));
  writeFileSync(join(dir, 'hand.xlsx'), handmadeBudgets());
  writeFileSync(join(dir, 'hand.csv'), HAND_CSV);
  writeFileSync(join(dir, 'pool.yaml'), SCENARIO);
  const header = ['place', 'year', 'silo', 'service', 'stage', 'amount'].map((h, i) => c.is(`${'ABCDEF'[i]}1`, h));
  const bad = [
    c.row(1, header),
    c.row(2, [c.is('A2', 'Lambeth'), c.n('B2', '2025'), c.is('C2', 'health'), c.is('D2', 'Beds'), c.is('E2', 'reactive'), c.e('F2', '#DIV/0!')]),
    c.row(3, [c.is('A3', 'Lambeth'), c.n('B3', '2025'), c.is('C3', 'health'), c.is('D3', 'Clinics'), c.is('E3', 'reactive'), c.is('F3', 'twelve')]),
  ].join('');
  writeFileSync(join(dir, 'bad.xlsx'), handmadeXlsx([{ name: 'Q1 budgets', rows: bad }], []));
  writeFileSync(join(dir, 'corrupt.xlsx'), handmadeBudgets().subarray(0, 200));
});

const run = (args: string[]) => cli(args, { cwd: dir });

describe('budgets from a workbook on the command line', () => {
  it('give the same long CSV report as the equivalent CSV file', async () => {
    const fromXlsx = await run(['run', 'hand.xlsx', '-s', 'pool.yaml', '-f', 'csv', '--layout', 'long', '-q']);
    const fromCsv = await run(['run', 'hand.csv', '-s', 'pool.yaml', '-f', 'csv', '--layout', 'long', '-q']);
    expect(fromXlsx.stderr).toBe('');
    expect(fromXlsx.code).toBe(0);
    expect(fromCsv.code).toBe(0);
    expect(fromXlsx.stdout).toBe(fromCsv.stdout);
    expect(fromXlsx.stdout).toContain('Lambeth,Hand pool,summary,,,,npv_cashable,');
  });

  it('write a workbook whose summary figures are the CSV figures, as numbers', async () => {
    const out = join(dir, 'out.xlsx');
    const r = await run(['run', 'hand.xlsx#Budgets', '-s', 'pool.yaml', '-o', out, '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const csv = (await run(['run', 'hand.csv', '-s', 'pool.yaml', '-f', 'csv', '--layout', 'long', '-q'])).stdout;
    const summary = new Map(
      csv
        .split('\n')
        .filter((l) => l.startsWith('Lambeth,Hand pool,summary,'))
        .map((l) => {
          const f = l.split(',');
          return [f[6]!, f[7]!];
        }),
    );
    expect(summary.size).toBe(SUMMARY_MEASURES.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Summary')!;
    let checked = 0;
    for (let row = 2; row <= ws.rowCount; row++) {
      const key = ws.getCell(row, 2).value as string;
      if (!summary.has(key)) continue;
      const v = ws.getCell(row, 3).value;
      expect(v === null ? '' : typeof v, key).toBe(summary.get(key) === '' ? '' : 'number');
      if (summary.get(key) !== '') expect(v, key).toBe(Number(summary.get(key)));
      checked++;
    }
    expect(checked).toBe(SUMMARY_MEASURES.length);
    const inputs = wb.getWorksheet('Inputs')!;
    const sha = createHash('sha256').update(readFileSync(join(dir, 'hand.xlsx'))).digest('hex');
    const found: unknown[][] = [];
    inputs.eachRow((row) => found.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]));
    expect(found).toContainEqual(['input', 'hand.xlsx#Budgets', sha]);
    // the same command writes the same bytes again
    const again = join(dir, 'again.xlsx');
    expect((await run(['run', 'hand.xlsx#Budgets', '-s', 'pool.yaml', '-o', again, '-q'])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });
});

describe('bad workbooks on the command line', () => {
  it('a cell that cannot be read is exit 65, located as Sheet!F2', async () => {
    const r = await run(['run', 'bad.xlsx', '-s', 'pool.yaml']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("bad.xlsx#'Q1 budgets'!F2: the cell holds the error #DIV/0!");
    expect(r.stderr).toContain("bad.xlsx#'Q1 budgets'!F3:");
    expect(r.stdout).toBe('');
  });
  it('an unknown sheet is exit 65 with a suggestion', async () => {
    const r = await run(['run', 'hand.xlsx#budget', '-s', 'pool.yaml']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('hand.xlsx: the workbook has no sheet named "budget"');
    expect(r.stderr).toContain('Did you mean "Budgets"?');
  });
  it('a damaged file is exit 65; a missing one exit 66', async () => {
    const damaged = await run(['run', 'corrupt.xlsx', '-s', 'pool.yaml']);
    expect(damaged.code).toBe(65);
    expect(damaged.stderr).toContain('corrupt.xlsx: not a readable Excel workbook: the file is damaged or incomplete');
    expect(damaged.stderr).not.toMatch(/\n\s+at /);
    const missing = await run(['run', 'missing.xlsx', '-s', 'pool.yaml']);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('cannot open missing.xlsx');
  });
});
