// `placepool costs`: golden files of each format, the search and the options, as the command line gives them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';
import { ucdWorkbook } from './ucd.js';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'placepool-costs-'));
  writeFileSync(
    join(dir, 'ucd.xlsx'),
    await ucdWorkbook([
      {
        name: 'Employment & Economy',
        rows: [
          { A: 'Employment', B: 'Workless claimants' },
          { A: 'Employment', C: 'E&E1.0.1', D: 'JSA claimant entering work:\nDWP saving', E: 'Per claimant per year', F: 'DWP', H: 9234, I: '2012/13', J: { formula: 'H4*1.06', result: 9788 }, R: 'G', Q: 'DWP' },
          {},
          { A: 'Employment', C: 'E&E2.0', D: 'ESA claimant entering work', E: 'Per claimant per year', F: 'Multiple', H: '£8,632', I: '2012/13', K: 12568, L: '2012/13', R: 'A' },
        ],
      },
      { name: 'Health', rows: [{ A: 'Health', C: 'HE1.0', D: '=A&E attendance', E: 'Per attendance', F: 'NHS', H: 109, I: '2011/12', N: 0 }] },
    ]),
  );
  writeFileSync(join(dir, 'deflators.csv'), 'year,index\n2011/12,70\n2012/13,72\n2013/14,73.5\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('placepool costs: golden files', () => {
  it.each([
    ['table.txt', []],
    ['search.txt', ['jsa', 'CLAIMANT', '--kind', 'fiscal']],
    ['wide.txt', ['care', '--width', '120']],
    ['costs.csv', ['-f', 'csv']],
    ['costs.json', ['-f', 'json', '--price-base', '2023/24']],
    ['costs.md', ['-f', 'md', 'child']],
  ] as const)('%s', async (name, args) => {
    const r = await cli(['costs', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden(`costs/${name}`, r.stdout);
  });

  it('a Unit Cost Database workbook with its own deflators, as CSV', async () => {
    const r = await cli(['costs', '--library', 'ucd.xlsx', '--deflators', 'deflators.csv', '-f', 'csv'], { cwd: dir });
    expect(r.stderr).toBe('');
    expectGolden('costs/workbook.csv', r.stdout);
    // the price base defaults to the deflators' last year; a spreadsheet formula in a description is guarded
    // 9234 × 73.5 / 72 = 9426.375, to the penny half away from zero
    expect(r.stdout).toContain('E&E1.0.1,fiscal,"JSA claimant entering work:\nDWP saving",Per claimant per year,DWP,9234.00,2012/13,9426.38,G,DWP,2013/14\n');
    expect(r.stdout).toContain("HE1.0,fiscal,'=A&E attendance,");
  });
});

describe('placepool costs', () => {
  it('fits the terminal table into 80 columns and states the price base', async () => {
    const r = await cli(['costs']);
    const widest = Math.max(...r.stdout.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/^Values in 2024\/25 prices/m);
    expect(r.stdout).toMatch(/calendar year Y's index/);
    expect(r.stdout).toMatch(/£12,837\.59/);
  });

  it('shows the worked example in the CSV: £9,234 at 2012/13 is £12,837.59 in 2024/25 prices', async () => {
    const r = await cli(['costs', 'E&E1.0.1', '-f', 'csv']);
    expect(r.stdout.split('\n')[0]).toBe('code,kind,description,unit,agency,amount,price_year,value,confidence,source,price_base');
    expect(r.stdout.split('\n')[1]).toMatch(/^E&E1\.0\.1,fiscal,.*,9234\.00,2012\/13,12837\.59,,.*,2024\/25$/);
  });

  it('records the library and the deflators in the JSON provenance', async () => {
    const j = JSON.parse((await cli(['costs', '-f', 'json'])).stdout) as { command: string; inputs: { name: string; sha256: string }[]; result: { prices: string } };
    expect(j.command).toBe('costs');
    expect(j.inputs.map((i) => i.name)).toEqual(['bundled:unit-costs.csv', 'bundled:gdp-deflators.csv']);
    expect(j.result.prices).toBe('values in 2024/25 prices');
  });

  it('says when nothing matches, and writes a header-only CSV', async () => {
    const r = await cli(['costs', 'zebra']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 of 12 entries match "zebra"/);
    expect(r.stdout).toMatch(/No entries to show/);
    expect((await cli(['costs', 'zebra', '-f', 'csv'])).stdout).toBe('code,kind,description,unit,agency,amount,price_year,value,confidence,source,price_base\n');
  });

  it('writes to -o, taking the format from its extension, and never over its inputs', async () => {
    const r = await cli(['costs', '--library', 'ucd.xlsx', '-o', 'out.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toMatch(/^# Unit costs in 2024\/25 prices/);
    const over = await cli(['costs', '--library', 'ucd.xlsx', '-o', 'ucd.xlsx', '-f', 'csv'], { cwd: dir });
    expect(over.code).toBe(73);
    expect(over.stderr).toMatch(/refusing to write the report over the input file ucd\.xlsx/);
  });

  it('refuses a bad --price-base, --kind or --width as usage errors', async () => {
    expect((await cli(['costs', '--price-base', '2025/27'])).code).toBe(2);
    expect((await cli(['costs', '--kind', 'fiscl'])).code).toBe(2);
    expect((await cli(['costs', '--width', '10'])).code).toBe(2);
    const outside = await cli(['costs', '--price-base', '2030']);
    expect(outside.stderr).toMatch(/--price-base 2030\/31 is outside the deflator series .*1990\/91 to 2024\/25/);
    expect(outside.stderr).toMatch(/Give --price-base from 1990 to 2024, or --deflators FILE/);
  });
});
