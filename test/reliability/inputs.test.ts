// Issue 16, item 19: inputs that arrive in unusual ways. A folder on stdin is "cannot read" (exit 66), not an
// empty file; YAML with lone carriage returns as line ends reads as with line feeds; a workbook on stdin with
// its sheet (`-#Budgets`) is an input, not an unknown option; a file name that is not UTF-8 (Latin-1
// `caf\xe9.csv`) is opened by its bytes and shown readably in messages and their "did you mean".
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableBytes } from '../../src/terminal-text.js';
import { BIN, cli, ROOT } from '../helpers/cli.js';
import { EXAMPLE, scratch } from '../hardening/helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = scratch('placepool-reliab-in-'));
  for (const f of ['budgets.csv', 'whole-place.yaml']) copyFileSync(join(EXAMPLE, f), join(dir, f));
});
afterAll(() => cleanup());

describe('a folder on standard input (item 19)', () => {
  it('is exit 66, said as a folder', () => {
    const folder = openSync(dir, 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'validate', '-'], { cwd: dir, stdio: [folder, 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
      expect(r.stderr.toString()).toBe('placepool: error: cannot read standard input (-): it is a folder, not a file\n    Redirect the budgets file itself: - < file, not - < folder.\n');
      expect(r.status).toBe(66);
    } finally {
      closeSync(folder);
    }
  });
});

describe('YAML with lone carriage returns as line ends (item 19)', () => {
  it('reads as the same scenario with line feeds', async () => {
    const yaml = readFileSync(join(dir, 'whole-place.yaml'), 'utf8');
    writeFileSync(join(dir, 'cr.yaml'), yaml.replace(/\n/g, '\r'));
    writeFileSync(join(dir, 'crlf.yaml'), yaml.replace(/\n/g, '\r\n'));
    const want = await cli(['run', 'budgets.csv', '-s', 'whole-place.yaml', '-q', '-f', 'csv'], { cwd: dir });
    expect(want.code).toBe(0);
    for (const f of ['cr.yaml', 'crlf.yaml']) {
      const r = await cli(['run', 'budgets.csv', '-s', f, '-q', '-f', 'csv'], { cwd: dir });
      expect(r.stderr, f).toBe('');
      expect(r.stdout, f).toBe(want.stdout);
    }
  });

  it('keeps the line and column of an error', async () => {
    writeFileSync(join(dir, 'cr-bad.yaml'), 'name: Bad\rbase_year: 2025\rhorizon: ten\r');
    const r = await cli(['run', 'budgets.csv', '-s', 'cr-bad.yaml'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('cr-bad.yaml:3:10 (horizon): `horizon` must be a number');
  });
});

describe('a workbook on standard input, with its sheet (item 19)', () => {
  const book = readFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'hand-budgets.xlsx'));

  it('-#Budgets is read as the sheet Budgets of stdin', async () => {
    const r = await cli(['validate', '-#Budgets'], { cwd: dir, stdin: book });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<stdin>#Budgets: valid budgets, 4 lines/);
    const b = await cli(['baseline', '-#Budgets', '-f', 'csv'], { cwd: dir, stdin: book });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('Lambeth');
  });

  it('a sheet that is not there names the sheets, and how to write one', async () => {
    const r = await cli(['validate', '-#Nope'], { cwd: dir, stdin: book });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('The sheets are: "Budgets", "Other data". Write -#<sheet name> exactly');
  });

  it('an option that does not exist is still refused', async () => {
    const r = await cli(['validate', '-x', 'budgets.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '-x'");
  });
});

describe('a file name that is not UTF-8 (item 19)', () => {
  it('readableBytes shows UTF-8 as text and any other byte as \\xNN', () => {
    expect(readableBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x63, 0x73, 0x76]))).toBe('caf\\xe9.csv');
    expect(readableBytes(Buffer.from('café £ ✓.csv'))).toBe('café £ ✓.csv');
    expect(readableBytes(Buffer.from([0xe2, 0x82, 0x41, 0xff]))).toBe('\\xe2\\x82A\\xff');
  });

  it('is opened by its bytes, and a near miss is shown readably with its "did you mean"', () => {
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.csv')]), readFileSync(join(dir, 'budgets.csv')));
    const sh = (name: string) => spawnSync('bash', ['--norc', '-c', `"${process.execPath}" "${BIN}" validate "$(printf '${name}')"`], { cwd: dir, env: { PATH: process.env.PATH } });
    const ok = sh('caf\\xe9.csv');
    expect(ok.stderr.toString()).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout.toString()).toMatch(/^caf\\xe9\.csv: valid budgets, 56 lines/);
    const missing = sh('caf\\xe8.csv');
    expect(missing.status).toBe(66);
    expect(missing.stderr.toString()).toBe(
      `placepool: error: cannot open caf\\xe8.csv: no such file\n    Did you mean caf\\xe9.csv? Check the budgets path (relative paths are read from ${dir}).\n`,
    );
  });
});
