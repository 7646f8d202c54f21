// The compare and baseline workbooks read back: the figures of the shared report shaping, as numbers.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { runModel } from '../../src/model/engine.js';
import { SUMMARY_MEASURES } from '../../src/model/types.js';
import { computeBaseline } from '../../src/model/baseline-totals.js';
import { reportMeta } from '../../src/report/meta.js';
import { FMT } from '../../src/report/xlsx/book.js';
import { renderBaselineXlsx } from '../../src/report/xlsx/baseline.js';
import { renderCompareXlsx } from '../../src/report/xlsx/compare.js';
import { makeBudgets, workedExample } from '../helpers/model.js';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) row.push(ws.getRow(r).getCell(c).value);
    out.push(row);
  }
  return out;
}

describe('compare workbook', () => {
  it('puts the summaries side by side with the differences from the first, as numbers', async () => {
    const { budgets, scenario } = workedExample();
    const bigger = { ...scenario, name: 'Bigger fund', investment: { ...scenario.investment, fixed: [scenario.investment.fixed[0]!.times(2)] } };
    const results = [runModel(budgets, scenario), runModel(budgets, bigger)];
    const meta = reportMeta('compare', [budgets.source, scenario.source], [scenario.name, bigger.name]);
    const bytes = await renderCompareXlsx(results, meta, { scenarios: [scenario, bigger] });
    expect((await renderCompareXlsx(results, meta, { scenarios: [scenario, bigger] })).equals(bytes)).toBe(true);
    const wb = await load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Who pays', 'Inputs']);
    const ws = wb.getWorksheet('Summary')!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual(['Place', 'Measure', 'Key', 'Test scenario', 'Bigger fund', 'Bigger fund - Test scenario']);
    expect(rows.slice(1).map((r) => r[2])).toEqual([...SUMMARY_MEASURES]);
    const costs = rows.find((r) => r[2] === 'pv_costs')!;
    // twice the fixed £150,000 in year 0: costs double, the difference is £150,000
    expect(costs.slice(3)).toEqual([150000, 300000, 150000]);
    const npv = rows.find((r) => r[2] === 'npv_cashable')!;
    expect(npv[3]).toBe(192598.16);
    // the model is linear in the fixed amount here: twice the exact NPV (192,598.155...) is 385,196.31 to the
    // penny, and the difference (exact, then rounded, as in the CSV and JSON) is the first NPV again
    expect(npv[4]).toBe(385196.31);
    expect(npv[5]).toBe(192598.16);
    const cell = ws.getCell('F2');
    expect(cell.numFmt).toBe(FMT.money);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 1 });
    const inputs = rowsOf(wb.getWorksheet('Inputs')!).map((r) => r.slice(0, 2));
    expect(inputs).toContainEqual(['Scenario 2: Bigger fund', null]);
    expect(inputs).toContainEqual(['investment.fixed', '300000']);
    // who pays: each party's six settlement measures, side by side, as on the run's Settlement sheet
    const pays = rowsOf(wb.getWorksheet('Who pays')!);
    expect(pays[0]).toEqual(['Place', 'Party', 'Kind', 'Measure', 'Key', 'Test scenario', 'Bigger fund', 'Bigger fund - Test scenario']);
    const settlement = results.map((res) => res.places[0]!.settlement);
    expect(pays.length - 1).toBe(settlement[0]!.length * 6);
    for (const row of pays.slice(1)) {
      const [a, b] = settlement.map((s) => s.find((x) => x.silo === row[1])![row[4] as 'pays']);
      expect(row.slice(5)).toEqual([Number(a!.toFixed(2)), Number(b!.toFixed(2)), Number(b!.minus(a!).toFixed(2))]);
    }
  });

  it('adds the funding gap with the share closed when a scenario has an envelope', async () => {
    const { budgets, scenario } = workedExample();
    const withEnvelope = { ...scenario, name: 'Envelope', envelope: { default: new D('-0.1'), bySilo: new Map<string, D>() } };
    const results = [runModel(budgets, scenario), runModel(budgets, withEnvelope)];
    const meta = reportMeta('compare', [budgets.source, scenario.source], [scenario.name, withEnvelope.name]);
    const wb = await load(await renderCompareXlsx(results, meta));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Who pays', 'Funding gap', 'Inputs']);
    const ws = wb.getWorksheet('Funding gap')!;
    const rows = rowsOf(ws);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['final_baseline_gap', 'final_scenario_gap', 'final_gap_closed', 'cumulative_baseline_gap', 'cumulative_scenario_gap', 'cumulative_gap_closed']);
    const s = results[1]!.places[0]!.summary;
    const base = rows.find((r) => r[2] === 'final_baseline_gap')!;
    const closed = rows.find((r) => r[2] === 'final_gap_closed')!;
    // the first scenario has no envelope: no gap, no difference
    expect(base.slice(3)).toEqual([null, Number(s.final_baseline_gap!.toFixed(2)), null]);
    expect(closed[4]).toBe(Number(s.final_baseline_gap!.minus(s.final_scenario_gap!).dividedBy(s.final_baseline_gap!).toFixed(6)));
    expect(ws.getCell('E4').numFmt).toBe(FMT.percent);
  });
});

describe('baseline workbook', () => {
  it('holds the baseline report figures: stages across, totals and shares', async () => {
    const budgets = makeBudgets([
      ['Lambeth', 2025, 'health', 'Emergency admissions', 'reactive', '48210350.17'],
      ['Lambeth', 2025, 'health', 'Health visiting', 'preventive', '6120400'],
      ['Lambeth', 2025, 'social_care', 'Residential care', 'reactive', '31502980.50'],
      ['Lambeth', 2025, 'social_care', 'Commissioning', 'other', '1000000'],
      ['Lambeth', 2026, 'social_care', 'Residential care', 'reactive', '32605584.82'],
    ]);
    const bytes = await renderBaselineXlsx(computeBaseline(budgets));
    const wb = await load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Baseline', 'Years', 'Inputs']);
    const rows = rowsOf(wb.getWorksheet('Baseline')!);
    expect(rows[0]).toEqual(['Place', 'Year', 'Silo', 'Reactive', 'Preventive', 'Other', 'Total', 'Reactive share', 'Preventive share']);
    // 2025: health 48,210,350.17 + 6,120,400 = 54,330,750.17 (reactive 88.7349%); all: reactive
    // 48,210,350.17 + 31,502,980.50 = 79,713,330.67 of 86,833,730.67
    expect(rows[1]).toEqual(['Lambeth', '2025/26', 'health', 48210350.17, 6120400, null, 54330750.17, 0.887349, 0.112651]);
    expect(rows[3]).toEqual(['Lambeth', '2025/26', 'all', 79713330.67, 6120400, 1000000, 86833730.67, 0.918, 0.070484]);
    // 2026: the lines with no 2026 row carry their 2025 amounts forward
    expect(rows[6]).toEqual(['Lambeth', '2026/27', 'all', 80815934.99, 6120400, 1000000, 87936334.99, 0.919028, 0.0696]);
    const ws = wb.getWorksheet('Baseline')!;
    expect(ws.getCell('D2').numFmt).toBe(FMT.money);
    expect(ws.getCell('H2').numFmt).toBe('0.0%');
    expect(rowsOf(wb.getWorksheet('Years')!).slice(1)).toEqual([
      ['Lambeth', '2025/26', 4, 0],
      ['Lambeth', '2026/27', 4, 3],
    ]);
  });
});
