// simulate, tornado, breakeven, compare (and their Inputs sheets) as workbooks through the CLI, read back with
// exceljs: the sheets, cells equal to the same command's CSV, the number formats, the scenario echoed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FMT } from '../../src/report/xlsx/book.js';
import { cli } from '../helpers/cli.js';

const BUDGETS = 'fixtures/example/budgets.csv';
const UNCERTAIN = 'fixtures/example/uncertain.yaml';
const WHOLE = 'fixtures/example/whole-place.yaml';
const CAUTIOUS = 'fixtures/example/cautious-health-care.yaml';

const dir = mkdtempSync(join(tmpdir(), 'placepool-xlsx-u-'));

async function book(args: string[], name: string): Promise<ExcelJS.Workbook> {
  const out = join(dir, name);
  const r = await cli([...args, '-o', out], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
  expect(r.code, r.stderr).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
  return wb;
}

/** The CSV of the same command as records by header. */
async function csv(args: string[]): Promise<Record<string, string>[]> {
  const r = await cli([...args, '-f', 'csv']);
  expect(r.code, r.stderr).toBe(0);
  const [head, ...lines] = r.stdout.trim().split('\n');
  const keys = head!.split(',');
  // the fields here hold no commas or quotes but the label column, which is dropped
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
}

function rowWhere(ws: ExcelJS.Worksheet, match: (row: ExcelJS.Row) => boolean): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (match(ws.getRow(r))) return ws.getRow(r);
  throw new Error(`no such row in ${ws.name}`);
}

const header = (ws: ExcelJS.Worksheet): unknown[] => (ws.getRow(1).values as unknown[]).slice(1);

function inputsValue(wb: ExcelJS.Workbook, key: string): unknown {
  const ws = wb.getWorksheet('Inputs')!;
  return rowWhere(ws, (row) => row.getCell(1).value === key).getCell(2).value;
}

describe('Excel for the uncertainty commands', () => {
  it('simulate: statistics, probabilities, payback, the uncertain values and the Inputs sheet, equal to the CSV', async () => {
    const args = ['simulate', BUDGETS, '-s', UNCERTAIN, '--draws', '200', '--seed', '3', '--jobs', '1', '--place', 'Lambridge'];
    const wb = await book(args, 'simulate.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Statistics', 'Probabilities', 'Payback', 'Uncertain values', 'Inputs']);
    const stats = wb.getWorksheet('Statistics')!;
    expect(header(stats)).toEqual(['Place', 'Measure', 'Key', 'Centre (run)', 'Draws with a value', 'Mean', 'P5', 'P10', 'P25', 'P50', 'P75', 'P90', 'P95']);
    const rows = await csv(args);
    const npv = rows.find((r) => r.place === 'Lambridge' && r.measure === 'npv_cashable')!;
    const cells = rowWhere(stats, (row) => row.getCell(1).value === 'Lambridge' && row.getCell(3).value === 'npv_cashable');
    expect(cells.getCell(2).value).toBe('Net present value (cashable)');
    expect(cells.getCell(5).value).toBe(Number(npv.count));
    expect(cells.getCell(6).value).toBe(Number(npv.mean));
    expect(cells.getCell(10).value).toBe(Number(npv.p50));
    expect(cells.getCell(6).numFmt).toBe(FMT.money);
    // the centre is run's figure, to the penny
    const run = await cli(['run', BUDGETS, '-s', UNCERTAIN, '--place', 'Lambridge', '-f', 'json']);
    const centre = JSON.parse(run.stdout) as { result: { places: { summary: Record<string, number> }[] } };
    expect(cells.getCell(4).value).toBe(centre.result.places[0]!.summary.npv_cashable);
    const payback = rowWhere(stats, (row) => row.getCell(3).value === 'payback_t');
    expect(payback.getCell(6).numFmt).toBe(FMT.ratio);
    const share = rowWhere(stats, (row) => row.getCell(3).value === 'final_scenario_prevention_share');
    expect(share.getCell(6).numFmt).toBe(FMT.percent);

    const probs = wb.getWorksheet('Probabilities')!;
    const positive = rowWhere(probs, (row) => row.getCell(3).value === 'npv_cashable');
    expect(positive.getCell(5).value).toBe(Number(npv.prob_positive));
    expect(positive.getCell(5).numFmt).toBe(FMT.percent);

    // the payback distribution: every draw counted once, shares adding up to 1
    const pb = wb.getWorksheet('Payback')!;
    let draws = 0;
    let shares = 0;
    for (let r = 2; r <= pb.rowCount; r++) {
      draws += pb.getRow(r).getCell(4).value as number;
      shares += pb.getRow(r).getCell(5).value as number;
    }
    expect(draws).toBe(200);
    expect(shares).toBeCloseTo(1, 6);

    const params = wb.getWorksheet('Uncertain values')!;
    const cost = rowWhere(params, (row) => row.getCell(2).value === 'interventions.0.cost_per_participant');
    // written as 4500, 5214 and 6500 at 2014/15 prices: converted to the example's 2024/25 price base
    expect(cost.getCell(3).value).toBe('triangular(6027.937481, 6984.370228, 8707.020806)');
    expect(cost.getCell(4).value).toBe(6984.37); // money cells to the penny
    expect(cost.getCell(4).numFmt).toBe(FMT.money);

    expect(inputsValue(wb, 'seed')).toBe(3);
    expect(inputsValue(wb, 'draws')).toBe(200);
    expect(inputsValue(wb, 'name')).toBe('Whole-place pool (uncertain)');
  });

  it('tornado: one row per bar, largest swing first, equal to the CSV, swing = |high - low|', async () => {
    const args = ['tornado', BUDGETS, '-s', UNCERTAIN, '--place', 'Eastmoor'];
    const wb = await book(args, 'tornado.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tornado', 'Inputs']);
    const ws = wb.getWorksheet('Tornado')!;
    const rows = (await csv([...args, '--layout', 'long'])).filter((r) => r.place === 'Eastmoor');
    expect(ws.rowCount - 1).toBe(rows.length);
    rows.forEach((r, i) => {
      const row = ws.getRow(2 + i);
      expect(row.getCell(3).value).toBe(r.parameter);
      expect(row.getCell(7).value).toBe(Number(r.npv_low));
      expect(row.getCell(8).value).toBe(Number(r.npv_high));
      expect(row.getCell(9).value).toBe(Number(r.swing));
      // each is rounded to the penny from the exact figures, so they agree within a penny
      expect(Math.abs((row.getCell(9).value as number) - Math.abs((row.getCell(8).value as number) - (row.getCell(7).value as number)))).toBeLessThanOrEqual(0.0100001);
      expect(row.getCell(9).numFmt).toBe(FMT.money);
      if (i > 0) expect(row.getCell(9).value as number).toBeLessThanOrEqual(ws.getRow(1 + i).getCell(9).value as number);
    });
    // a money field's values in pounds, a share's as it is
    const cost = rowWhere(ws, (row) => row.getCell(3).value === 'interventions.0.cost_per_participant');
    expect(cost.getCell(4).numFmt).toBe(FMT.money);
    expect(cost.getCell(2).value).toMatch(/Family intervention/);
    const rate = rowWhere(ws, (row) => row.getCell(3).value === 'interventions.0.success_rate');
    expect(rate.getCell(4).numFmt).toBe(FMT.share);
    expect(inputsValue(wb, 'measure')).toBe('npv_cashable');
  });

  it('breakeven: the switching value, the range and the change, equal to the CSV', async () => {
    const args = ['breakeven', BUDGETS, '-s', WHOLE, '--param', 'integration.efficiency', '--place', 'Lambridge'];
    const wb = await book(args, 'breakeven.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Breakeven', 'Inputs']);
    const ws = wb.getWorksheet('Breakeven')!;
    const [r] = await csv(args);
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe('Lambridge');
    expect(row.getCell(2).value).toBe('integration.efficiency');
    expect(row.getCell(4).value).toBe(Number(r!.min));
    expect(row.getCell(5).value).toBe(Number(r!.max));
    expect(row.getCell(6).value).toBe(0.02);
    expect(row.getCell(7).value).toBeGreaterThan(0);
    expect(row.getCell(7).value).toBe(Number(r!.switching_value));
    expect(row.getCell(8).value).toBe(Number(r!.change));
    expect(row.getCell(8).numFmt).toBe(FMT.percent);
    // the cashable NPV at the switching value is within a penny of zero
    expect(Math.abs(row.getCell(10).value as number)).toBeLessThanOrEqual(0.01);
    expect(row.getCell(10).numFmt).toBe(FMT.money);
    expect(inputsValue(wb, 'parameter')).toBe('integration.efficiency');
    expect(inputsValue(wb, 'name')).toBe('Whole-place pool');
  });

  it("compare's Inputs sheet echoes each scenario", async () => {
    const wb = await book(['compare', BUDGETS, '-s', WHOLE, '-s', CAUTIOUS], 'compare.xlsx');
    const ws = wb.getWorksheet('Inputs')!;
    const titles: unknown[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string' && v.startsWith('Scenario ')) titles.push(v);
    });
    expect(titles).toEqual(['Scenario 1: Whole-place pool', expect.stringMatching(/^Scenario 2: /)]);
  });
});
