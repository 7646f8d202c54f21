// The formats each command offers, end to end through the CLI.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const BUDGETS = 'fixtures/example/budgets.csv';
const UNCERTAIN = 'fixtures/example/uncertain.yaml';

describe('formats end to end', () => {
  it('baseline writes an Excel workbook with amounts as numbers', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'placepool-fmt-')), 'baseline.xlsx');
    const r = await cli(['baseline', BUDGETS, '-o', out]);
    expect(r.code).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const numbers: number[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'number' && numbers.push(c.value))));
    // Lambridge's reactive health spend in 2025/26: 31.85m + 168.4m + 46.2m
    expect(numbers).toContain(246450000);
  });

  it('simulate writes a self-contained HTML report with the NPV distribution and the tornado', async () => {
    const r = await cli(['simulate', BUDGETS, '-s', UNCERTAIN, '--draws', '200', '--seed', '3', '--jobs', '1', '--place', 'Lambridge', '-f', 'html'], {
      env: { SOURCE_DATE_EPOCH: '1767225600' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect((r.stdout.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(/[Tt]ornado/);
    expect(r.stdout).toMatch(/seed/);
    expect(r.stdout).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('tornado writes HTML', async () => {
    const r = await cli(['tornado', BUDGETS, '-s', UNCERTAIN, '--place', 'Eastmoor', '-f', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/<svg /);
  });

  it('Markdown never passes a name through as raw HTML or emphasis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-fmt-'));
    const budgets = join(dir, 'b.csv');
    writeFileSync(budgets, 'place,year,silo,service,stage,amount\n<script>x</script>,2025,health,*A&E*,reactive,1000000\n');
    const scenario = join(dir, 's.yaml');
    writeFileSync(scenario, 'name: "<b>Pool</b> *bold*"\npool: { health: 0.5 }\n');
    for (const args of [['baseline', budgets, '-f', 'md'], ['run', budgets, '-s', scenario, '-f', 'md']]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/(^|[^\\])<(script|b)>/);
      expect(r.stdout).toMatch(/\\<script>/);
    }
  });

  it('validate offers only what makes sense', async () => {
    const r = await cli(['validate', BUDGETS, '-f', 'csv']);
    expect(r.code).toBe(2);
  });
});
