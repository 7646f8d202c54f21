// Every report states the prices its money is in: "present values at 2025/26 prices" when the price base is the
// base year, else "2024/25 prices, discounted to 2025/26" (naming the deflators when values were converted).
// The bundled uncertain scenario has price_base 2024/25, a base year of 2025/26 and converted values.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { priceText, scenarioPriceText } from '../../src/report/price-text.js';
import { cli } from '../helpers/cli.js';

const BUDGETS = 'fixtures/example/budgets.csv';
const UNCERTAIN = 'fixtures/example/uncertain.yaml';
const PHRASE = '2024/25 prices, discounted to 2025/26';
const DEFLATORS = 'HM Treasury GDP deflator at market prices';
/** the phrase, allowing the line breaks of a wrapped terminal report */
const loose = (s: string) => s.replace(/\s+/g, ' ');

describe('the price base, in words', () => {
  it('says present values at the base year\'s prices, or the price base and the year discounted to', () => {
    expect(priceText({ priceBase: 2025, baseYear: 2025 })).toBe('present values at 2025/26 prices');
    expect(priceText({ priceBase: 2024, baseYear: 2025 })).toBe(PHRASE);
    expect(priceText({ priceBase: 2024, baseYear: 2025, prices: { deflators: 'D' } })).toBe(`${PHRASE} (converted with D)`);
    expect(scenarioPriceText({ priceBase: 2024 })).toBe('2024/25 prices, discounted to the base year');
    expect(scenarioPriceText({})).toBe("present values at the base year's prices");
    expect(scenarioPriceText({ baseYear: 2025, priceBase: 2025 })).toBe('present values at 2025/26 prices');
  });
});

describe('every report of a scenario priced in 2024/25 and discounted to 2025/26 says so', () => {
  const commands: [string, string[]][] = [
    ['run', ['run', BUDGETS, '-s', UNCERTAIN]],
    ['simulate', ['simulate', BUDGETS, '-s', UNCERTAIN, '--draws', '20', '--seed', '1', '--jobs', '1', '--place', 'Lambridge']],
    ['tornado', ['tornado', BUDGETS, '-s', UNCERTAIN, '--place', 'Lambridge']],
    ['breakeven', ['breakeven', BUDGETS, '-s', UNCERTAIN, '--place', 'Lambridge', '--param', 'integration.efficiency']],
    ['compare', ['compare', BUDGETS, '-s', UNCERTAIN, '-s', 'fixtures/example/whole-place.yaml']],
  ];
  for (const [name, args] of commands) {
    const formats = name === 'breakeven' ? ['table', 'md', 'json'] : ['table', 'md', 'json', 'html'];
    for (const format of formats) {
      it(`${name} -f ${format}`, async () => {
        const r = await cli([...args, '-f', format, '-q']);
        expect(r.code).toBe(0);
        if (format === 'json') {
          const result = JSON.parse(r.stdout).result;
          if (name === 'compare') {
            expect(result.price_bases).toEqual([2024, 2024]);
            expect(result.prices).toContain(PHRASE);
          } else {
            expect(result.price_base).toBe(2024);
            expect(result.deflators).toContain(DEFLATORS);
          }
        } else {
          expect(loose(r.stdout)).toContain(PHRASE);
          expect(loose(r.stdout)).toContain(DEFLATORS);
        }
      });
    }
  }

  it('run and compare write it on the Excel Inputs sheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-prices-'));
    for (const [name, args] of [commands[0]!, commands[4]!]) {
      const out = join(dir, `${name}.xlsx`);
      expect((await cli([...args, '-o', out, '-q'])).code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
      const rows: Record<string, unknown> = {};
      wb.getWorksheet('Inputs')!.eachRow((row) => {
        const key = String(row.getCell(1).value ?? '');
        if (!(key in rows)) rows[key] = row.getCell(2).value;
      });
      expect(String(rows.prices)).toContain(PHRASE);
      if (name === 'run') expect(rows.price_base).toBe(2024);
    }
  });

  it('batch says it in summary.md and batch.json, scenario by scenario when they differ', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-prices-'));
    writeFileSync(
      join(dir, 'm.yaml'),
      [`budgets: ${join(process.cwd(), BUDGETS)}`, `scenarios: [${join(process.cwd(), UNCERTAIN)}, ${join(process.cwd(), 'test/uncertainty/fixtures/worked.yaml')}]`, 'places: [Lambridge]'].join('\n'),
    );
    const r = await cli(['batch', join(dir, 'm.yaml'), '-o', join(dir, 'out'), '-q', '--jobs', '1']);
    expect(r.code).toBe(0);
    const summary = readFileSync(join(dir, 'out', 'summary.md'), 'utf8');
    expect(summary).toContain(`Money in pounds: Whole-place pool (uncertain), ${PHRASE} (converted with ${DEFLATORS}`);
    expect(summary).toContain("Worked example, present values at the base year's prices.");
    const record = JSON.parse(readFileSync(join(dir, 'out', 'batch.json'), 'utf8'));
    expect(record.prices.map((p: { price_base: number | null }) => p.price_base)).toEqual([2024, null]);
  });
});
