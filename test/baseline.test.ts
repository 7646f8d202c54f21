import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sum } from '../src/decimal.js';
import { readBudgets } from '../src/io/budgets.js';
import { computeBaseline } from '../src/model/baseline-totals.js';
import { grandTotal } from '../src/report/baseline.js';
import type { Io } from '../src/io-types.js';
import { BIN, ROOT, cli } from './helpers/cli.js';
import { expectGolden } from './helpers/golden.js';

const EXAMPLE = 'fixtures/example/budgets.csv';


describe('baseline of the bundled example: golden files', () => {
  const cases: [string, string[]][] = [
    ['table.txt', []],
    ['as-given.txt', ['--as-given']],
    ['wide.csv', ['--format', 'csv']],
    ['long.csv', ['--format', 'csv', '--layout', 'long']],
    ['baseline.json', ['--format', 'json']],
    ['baseline.md', ['--format', 'md']],
    ['lambridge-2026.txt', ['--place', 'Lambridge', '--year', '2026-27']],
  ];
  it.each(cases)('%s', async (name, args) => {
    const r = await cli(['baseline', EXAMPLE, ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden(`baseline/${name}`, r.stdout);
  });

  it('fits the terminal table in 100 columns', async () => {
    const r = await cli(['baseline', EXAMPLE]);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('draws the header bold only when colour is on', async () => {
    const plain = await cli(['baseline', EXAMPLE, '--color', 'always']);
    expect(plain.stdout).toContain('\u001b[1m');
    const never = await cli(['baseline', EXAMPLE], { tty: true, env: { NO_COLOR: '1' } });
    expect(never.stdout).not.toContain('\u001b[');
  });
});

const AWKWARD =
  '\ufeff PLACE ,Year,"Silo","Service",STAGE,Amount,Notes\r\n' +
  'North,2025/26,Health,A&E,Reactive,"£1,000.10",x\r\n' +
  'North,2025,health,Health visiting,preventive,200.2,\r\n' +
  'North,2025-26,Social Care,Home care,other,1.5e3,\r\n' +
  '"South",2025,health,A&E,reactive,"£2,000,000.01",\r\n' +
  'North,2026/27,health,A&E,reactive,1100,\r\n' +
  'South,2026,social-care,Reablement,preventive,0.01,\r\n';

function io(stdin: string): Io {
  const sink = { write: () => true } as unknown as Io['stdout'];
  return { stdin: Readable.from([Buffer.from(stdin)]), stdout: sink, stderr: sink, env: {}, cwd: ROOT };
}

describe('baseline figures, computed by hand', () => {
  it('writes the long layout of docs/method.md, "Long CSV layout", exactly, with carried-forward lines', async () => {
    const r = await cli(['baseline', '-', '--format', 'csv', '--layout', 'long'], { stdin: AWKWARD });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'place,year,silo,stage,amount',
        // North 2025/26: health 1000.10 + 200.20; social_care 1500
        'North,2025/26,health,reactive,1000.10',
        'North,2025/26,health,preventive,200.20',
        'North,2025/26,health,all,1200.30',
        'North,2025/26,social_care,other,1500.00',
        'North,2025/26,social_care,all,1500.00',
        'North,2025/26,all,reactive,1000.10',
        'North,2025/26,all,preventive,200.20',
        'North,2025/26,all,other,1500.00',
        'North,2025/26,all,all,2700.30',
        // North 2026/27: A&E given (1100); health visiting and home care carried forward
        'North,2026/27,health,reactive,1100.00',
        'North,2026/27,health,preventive,200.20',
        'North,2026/27,health,all,1300.20',
        'North,2026/27,social_care,other,1500.00',
        'North,2026/27,social_care,all,1500.00',
        'North,2026/27,all,reactive,1100.00',
        'North,2026/27,all,preventive,200.20',
        'North,2026/27,all,other,1500.00',
        'North,2026/27,all,all,2800.20',
        'South,2025/26,health,reactive,2000000.01',
        'South,2025/26,health,all,2000000.01',
        'South,2025/26,all,reactive,2000000.01',
        'South,2025/26,all,all,2000000.01',
        // South 2026/27: A&E carried, reablement new
        'South,2026/27,health,reactive,2000000.01',
        'South,2026/27,health,all,2000000.01',
        'South,2026/27,social_care,preventive,0.01',
        'South,2026/27,social_care,all,0.01',
        'South,2026/27,all,reactive,2000000.01',
        'South,2026/27,all,preventive,0.01',
        'South,2026/27,all,all,2000000.02',
        '',
      ].join('\n'),
    );
  });

  it('totals only the rows given with --as-given', async () => {
    const r = await cli(['baseline', '-', '-f', 'csv', '--layout', 'long', '--as-given', '--year', '2026', '--place', 'North'], { stdin: AWKWARD });
    expect(r.stdout).toBe(['place,year,silo,stage,amount', 'North,2026/27,health,reactive,1100.00', 'North,2026/27,health,all,1100.00', 'North,2026/27,all,reactive,1100.00', 'North,2026/27,all,all,1100.00', ''].join('\n'));
  });

  it('gives the reactive and preventive shares of the total', async () => {
    const b = await readBudgets('-', io(AWKWARD));
    const rep = computeBaseline(b, { places: ['North'], year: 2025 });
    const all = rep.places[0]!.years[0]!.all;
    expect(all.total.toString()).toBe('2700.3');
    expect(all.reactiveShare!.toFixed(6)).toBe('0.370366'); // 1000.10 / 2700.30
    expect(all.preventiveShare!.toFixed(6)).toBe('0.074140'); // 200.20 / 2700.30
    // with --as-given every row is counted once: the grand total is the sum of the amount column
    expect(grandTotal(computeBaseline(b, { asGiven: true })).toString()).toBe(sum(b.lines.map((l) => l.amount)).toString());
    expect(sum(b.lines.map((l) => l.amount)).toString()).toBe('2003800.32');
  });

  it('writes the wide layout with years across and empty cells where a place has no such line', async () => {
    const r = await cli(['baseline', '-', '-f', 'csv', '--place', 'South'], { stdin: AWKWARD });
    expect(r.stdout).toBe(
      [
        'place,silo,stage,measure,2025/26,2026/27',
        'South,health,reactive,amount,2000000.01,2000000.01',
        'South,health,all,amount,2000000.01,2000000.01',
        'South,health,reactive,share,1.000000,1.000000',
        'South,health,preventive,share,0.000000,0.000000',
        'South,social_care,preventive,amount,,0.01',
        'South,social_care,all,amount,,0.01',
        'South,social_care,reactive,share,,0.000000',
        'South,social_care,preventive,share,,1.000000',
        'South,all,reactive,amount,2000000.01,2000000.01',
        'South,all,preventive,amount,,0.01',
        'South,all,all,amount,2000000.01,2000000.02',
        'South,all,reactive,share,1.000000,1.000000', // 2000000.01 / 2000000.02 = 0.999999995
        'South,all,preventive,share,0.000000,0.000000',
        '',
      ].join('\n'),
    );
  });

  it('writes amounts finer than a penny through the decimals, rounded only when written', async () => {
    // East's health lines are not whole pence (the exact path); West's are (the integer path); both rounded alike
    const text = [
      'place,year,silo,service,stage,amount',
      'East,2025,health,A,reactive,100.005',
      'East,2025,health,B,preventive,0.001',
      'East,2025,health,C,other,1e3',
      'West,2025,health,A,reactive,100.01',
      'West,2025,health,B,preventive,0.00',
      'West,2025,health,C,other,1000',
      '',
    ].join('\n');
    const r = await cli(['baseline', '-', '-f', 'csv'], { stdin: text });
    expect(r.stdout).toBe(
      [
        'place,silo,stage,measure,2025/26',
        'East,health,reactive,amount,100.01', // 100.005, half up
        'East,health,preventive,amount,0.00', // 0.001
        'East,health,other,amount,1000.00',
        'East,health,all,amount,1100.01', // 1100.006
        'East,health,reactive,share,0.090913', // 100.005 / 1100.006 = 0.0909133...
        'East,health,preventive,share,0.000001', // 0.001 / 1100.006 = 0.00000091
        'East,all,reactive,amount,100.01',
        'East,all,preventive,amount,0.00',
        'East,all,other,amount,1000.00',
        'East,all,all,amount,1100.01',
        'East,all,reactive,share,0.090913',
        'East,all,preventive,share,0.000001',
        'West,health,reactive,amount,100.01',
        'West,health,preventive,amount,0.00',
        'West,health,other,amount,1000.00',
        'West,health,all,amount,1100.01',
        'West,health,reactive,share,0.090917', // 100.01 / 1100.01 = 0.0909173...
        'West,health,preventive,share,0.000000',
        'West,all,reactive,amount,100.01',
        'West,all,preventive,amount,0.00',
        'West,all,other,amount,1000.00',
        'West,all,all,amount,1100.01',
        'West,all,reactive,share,0.090917',
        'West,all,preventive,share,0.000000',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await cli(['baseline', '-', '-f', 'json'], { stdin: text })).stdout);
    const east = json.result.places[0].years[0].all;
    expect([east.total, east.reactive_share]).toEqual([1100.01, 0.090913]);
  });

  it('guards place names against formula injection in CSV', async () => {
    const r = await cli(['baseline', '-', '-f', 'csv', '--layout', 'long'], { stdin: 'place,year,silo,service,stage,amount\n=HYPERLINK(1),2025,health,A,reactive,5\n' });
    expect(r.stdout.split('\n')[1]).toBe("'=HYPERLINK(1),2025/26,health,reactive,5.00");
  });
});

describe('baseline options and errors', () => {
  it('rejects an unknown --place with a suggestion (exit 2)', async () => {
    const r = await cli(['baseline', EXAMPLE, '--place', 'Lambrige']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown place "Lambrige"; did you mean "Lambridge"\?/);
    expect(r.stderr).toMatch(/Places in the budgets \(exact names\): Lambridge, Eastmoor/);
    expect(r.stdout).toBe('');
  });

  it('rejects a bad --year form and a year with no rows (exit 2)', async () => {
    const bad = await cli(['baseline', EXAMPLE, '--year', '2025/27']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--year: the year "2025\/27" is not a financial year/);
    const none = await cli(['baseline', EXAMPLE, '--year', '2030']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no rows for 2030\/31[\s\S]*Years in the budgets: 2025\/26, 2026\/27, 2027\/28/);
  });

  it('accepts every year form for --year', async () => {
    const a = await cli(['baseline', EXAMPLE, '--year', '2026', '-f', 'csv', '--layout', 'long']);
    const b = await cli(['baseline', EXAMPLE, '--year', '2026/27', '-f', 'csv', '--layout', 'long']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('Lambridge,2026/27,all,all,1141000000.00');
  });

  it('reports bad budgets with exit 65 and a missing file with 66', async () => {
    expect((await cli(['baseline', 'test/fixtures/budgets/negative.csv'])).code).toBe(65);
    expect((await cli(['baseline', 'nowhere.csv'])).code).toBe(66);
  });

  it('refuses to write the report over its input (exit 73) and writes -o atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-baseline-'));
    writeFileSync(join(dir, 'b.csv'), readFileSync(join(ROOT, EXAMPLE)));
    const over = await cli(['baseline', 'b.csv', '-o', 'b.csv', '-f', 'csv'], { cwd: dir });
    expect(over.code).toBe(73);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(readFileSync(join(ROOT, EXAMPLE), 'utf8'));
    const ok = await cli(['baseline', 'b.csv', '-o', 'out.md'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toMatch(/^# Baseline spend/);
  });

  it('documents the CSV layouts and year handling in --help', async () => {
    const r = await cli(['baseline', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/place,silo,stage,measure/);
    expect(r.stdout).toMatch(/place,year,silo,stage,amount/);
    expect(r.stdout).toMatch(/--as-given/);
  });

  it('ends quietly with 0 when stdout is closed early (| head)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-pipe-'));
    const rows = ['place,year,silo,service,stage,amount'];
    for (let p = 0; p < 300; p++) for (let s = 0; s < 20; s++) rows.push(`Place ${p},2025,health,Service ${s},reactive,${p * 100 + s}`);
    writeFileSync(join(dir, 'big.csv'), rows.join('\n'));
    const r = spawnSync('bash', ['-c', `node "${BIN}" baseline big.csv -f csv --layout long | head -n 2; echo "status=\${PIPESTATUS[0]}" >&2`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('place,year,silo,stage,amount\nPlace 0,2025/26,health,reactive,190.00\n');
    expect(r.stderr).toBe('status=0\n');
  });
});
