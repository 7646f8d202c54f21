import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, otherThanAfterHorizon } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const BUDGETS = 'fixtures/example/budgets.csv';
const WHOLE = 'fixtures/example/whole-place.yaml';
const CAUTIOUS = 'fixtures/example/cautious-health-care.yaml';
const UNCERTAIN = 'fixtures/example/uncertain.yaml';
const DATE = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01

describe('run: golden reports on the bundled example', () => {
  const cases: [string, string[]][] = [
    ['whole-place.txt', []],
    ['whole-place-wide.csv', ['-f', 'csv']],
    ['whole-place-long.csv', ['-f', 'csv', '--layout', 'long']],
    ['whole-place.json', ['-f', 'json']],
    ['whole-place.md', ['-f', 'md']],
    ['whole-place.html', ['-f', 'html']],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      const r = await cli(['run', BUDGETS, '-s', WHOLE, ...args], { env: DATE });
      expect(otherThanAfterHorizon(r.stderr)).toBe('');
      expect(r.code).toBe(0);
      expectGolden(`run/${name}`, r.stdout);
    });
  }

  it('cautious pool on one place, long CSV', async () => {
    const r = await cli(['run', BUDGETS, '-s', CAUTIOUS, '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    expectGolden('run/cautious-long.csv', r.stdout);
  });

  it('gives byte-identical output from run to run', async () => {
    const a = await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'json']);
    const b = await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('uses the central values of distributions, which the uncertain example sets to the whole-place values', async () => {
    const a = await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'csv', '--layout', 'long']);
    const b = await cli(['run', BUDGETS, '-s', UNCERTAIN, '-f', 'csv', '--layout', 'long']);
    const strip = (s: string) => s.replace(/Whole-place pool \(uncertain\)/g, 'Whole-place pool');
    expect(strip(b.stdout)).toBe(a.stdout);
  });
});

describe('run: the long layout contract', () => {
  it('has the header and row order of docs/method.md, "Long CSV layout"', async () => {
    const r = await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'csv', '--layout', 'long']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('place,scenario,table,entity,t,year,measure,value');
    const rows = lines.slice(1).map((l) => l.split(','));
    // places in order, `all places` last with summary rows only
    const places = [...new Set(rows.map((x) => x[0]))];
    expect(places).toEqual(['Lambridge', 'Eastmoor', 'all places']);
    expect(rows.filter((x) => x[0] === 'all places').every((x) => x[2] === 'summary')).toBe(true);
    // within a place: summary, yearly, settlement, intervention
    const tables = rows.filter((x) => x[0] === 'Lambridge').map((x) => x[2]);
    expect([...new Set(tables)]).toEqual(['summary', 'yearly', 'settlement', 'intervention']);
    // silos alphabetically then `all`
    const entities = [...new Set(rows.filter((x) => x[0] === 'Lambridge' && x[2] === 'yearly').map((x) => x[3]))];
    expect(entities).toEqual(['childcare', 'employment', 'health', 'housing', 'social_care', 'all']);
    // money to pence, ratios to 6 dp, payback an integer
    const value = (m: string) => rows.find((x) => x[0] === 'Lambridge' && x[6] === m)![7]!;
    expect(value('npv_cashable')).toMatch(/^-?\d+\.\d{2}$/);
    expect(value('cashable_roi')).toMatch(/^\d+\.\d{6}$/);
    expect(value('payback_t')).toMatch(/^\d+$/);
  });
});

describe('run: the bundled example and formats', () => {
  it('runs the bundled example with no arguments and says so on stderr', async () => {
    const r = await cli(['run']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/bundled example/);
    expect(r.stdout).toMatch(/Whole-place pool/);
    expect(r.stdout).toMatch(/Net present value \(cashable\)/);
  });

  it('infers the format from -o and writes the file whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-run-'));
    for (const ext of ['csv', 'json', 'md', 'html']) {
      const out = join(dir, `report.${ext}`);
      const r = await cli(['run', BUDGETS, '-s', WHOLE, '-o', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const text = readFileSync(out, 'utf8');
      if (ext === 'json') expect(JSON.parse(text).result.places).toHaveLength(2);
      if (ext === 'csv') expect(text.startsWith('place,scenario,table,entity,measure,value,2025/26')).toBe(true);
    }
    const xlsx = join(dir, 'report.xlsx');
    expect((await cli(['run', BUDGETS, '-s', WHOLE, '-o', xlsx])).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('records the version, scenario and the inputs\' SHA-256 in JSON', async () => {
    const r = await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.tool).toBe('placepool');
    expect(j.scenarios).toEqual(['Whole-place pool']);
    // the example takes unit costs from the bundled library and converts them with the bundled deflators
    expect(j.inputs.map((i: { name: string }) => i.name)).toEqual([BUDGETS, WHOLE, 'bundled:unit-costs.csv', 'bundled:gdp-deflators.csv']);
    expect(j.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
  });

  it('models only the places given with --place', async () => {
    const r = await cli(['run', BUDGETS, '-s', WHOLE, '--place', 'Eastmoor', '-f', 'json']);
    expect(JSON.parse(r.stdout).result.places.map((p: { place: string }) => p.place)).toEqual(['Eastmoor']);
  });
});

describe('run: mistakes get a clear message and the right exit code', () => {
  it('an unknown --place is a usage error with a suggestion (2)', async () => {
    const r = await cli(['run', BUDGETS, '-s', WHOLE, '--place', 'Eastmore']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown place "Eastmore"; did you mean "Eastmoor"\?/);
    expect(r.stdout).toBe('');
  });

  it('a scenario naming a place that is not in the budgets is located in the scenario (65)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-run-'));
    const s = join(dir, 's.yaml');
    writeFileSync(s, 'name: Test\nplaces: [Lambridge, Westmoor]\n');
    const r = await cli(['run', BUDGETS, '-s', s]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/s\.yaml:2:\d+ \(places\[1\]\): place "Westmoor" is not in the budgets/);
  });

  it('a pooled silo without budget lines is located (65)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-run-'));
    const s = join(dir, 's.yaml');
    writeFileSync(s, 'name: Test\npool:\n  health: 0.1\n  transport: 0.5\n');
    const r = await cli(['run', BUDGETS, '-s', s]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/s\.yaml:4:14 \(pool\.transport\): silo "transport" is pooled but Lambridge and Eastmoor have no budget lines/);
  });

  it('a missing budgets file exits 66', async () => {
    const r = await cli(['run', 'no-such.csv', '-s', WHOLE]);
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/no-such\.csv/);
  });

  it('refuses to write the report over an input (73) and leaves it intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-run-'));
    const s = join(dir, 'whole.yaml');
    writeFileSync(s, readFileSync(WHOLE));
    const r = await cli(['run', BUDGETS, '-s', s, '-o', s, '-f', 'csv']);
    expect(r.code).toBe(73);
    expect(readFileSync(s, 'utf8')).toBe(readFileSync(WHOLE, 'utf8'));
  });

  it('an unwritable output exits 73 with no partial file', async () => {
    const r = await cli(['run', BUDGETS, '-s', WHOLE, '-o', '/nonexistent-dir/report.csv']);
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/cannot write/);
    expect(existsSync('/nonexistent-dir/report.csv')).toBe(false);
  });

  it('--strict turns warnings into errors and writes no report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-run-'));
    const s = join(dir, 's.yaml');
    writeFileSync(
      s,
      [
        'name: Zero deadweight',
        'pool: { social_care: 1 }',
        'investment: { shift: 0.01 }',
        'interventions:',
        '  - name: Early help',
        '    cost_per_participant: 1000',
        '    success_rate: 0.5',
        '    avoided_cost_per_success: { social_care: 3000 }',
        '    cashable: { social_care: 1 }',
      ].join('\n'),
    );
    const loose = await cli(['run', BUDGETS, '-s', s, '-f', 'csv']);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toMatch(/warning:.*deadweight/);
    const out = join(dir, 'r.csv');
    const strict = await cli(['run', BUDGETS, '-s', s, '-o', out, '--strict']);
    expect(strict.code).toBe(65);
    expect(existsSync(out)).toBe(false);
  });

  it('an Excel report needs a file', async () => {
    const r = await cli(['run', BUDGETS, '-s', WHOLE, '-f', 'xlsx']);
    expect(r.code).toBe(2);
  });
});

describe('run as a real process', () => {
  it('ends quietly with 0 when stdout is closed early (| head)', () => {
    const r = cliProcess(['run', BUDGETS, '-s', WHOLE, '-f', 'csv', '--layout', 'long']);
    expect(r.code).toBe(0);
    // the same through a shell pipe into head
    const piped = spawnSync('bash', ['-c', `set -o pipefail; node bin/placepool.js run ${BUDGETS} -s ${WHOLE} -f csv --layout long | head -1`], { encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe('place,scenario,table,entity,t,year,measure,value\n');
    expect(otherThanAfterHorizon(piped.stderr)).toBe('');
  });

  it('prints no stack trace for a user error unless PLACEPOOL_DEBUG=1', () => {
    const r = cliProcess(['run', 'missing.csv', '-s', WHOLE]);
    expect(r.code).toBe(66);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const d = cliProcess(['run', 'missing.csv', '-s', WHOLE], { env: { PLACEPOOL_DEBUG: '1' } });
    expect(d.stderr).toMatch(/\n\s+at /);
  });
});

describe('never over an input workbook', () => {
  it('refuses -o naming the workbook even when the sheet name holds #', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-run-'));
    const book = join(dir, 'book.xlsx');
    const made = await cli(['baseline', BUDGETS, '-o', book]);
    expect(made.code).toBe(0);
    const before = readFileSync(book);
    for (const sheet of ['Q1', 'Q1#2', 'a#b#c']) {
      const r = await cli(['validate', `${book}#${sheet}`, '-f', 'json', '-o', book]);
      expect(r.code, sheet).toBe(73);
      expect(readFileSync(book).equals(before)).toBe(true);
    }
  });
});
