// Budgets with the years as columns (`place, silo, service, stage[, agency], 2025/26, ...`) read to the same
// Budgets as the same data written one row per line and year: random valid budgets are written in both layouts
// (CSV, and the years-as-columns layout as an Excel sheet too), read, and compared line by line and in totals.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, sum } from '../src/decimal.js';
import { readBudgets } from '../src/io/budgets.js';
import { budgetsFromRows } from '../src/io/budgets-validate.js';
import { xlsxToRawTable } from '../src/io/budgets-xlsx.js';
import type { Io } from '../src/io-types.js';
import type { Budgets } from '../src/model/types.js';
import { ROOT } from './helpers/cli.js';

const RUNS = Number(process.env.PLACEPOOL_PROPERTY_RUNS ?? 60);

interface Series {
  place: string;
  silo: string;
  service: string;
  stage: string;
  agency: string;
}

const seriesArb = fc.record({
  place: fc.constantFrom('Lambridge', 'Eastmoor', 'St Anne, North'),
  silo: fc.constantFrom('health', 'Social care', 'employment', 'childcare', 'housing'),
  service: fc.constantFrom('Acute admissions', 'Residential care (65+)', 'Reablement', 'Care, residential', 'The "Front Door"', 'Work coaches'),
  stage: fc.constantFrom('reactive', 'Preventive', 'other'),
  agency: fc.constantFrom('', 'NHS North Thames ICB', 'Lambridge Council'),
});

const amountArb = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 99 }), fc.boolean())
  .map(([units, pence, whole]) => (whole ? units.toString() : `${units}.${String(pence).padStart(2, '0')}`));

const dataArb = fc
  .record({
    series: fc.uniqueArray(seriesArb, { minLength: 1, maxLength: 8, selector: (s) => `${s.place}|${s.silo}|${s.service}|${s.stage.toLowerCase()}` }),
    years: fc.uniqueArray(fc.integer({ min: 2020, max: 2035 }), { minLength: 1, maxLength: 5 }),
    forms: fc.array(fc.constantFrom('plain', 'slash', 'dash'), { minLength: 5, maxLength: 5 }),
    agencyColumn: fc.boolean(),
    // where each year column goes among the other columns
    positions: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
  })
  .chain((d) =>
    fc.record({
      data: fc.constant(d),
      // null: the cell is empty (no amount for that year)
      amounts: fc.array(fc.array(fc.option(amountArb, { nil: null, freq: 3 }), { minLength: d.years.length, maxLength: d.years.length }), {
        minLength: d.series.length,
        maxLength: d.series.length,
      }),
    }),
  )
  .filter(({ amounts }) => amounts.some((row) => row.some((a) => a !== null)));

interface Data {
  data: { series: Series[]; years: number[]; forms: string[]; agencyColumn: boolean; positions: number[] };
  amounts: (string | null)[][];
}

function yearText(y: number, form: string): string {
  const next = String((y + 1) % 100).padStart(2, '0');
  return form === 'slash' ? `${y}/${next}` : form === 'dash' ? `${y}-${next}` : String(y);
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The columns of the years-as-columns layout: descriptors, with each year column placed among them. */
function wideColumns(d: Data['data']): ({ kind: 'field'; name: keyof Series } | { kind: 'year'; k: number })[] {
  const cols: ({ kind: 'field'; name: keyof Series } | { kind: 'year'; k: number })[] = (['place', 'silo', 'service', 'stage', ...(d.agencyColumn ? ['agency' as const] : [])] as (keyof Series)[]).map((name) => ({ kind: 'field', name }));
  d.years.forEach((_, k) => cols.splice(d.positions[k]! % (cols.length + 1), 0, { kind: 'year', k }));
  return cols;
}

function wideRows({ data: d, amounts }: Data): string[][] {
  const cols = wideColumns(d);
  const header = cols.map((c) => (c.kind === 'field' ? c.name : yearText(d.years[c.k]!, d.forms[c.k]!)));
  const rows = d.series.map((s, r) => cols.map((c) => (c.kind === 'field' ? s[c.name] : (amounts[r]![c.k] ?? ''))));
  return [header, ...rows];
}

/** The same data one row per line and year, in the order the years' columns come in the wide header. */
function longRows({ data: d, amounts }: Data): string[][] {
  const yearOrder = wideColumns(d).flatMap((c) => (c.kind === 'year' ? [c.k] : []));
  const out = [['place', 'year', 'silo', 'service', 'stage', 'amount', ...(d.agencyColumn ? ['agency'] : [])]];
  d.series.forEach((s, r) => {
    for (const k of yearOrder) {
      const a = amounts[r]![k];
      if (a !== null && a !== undefined) out.push([s.place, yearText(d.years[k]!, 'slash'), s.silo, s.service, s.stage, a, ...(d.agencyColumn ? [s.agency] : [])]);
    }
  });
  return out;
}

function csv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n', 'utf8');
}

function ioOf(bytes: Buffer): Io {
  const sink = { write: () => true } as unknown as Io['stdout'];
  return { stdin: Readable.from([bytes]), stdout: sink, stderr: sink, env: {}, cwd: ROOT };
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Budgets');
  rows.forEach((row, r) =>
    ws.addRow(
      row.map((v, c) => {
        // amounts, and headings that are plain years, as numbers: as a finance team's sheet holds them
        if (r === 0) return /^\d{4}$/.test(v) ? Number(v) : v;
        if (v === '') return null;
        return /^\d/.test(rows[0]![c]!) ? Number(v) : v;
      }),
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What must agree: every line (without its location, which is the file's own), the places, years and totals. */
function essence(b: Budgets) {
  return {
    lines: b.lines.map((l) => ({ place: l.place, year: l.year, silo: l.silo, service: l.service, stage: l.stage, amount: l.amount.toFixed(2), agency: l.agency ?? null })),
    places: b.places,
    years: b.years,
    silos: b.silos,
    ignored: b.ignoredColumns,
    total: sum(b.lines.map((l) => l.amount)).toFixed(2),
  };
}

describe('budgets with the years as columns (property)', () => {
  it('read to the same Budgets as one row per line and year, from CSV and from a workbook', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb as fc.Arbitrary<Data>, async (data) => {
        const long = await readBudgets('-', ioOf(csv(longRows(data))));
        const wide = await readBudgets('-', ioOf(csv(wideRows(data))));
        expect(essence(wide)).toEqual(essence(long));
        const book = await budgetsFromRows(await xlsxToRawTable(await xlsx(wideRows(data)), { name: 'wide.xlsx', file: 'wide.xlsx' }));
        expect(essence(book)).toEqual(essence(long));
        // each line's amount is exactly the one written
        const written = data.amounts.flat().filter((a): a is string => a !== null);
        expect(sum(wide.lines.map((l) => l.amount)).equals(sum(written.map((a) => new D(a))))).toBe(true);
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 2)) },
    );
  });
});
