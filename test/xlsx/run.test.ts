// The run workbook read back with exceljs (and, for the bytes, unzipped by hand): figures stored as numbers
// with £ / percentage / ratio formats across the sheets, frozen headers, text that never runs, same bytes.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runModel } from '../../src/model/engine.js';
import { SUMMARY_MEASURES, YEARLY_MEASURES, type RunResult } from '../../src/model/types.js';
import { reportMeta, type ReportMeta } from '../../src/report/meta.js';
import { plainMeasure } from '../../src/report/numbers.js';
import { FMT } from '../../src/report/xlsx/book.js';
import { renderRunXlsx } from '../../src/report/xlsx/run.js';
import { makeBudgets, makeScenario, workedExample } from '../helpers/model.js';
import { unzip } from '../helpers/zip.js';

type Row = (ExcelJS.CellValue | undefined)[];

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's values, row by row from row 1, column A at index 0. */
function values(ws: ExcelJS.Worksheet): Row[] {
  const out: Row[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Row = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).value ?? undefined);
    out.push(cells);
  }
  return out;
}

function findRow(ws: ExcelJS.Worksheet, match: (row: ExcelJS.Row) => boolean): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (match(ws.getRow(r))) return ws.getRow(r);
  throw new Error(`no such row in ${ws.name}`);
}

const text = (row: ExcelJS.Row, c: number): unknown => row.getCell(c).value;

function worked(): { result: RunResult; meta: ReportMeta; scenario: ReturnType<typeof workedExample>['scenario'] } {
  const { budgets, scenario } = workedExample();
  const result = runModel(budgets, scenario);
  return { result, scenario, meta: reportMeta('run', [budgets.source, scenario.source], [scenario.name]) };
}

/** Two places (one named like a formula), an intervention named like a formula, an external silo. */
function twoPlaces(): { result: RunResult; meta: ReportMeta } {
  const budgets = makeBudgets([
    ['Lambeth', 2025, 'health', 'Emergency admissions', 'reactive', 40000000],
    ['Lambeth', 2025, 'health', 'Health visiting', 'preventive', 5000000],
    ['Lambeth', 2025, 'social_care', 'Residential care', 'reactive', 30000000],
    ['-Southwark', 2025, 'health', 'Emergency admissions', 'reactive', 35000000],
    ['-Southwark', 2025, 'social_care', 'Residential care', 'reactive', 25000000],
    ['-Southwark', 2025, 'social_care', 'Reablement', 'preventive', 3000000],
  ]);
  const scenario = makeScenario({
    name: '@pool everything',
    horizon: 5,
    pool: { health: '0.1', social_care: 1 },
    shift: ['0.01', '0.02'],
    efficiency: '0.02',
    ramp_years: 2,
    transition_costs: [500000],
    interventions: [
      {
        name: '=HYPERLINK("http://example.invalid","click")',
        cost_per_participant: 5000,
        success_rate: '0.5',
        deadweight: '0.2',
        attribution: '0.9',
        optimism_bias: '0.1',
        lag: 1,
        duration: 3,
        drop_off: '0.2',
        avoided_cost_per_success: { social_care: 8000, health: 1200, housing: 3000 },
        cashable: { social_care: '0.5', health: '0.2', housing: 1 },
      },
    ],
  });
  const result = runModel(budgets, scenario);
  return { result, meta: reportMeta('run', [budgets.source, scenario.source], [scenario.name]) };
}

describe('run workbook: the published worked example', () => {
  it('has the five sheets, each with a frozen bold header', async () => {
    const { result, meta, scenario } = worked();
    const wb = await load(await renderRunXlsx(result, meta, { scenario }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Yearly', 'Settlement', 'Interventions', 'Inputs']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
    }
    expect(wb.getWorksheet('Summary')!.views[0]).toMatchObject({ xSplit: 2 });
  });

  it('Summary holds the published figures as numbers with £, ratio and percentage formats', async () => {
    const { result, meta } = worked();
    const ws = (await load(await renderRunXlsx(result, meta))).getWorksheet('Summary')!;
    expect(values(ws)[0]).toEqual(['Measure', 'Key', 'Example']);
    const byKey = (key: string) => findRow(ws, (r) => text(r, 2) === key).getCell(3);
    const published: [string, number, string][] = [
      ['pv_costs', 150000, FMT.money],
      ['pv_fiscal_benefits', 363597.78, FMT.money],
      ['pv_cashable_benefits', 342598.16, FMT.money],
      ['npv_fiscal', 213597.78, FMT.money],
      ['npv_cashable', 192598.16, FMT.money],
      ['fiscal_roi', 2.423985, '0.00'],
      ['cashable_roi', 2.283988, '0.00'],
      ['payback_t', 2, '0'],
      ['peak_funding_requirement', 150000, FMT.money],
    ];
    for (const [key, value, fmt] of published) {
      const cell = byKey(key);
      expect(cell.type, key).toBe(ExcelJS.ValueType.Number);
      expect(cell.value, key).toBe(value);
      expect(cell.numFmt, key).toBe(fmt);
    }
    expect(byKey('final_scenario_prevention_share').numFmt).toBe('0.0%');
    expect(byKey('payback_year').value).toBe('2027/28 (year 2)');
    // every summary measure is there, in the order of docs/method.md, "9. Summary measures"
    const keys = values(ws).slice(1).map((r) => r[1]).filter((k) => k !== 'payback_year');
    expect(keys).toEqual([...SUMMARY_MEASURES]);
  });

  it('Yearly, Settlement and Interventions hold the figures that add up to the summary', async () => {
    const { result, meta } = worked();
    const wb = await load(await renderRunXlsx(result, meta));
    const yearly = wb.getWorksheet('Yearly')!;
    expect(values(yearly)[0]).toEqual(['Place', 'Silo', 'Measure', 'Key', '2025/26', '2026/27', '2027/28', '2028/29']);
    const employment = findRow(yearly, (r) => text(r, 2) === 'employment' && text(r, 4) === 'avoided_cost');
    expect([5, 6, 7, 8].map((c) => employment.getCell(c).value)).toEqual([0, 149590.8, 119672.64, 95738.11]);
    expect(employment.getCell(6).numFmt).toBe(FMT.money);
    const df = findRow(yearly, (r) => text(r, 2) === 'all' && text(r, 4) === 'discount_factor');
    expect(df.getCell(5).value).toBe(1);
    expect(df.getCell(5).numFmt).toBe('0.000000');
    // the discounted yearly net cashable adds up to the NPV (to rounding)
    const pv = findRow(yearly, (r) => text(r, 2) === 'all' && text(r, 4) === 'pv_net_cashable');
    const npv = [5, 6, 7, 8].reduce((t, c) => t + (pv.getCell(c).value as number), 0);
    expect(Math.abs(npv - 192598.16)).toBeLessThan(0.03);

    const settlement = wb.getWorksheet('Settlement')!;
    expect(values(settlement)[0]).toEqual(['Place', 'Silo', 'External', 'Wrong pocket', 'Pays (PV)', 'Gains (PV)', 'Net before settlement', 'Transfer', 'Net after settlement', 'Peak funding']);
    const rows = values(settlement).slice(1);
    expect(rows.map((r) => r[1])).toEqual(result.places[0]!.settlement.map((s) => s.silo));
    const netAfter = rows.reduce((t, r) => t + (r[8] as number), 0);
    expect(Math.abs(netAfter - 192598.16)).toBeLessThan(0.01 * rows.length);
    const pays = rows.reduce((t, r) => t + (r[4] as number), 0);
    expect(pays).toBeCloseTo(150000, 2);

    const interventions = wb.getWorksheet('Interventions')!;
    const k = findRow(interventions, (r) => text(r, 2) === 'Employment support');
    expect(k.getCell(3).value).toBe(150000);
    expect(k.getCell(6).value).toBe(16.2);
    expect(k.getCell(6).numFmt).toBe('#,##0.00');
    expect(k.getCell(7).value).toBe(Number(plainMeasure('cost_per_success', result.places[0]!.interventions[0]!.cost_per_success)));
  });

  it('Inputs echoes the provenance and the scenario', async () => {
    const { result, meta, scenario } = worked();
    const ws = (await load(await renderRunXlsx(result, meta, { scenario }))).getWorksheet('Inputs')!;
    const rows = values(ws).map((r) => r.slice(0, 3));
    expect(rows).toContainEqual(['tool', 'placepool', undefined]);
    expect(rows).toContainEqual(['command', 'run', undefined]);
    expect(rows).toContainEqual(['input', 'test.csv', '0'.repeat(64)]);
    expect(rows).toContainEqual(['input', 'test.yaml', '1'.repeat(64)]);
    expect(rows).toContainEqual(['scenario', 'Test scenario', undefined]);
    expect(rows).toContainEqual(['interventions.0.cost_per_participant', 1500, undefined]);
    expect(rows).toContainEqual(['interventions.0.avoided_cost_per_success.employment', 9234, undefined]);
    expect(rows).toContainEqual(['investment.fixed', '150000', undefined]);
    expect(rows).toContainEqual(['investment.funding.employment', 1, undefined]);
  });
});

describe('run workbook: several places, formula-like names', () => {
  it('adds an `all places` column and block, and the external silo', async () => {
    const { result, meta } = twoPlaces();
    expect(result.allPlaces).toBeDefined();
    const wb = await load(await renderRunXlsx(result, meta));
    const summary = wb.getWorksheet('Summary')!;
    expect(values(summary)[0]).toEqual(['Measure', 'Key', 'Lambeth', '-Southwark', 'all places']);
    for (const m of SUMMARY_MEASURES) {
      const row = findRow(summary, (r) => text(r, 2) === m);
      const expected = [result.places[0]!.summary[m], result.places[1]!.summary[m], result.allPlaces!.summary[m]].map((v) => {
        const s = plainMeasure(m, v);
        return s === '' ? null : Number(s);
      });
      expect([3, 4, 5].map((c) => row.getCell(c).value ?? null), m).toEqual(expected);
    }
    const yearly = values(wb.getWorksheet('Yearly')!);
    expect(yearly.some((r) => r[0] === 'all places' && r[1] === 'all' && r[3] === 'net_cashable')).toBe(true);
    expect(yearly.filter((r) => r[0] === 'Lambeth' && r[1] === 'housing (external)').map((r) => r[3])).toEqual([
      'avoided_cost',
      'cashable_saving',
      'non_cashable_saving',
      'net_cashable',
    ]);
    expect(yearly.filter((r) => r[0] === 'Lambeth' && r[1] === 'health').map((r) => r[3])).toEqual([...YEARLY_MEASURES]);
    // blocks are separated by one empty row
    const firstSouthwark = yearly.findIndex((r) => r[0] === '-Southwark');
    expect(yearly[firstSouthwark - 1]!.every((v) => v === undefined)).toBe(true);
  });

  it('writes formula-like text as text cells with the Text format, never as formulas', async () => {
    const { result, meta } = twoPlaces();
    const bytes = await renderRunXlsx(result, meta);
    const wb = await load(bytes);
    const interventions = wb.getWorksheet('Interventions')!;
    const cell = interventions.getCell('B2');
    expect(cell.value).toBe('=HYPERLINK("http://example.invalid","click")');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt).toBe('@');
    expect(wb.getWorksheet('Summary')!.getCell('D1').numFmt).toBe('@');
    // ordinary text keeps the General format
    expect(wb.getWorksheet('Summary')!.getCell('C1').numFmt).toBeUndefined();
    // in the file itself: no formula anywhere, the names are shared strings
    const files = unzip(bytes);
    for (const [name, entry] of files) {
      if (name.startsWith('xl/worksheets/')) expect(entry.data.toString('utf8'), name).not.toMatch(/<f[ >]/);
    }
    expect(files.get('xl/sharedStrings.xml')!.data.toString('utf8')).toContain('=HYPERLINK(&quot;http://example.invalid&quot;,&quot;click&quot;)');
  });
});

describe('run workbook: deterministic bytes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the same result gives the same bytes whatever the clock says', async () => {
    const { result, meta } = twoPlaces();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T08:15:37Z'));
    const a = await renderRunXlsx(result, meta);
    vi.setSystemTime(new Date('2031-03-09T17:42:12Z'));
    const b = await renderRunXlsx(result, meta);
    expect(b.equals(a)).toBe(true);
    // every entry is dated 2000-01-01 00:00 (DOS date: years since 1980, month, day)
    for (const entry of unzip(a).values()) {
      expect(entry.dates).toEqual({ localTime: 0, localDate: (20 << 9) | (1 << 5) | 1, centralTime: 0, centralDate: (20 << 9) | (1 << 5) | 1 });
    }
    expect(unzip(a).get('docProps/core.xml')!.data.toString('utf8')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>');
  });

  it('SOURCE_DATE_EPOCH sets the workbook and entry dates', async () => {
    const { result, meta } = twoPlaces();
    const epoch = String(Date.UTC(2026, 10, 22, 9, 30, 10) / 1000);
    const a = await renderRunXlsx(result, meta, { env: { SOURCE_DATE_EPOCH: epoch } });
    const b = await renderRunXlsx(result, meta, { env: { SOURCE_DATE_EPOCH: epoch } });
    expect(b.equals(a)).toBe(true);
    expect(a.equals(await renderRunXlsx(result, meta))).toBe(false);
    const files = unzip(a);
    expect(files.get('docProps/core.xml')!.data.toString('utf8')).toContain('2026-11-22T09:30:10Z');
    for (const entry of files.values()) {
      expect(entry.dates.centralDate).toBe((46 << 9) | (11 << 5) | 22);
      expect(entry.dates.centralTime).toBe((9 << 11) | (30 << 5) | 5);
    }
    expect((await load(a)).created.toISOString()).toBe('2026-11-22T09:30:10.000Z');
  });
});
