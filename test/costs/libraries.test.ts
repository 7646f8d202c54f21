// Unit-cost libraries read entry by entry, as an analyst would check them against the workbook: a workbook in
// the Unit Cost Database's published layout with its untidiness (built in the set-up), the tool's CSV, the
// bundled library, the lookups the scenario reader uses, and one fixture per error.
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { D } from '../../src/decimal.js';
import { InputError } from '../../src/errors.js';
import { bundledDeflators, readDeflators } from '../../src/io/deflators.js';
import type { InputIo } from '../../src/io/input.js';
import { BUNDLED_UNIT_COSTS, findUnitCost, loadUnitCostLibrary, moneyText, readUcdWorkbook, resolveUnitCost, unitCostValue, type UnitCostLibrary } from '../../src/io/unit-costs.js';
import type { PriceIndex } from '../../src/model/prices.js';
import { plain } from '../../src/report/numbers.js';
import { ROOT } from '../helpers/cli.js';
import { caught } from '../helpers/errors.js';
import { ucdWorkbook, type UcdSheet } from './ucd.js';

const io = (stdin?: Buffer): InputIo => ({ stdin: stdin ? Readable.from([stdin]) : Readable.from([]), cwd: ROOT });
const FIX = 'test/fixtures/costs';
const source = { name: 'ucd.xlsx', sha256: 'x'.repeat(64) };

/** A workbook with a sheet of each kind of untidiness the published one has. */
const SHEETS: UcdSheet[] = [
  {
    name: 'Crime',
    rows: [
      { A: 'Crime', B: 'Domestic violence' }, // a section row: no code
      { A: 'Crime', B: 'Domestic violence', C: 'CR1.0', D: 'Domestic violence incident:\naverage cost to\nall agencies', E: 'Per incident', F: 'Multiple', H: 2470, I: '2008/09', J: { formula: 'H5*1.2', result: 2964 }, Q: 'Home Office', R: 'A' },
    ],
  },
  {
    name: 'Education & Skills',
    rows: [{ A: 'Education', C: 'E&S1.0', D: 'NEET young person', E: 'Per person per year', F: 'Multiple', H: '4,257', I: '2011/12', K: ' 9234 ', L: 2011, R: 'G' }],
  },
  {
    name: 'Employment & Economy',
    rows: [
      { A: 'Employment', B: 'Workless claimants', C: 'E&E1.0', D: 'JSA claimant\nentering work', E: 'Per claimant per year', F: 'Multiple', H: 9800, I: '2012/13', J: { formula: 'H3*1.06', result: 10388 }, K: 14044, L: '2012/13', R: 'G', S: 'Sum of E&E1.0.1 and E&E1.0.2' },
      {},
      { A: 'Employment', C: 'E&E1.0.1', D: 'JSA: DWP saving', E: 'Per claimant per year', F: 'DWP', G: 'Jobcentre Plus', H: { formula: 'H7+0', result: 9234 }, I: { formula: 'I3', result: '2012/13' }, N: 0, O: '2012/13' },
      { A: 'Employment', C: 'E&E1.0.2', D: 'JSA: NHS saving', E: 'Per claimant per year', F: 'NHS', H: '£566', I: '2012-13', K: 'n/a', L: '2012/13', R: 'red' },
      {},
      {},
      { A: 'Employment', C: 'E&E2.0', D: 'ESA claimant entering work', E: 'Per claimant per year', H: 8632, I: '2012/2013', K: 12568, L: '2012/13' },
    ],
  },
  { name: 'Fire', rows: [{ A: 'Fire', C: 'FI1.0', D: 'Dwelling fire', E: 'Per incident', F: 'Fire and Rescue', H: null, K: 23000, L: '2011/12' }] },
  { name: 'Health', rows: [{ A: 'Health', C: ' HE1.0 ', D: 'A&E attendance', E: 'Per attendance', F: 'NHS', H: 109, I: '2011/12', Q: 'NHS Reference Costs' }] },
  { name: 'Housing', rows: [{ A: 'Housing', C: 'HO1.0', D: 'Rough sleeper', E: 'Per year', F: 'Local Authority', H: 7900, I: '2010/11', N: 1250.5, O: '2010/11' }] },
  { name: 'Social Services', rows: [{ A: 'Social Services', C: 'SS1.0', D: 'Child taken into care', E: 'Per child per year', F: 'Local Authority', H: '51080', I: '2013/14' }] },
  // a sheet added by a user, named otherwise, found by its header
  { name: 'Local additions', rows: [{ A: 'Health', C: 'LOC1', D: 'GP consultation', E: 'Per consultation', F: 'NHS', H: 38, I: '2014/15' }] },
];

let ucd: UnitCostLibrary;
let gdp: PriceIndex;

beforeAll(async () => {
  ucd = await readUcdWorkbook(await ucdWorkbook(SHEETS), source);
  gdp = await bundledDeflators(io());
});

describe('the Unit Cost Database workbook', () => {
  it('reads every data sheet, and no other, in sheet order', () => {
    expect(ucd.format).toBe('ucd-workbook');
    expect(ucd.entries.map((e) => e.code)).toEqual(['CR1.0', 'E&S1.0', 'E&E1.0', 'E&E1.0.1', 'E&E1.0.2', 'E&E2.0', 'FI1.0', 'HE1.0', 'HO1.0', 'SS1.0', 'LOC1']);
  });

  it('reads an entry column by column, keeping its multi-line description and never the "updated" columns', () => {
    const e = ucd.byCode.get('E&E1.0')!;
    expect(e).toMatchObject({
      category: 'Employment',
      detail: 'Workless claimants',
      description: 'JSA claimant\nentering work',
      unit: 'Per claimant per year',
      agency: 'Multiple',
      agencyLevel2: '',
      confidence: 'G',
      source: '',
      comment: 'Sum of E&E1.0.1 and E&E1.0.2',
      loc: { file: 'ucd.xlsx', cell: "'Employment & Economy'!C3" },
    });
    expect(e.values.fiscal!.amount.toString()).toBe('9800');
    expect(e.values.fiscal!.priceYear).toBe(2012);
    expect(e.values.fiscal!.loc).toEqual({ file: 'ucd.xlsx', cell: "'Employment & Economy'!H3" });
    expect(e.values.economic!.amount.toString()).toBe('14044');
    expect(e.values.social).toBeUndefined();
    expect(ucd.byCode.get('CR1.0')!.values.fiscal!.amount.toString()).toBe('2470'); // not J's 2964
  });

  it('takes a formula cell\'s saved value, for the amount and for the year', () => {
    const e = ucd.byCode.get('E&E1.0.1')!;
    expect(e.values.fiscal!.amount.toString()).toBe('9234');
    expect(e.values.fiscal!.priceYear).toBe(2012);
    expect(e.agencyLevel2).toBe('Jobcentre Plus');
  });

  it('reads numbers stored as text ("£566", "4,257", " 9234 ") and years written 2012-13, 2012/2013 or 2011', () => {
    expect(ucd.byCode.get('E&E1.0.2')!.values.fiscal!.amount.toString()).toBe('566');
    expect(ucd.byCode.get('E&E1.0.2')!.values.fiscal!.priceYear).toBe(2012);
    expect(ucd.byCode.get('E&S1.0')!.values.fiscal!.amount.toString()).toBe('4257');
    expect(ucd.byCode.get('E&S1.0')!.values.economic!.amount.toString()).toBe('9234');
    expect(ucd.byCode.get('E&S1.0')!.values.economic!.priceYear).toBe(2011);
    expect(ucd.byCode.get('E&E2.0')!.values.fiscal!.priceYear).toBe(2012);
    expect(ucd.byCode.get('SS1.0')!.values.fiscal!.amount.toString()).toBe('51080');
  });

  it('counts an empty, zero or non-numeric value cell as no value of that kind', () => {
    expect(Object.keys(ucd.byCode.get('FI1.0')!.values)).toEqual(['economic']); // H empty
    expect(Object.keys(ucd.byCode.get('E&E1.0.1')!.values)).toEqual(['fiscal']); // N is 0
    expect(Object.keys(ucd.byCode.get('E&E1.0.2')!.values)).toEqual(['fiscal']); // K is "n/a"
    expect(ucd.byCode.get('HO1.0')!.values.social!.amount.toString()).toBe('1250.5');
  });

  it('trims codes, reads RAG words and skips spacer and section rows', () => {
    expect(ucd.byCode.has('HE1.0')).toBe(true);
    expect(ucd.byCode.get('E&E1.0.2')!.confidence).toBe('R');
    expect(ucd.byCode.get('E&E2.0')!.confidence).toBeUndefined();
    expect(ucd.entries.filter((e) => e.category === 'Crime')).toHaveLength(1);
    expect(ucd.byCode.get('CR1.0')!.loc.cell).toBe('Crime!C4');
  });

  it('is loaded by its content, not only its name: a workbook given on stdin', async () => {
    const bytes = await ucdWorkbook(SHEETS);
    const fromStdin = await loadUnitCostLibrary('-', io(bytes));
    expect(fromStdin.format).toBe('ucd-workbook');
    expect(fromStdin.source.name).toBe('<stdin>');
    expect(fromStdin.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fromStdin.entries).toHaveLength(ucd.entries.length);
  });
});

describe('workbook errors', () => {
  it('a file that is not a workbook', async () => {
    const e = await caught(loadUnitCostLibrary(`${FIX}/not-a-workbook.xlsx`, io()));
    expect(e).toBeInstanceOf(InputError);
    expect(e.problems[0]).toMatchObject({ message: 'not a readable Excel workbook: it is not a ZIP-based .xlsx file', loc: { file: `${FIX}/not-a-workbook.xlsx` } });
  });

  it('a workbook with no data sheets lists the sheets it has', async () => {
    const e = await caught(readUcdWorkbook(await ucdWorkbook([{ name: 'Notes', rows: [{ C: 'X1', H: 1, I: '2012/13' }], header: false }]), source));
    expect(e.exitCode).toBe(65);
    expect(e.problems[0]!.message).toBe('the workbook has no unit-cost data sheets');
    expect(e.problems[0]!.hint).toMatch(/"Introduction", "Guidance", "Notes", "Lookups", "Update log"/);
  });

  it('a value without a readable price year names its sheet and cell', async () => {
    const e = await caught(
      readUcdWorkbook(await ucdWorkbook([{ name: 'Employment & Economy', rows: [...Array.from({ length: 11 }, () => ({})), { C: 'E&E9.9', D: 'x', H: 100, I: '' }] }]), source),
    );
    expect(e.problems[0]).toMatchObject({ message: 'the fiscal value of E&E9.9 has no readable price year (the cell is empty)', loc: { file: 'ucd.xlsx', cell: "'Employment & Economy'!I14" } });
  });

  it('a code given twice names both places, across sheets', async () => {
    const e = await caught(loadUnitCostLibrary(`${FIX}/duplicate-code.xlsx`, io()));
    expect(e.problems[0]).toMatchObject({ message: "the cost code E&E1.0 is given twice: also at 'Employment & Economy'!C3", loc: { cell: 'Health!C3' } });
  });
});

describe('the unit-cost CSV and the bundled library', () => {
  let bundled: UnitCostLibrary;
  beforeAll(async () => {
    bundled = await loadUnitCostLibrary(BUNDLED_UNIT_COSTS, io());
  });

  it('reads one row per entry and kind into entries with several values', () => {
    expect(bundled.format).toBe('csv');
    const e = bundled.byCode.get('E&E1.0')!;
    expect(e.values.fiscal!.amount.toString()).toBe('9800');
    expect(e.values.economic!.amount.toString()).toBe('14044');
    expect(e.values.economic!.loc).toEqual({ file: BUNDLED_UNIT_COSTS, line: 3, column: 6 });
    expect(e.loc).toEqual({ file: BUNDLED_UNIT_COSTS, line: 2 });
    expect(e.description).toMatch(/^JSA claimant entering work/);
  });

  it('gives every bundled entry a code, a description, a unit, a price year in the series and a source', () => {
    for (const e of bundled.entries) {
      expect(e.description, e.code).not.toBe('');
      expect(e.unit, e.code).not.toBe('');
      expect(e.source, e.code).toMatch(/GMCA Unit Cost Database v1\.4/);
      expect(e.code, e.code).toMatch(/^(E&E\d|PP\.)/);
      if (e.code.startsWith('PP.')) expect(e.source).toMatch(/not confirmed, so a local code/);
      for (const v of Object.values(e.values)) expect(gdp.values.has(v.priceYear), e.code).toBe(true);
    }
    expect(bundled.entries.map((e) => e.code)).toContain('E&E1.0.1');
  });

  it('two values of one kind for a code', async () => {
    const e = await caught(loadUnitCostLibrary(`${FIX}/duplicate-kind.csv`, io()));
    expect(e.problems[0]).toMatchObject({ message: 'PP.AE has two fiscal values: also on line 2', loc: { file: `${FIX}/duplicate-kind.csv`, line: 4 } });
  });

  it('an unknown kind, with a suggestion', async () => {
    const e = await caught(loadUnitCostLibrary(`${FIX}/bad-kind.csv`, io()));
    expect(e.problems[0]).toMatchObject({ message: 'unknown kind "fisacl"; did you mean fiscal?', loc: { line: 3, column: 5 } });
  });
});

describe('lookups for scenario values', () => {
  it('finds an entry by its exact code, or suggests the nearest', () => {
    const hit = findUnitCost(ucd, ' E&E1.0.1 ');
    expect(hit.ok && hit.value.code).toBe('E&E1.0.1');
    const miss = findUnitCost(ucd, 'SS1.1');
    expect(miss.ok).toBe(false);
    if (!miss.ok) {
      expect(miss.message).toBe('unknown unit cost "SS1.1" in ucd.xlsx; did you mean SS1.0?');
      expect(miss.hint).toMatch(/placepool costs/);
    }
    const far = findUnitCost(ucd, 'nothing like it');
    expect(!far.ok && far.message).toBe('unknown unit cost "nothing like it" in ucd.xlsx');
  });

  it('an entry without a value of the asked kind names the kinds it has', () => {
    const r = unitCostValue(ucd.byCode.get('FI1.0')!, 'fiscal');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe('the unit cost FI1.0 has no fiscal value (it has an economic value)');
      expect(r.hint).toBe('Ask for value: economic, or choose another entry.');
    }
  });

  it('resolves {unit_cost, times, value} to the price base: the worked example, a multiple, a price base outside the series', () => {
    const r = resolveUnitCost(ucd, { code: 'E&E1.0.1', kind: 'fiscal' }, gdp, 2024);
    expect(r.ok && plain(r.value.value, 'money')).toBe('12837.59');
    const weekly = resolveUnitCost(ucd, { code: 'SS1.0', kind: 'fiscal', times: new D('0.5') }, gdp, 2013);
    expect(weekly.ok && weekly.value.value.toString()).toBe('25540');
    const outside = resolveUnitCost(ucd, { code: 'E&E1.0.1', kind: 'fiscal' }, gdp, 2030);
    expect(!outside.ok && outside.message).toMatch(/^E&E1\.0\.1: the price base 2030\/31 is outside the deflator series .*1990\/91 to 2024\/25\)$/);
  });
});

describe('deflators files', () => {
  it('reads a financial-year series in budgets-year forms, header in any case', async () => {
    const csv = Buffer.from('Year,INDEX,note\n2022/23,91.2,\n2023-24,96.8,provisional\n2024,100,\n');
    const d = await readDeflators('-', io(csv));
    expect([d.first, d.last, d.values.get(2023)!.toString()]).toEqual([2022, 2024, '96.8']);
    expect(d.name).toBe('deflators from -');
  });

  it('a bad row is located at its line and column', async () => {
    const e = await caught(readDeflators(`${FIX}/deflators-bad-row.csv`, io()));
    expect(e.exitCode).toBe(65);
    expect(e.problems[0]).toMatchObject({ message: 'the index "96.25O7" is not a positive number', loc: { file: `${FIX}/deflators-bad-row.csv`, line: 3, column: 2 } });
  });

  it('a year twice, a gap, an empty file, a missing column, a zero index', async () => {
    expect((await caught(readDeflators(`${FIX}/deflators-duplicate-year.csv`, io()))).problems[0]!.message).toBe('2023/24 is given twice: also on line 3');
    expect((await caught(readDeflators(`${FIX}/deflators-gap.csv`, io()))).problems[0]!.message).toBe('the series has no index for 2022/23: it goes from 2021/22 to 2023/24');
    expect((await caught(readDeflators(`${FIX}/deflators-empty.csv`, io()))).problems[0]!.message).toBe('the deflators file is empty');
    const noIndex = await caught(readDeflators('-', io(Buffer.from('year,value\n2024,100\n'))));
    expect(noIndex.problems[0]!.message).toBe('the header has no "index" column');
    expect(noIndex.problems[0]!.hint).toMatch(/Found: "year", "value"\.$/);
    const zero = await caught(readDeflators('-', io(Buffer.from('year,index\n2024,0\n'))));
    expect(zero.problems[0]).toMatchObject({ message: 'the index "0" is not a positive number', loc: { line: 2, column: 2 } });
  });
});

describe('moneyText', () => {
  it('reads what spreadsheets hold as text, and nothing else', () => {
    expect(['9234', ' 9234 ', '9,234', '£9,234.50', '£ 9234', '-12.5', '1.2e3'].map((s) => moneyText(s)?.toString())).toEqual(['9234', '9234', '9234', '9234.5', '9234', '-12.5', '1200']);
    expect(['', 'n/a', '9 234', '9,23', '$100', '£'].map((s) => moneyText(s))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
