import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { D } from '../src/decimal.js';
import { InputError } from '../src/errors.js';
import { parseAmount, parseSilo, parseStage, parseYear } from '../src/io/budget-cells.js';
import { readBudgets } from '../src/io/budgets.js';
import { budgetsFromRows } from '../src/io/budgets-validate.js';
import { firstInvalidUtf8, readInputText } from '../src/io/input.js';
import type { Io } from '../src/io-types.js';
import type { RawTable } from '../src/io/rows.js';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliProcess, ROOT } from './helpers/cli.js';
import { caught } from './helpers/errors.js';


function io(stdin = ''): Io {
  const sink = { write: () => true } as unknown as Io['stdout'];
  return { stdin: Readable.from([Buffer.from(stdin)]), stdout: sink, stderr: sink, env: {}, cwd: ROOT };
}

describe('parseAmount', () => {
  const ok: [string, string][] = [
    ['1234567', '1234567'],
    ['1234567.89', '1234567.89'],
    ['£1,234,567.89', '1234567.89'],
    ['1.2e6', '1200000'],
    ['1.2E+06', '1200000'],
    [' 0 ', '0'],
    ['£ 950', '950'],
    ['999', '999'],
    ['1,000', '1000'],
    ['0.1', '0.1'],
    ['.5', '0.5'],
    ['123456789012345.123456789012345678', '123456789012345.123456789012345678'],
    ['-0', '0'],
    ['1e15', '1000000000000000'],
  ];
  it.each(ok)('reads %s exactly as %s', (text, expected) => {
    const r = parseAmount(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.equals(new D(expected))).toBe(true);
  });

  it('keeps every digit: no float ever touches the amount', () => {
    const r = parseAmount('0.1');
    const s = parseAmount('0.2');
    expect(r.ok && s.ok && r.value.plus(s.value).toString()).toBe('0.3');
  });

  const bad: [string, RegExp][] = [
    ['(1,234)', /negative \(accounting brackets\)/],
    ['-100', /negative/],
    ['-£100', /negative/],
    ['£-100', /negative/],
    ['NaN', /not a finite number/],
    ['Infinity', /not a finite number/],
    ['-inf', /not a finite number/],
    ['12abc', /not a number/],
    ['', /empty/],
    ['   ', /empty/],
    ['1,23,456', /misplaced thousands separators/],
    ['1234,567', /misplaced thousands separators|decimal comma/],
    ['12,5', /decimal comma/],
    ['1.234.567,89', /decimal comma/],
    ['$100', /not in pounds/],
    ['1 234 567', /spaces/],
    ['1e', /not a number/],
    ['£', /not a number/],
    ['1e99999999999999999', /implausibly large/],
    ['1e9000000000000000', /implausibly large/],
    ['1e16', /implausibly large/],
    ['9'.repeat(100), /implausibly large/],
  ];
  it.each(bad)('rejects %j with a reason and a hint', (text, message) => {
    const r = parseAmount(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.hint).toBeTruthy();
    }
  });
});

describe('parseYear', () => {
  it.each([
    ['2025', 2025],
    ['2025/26', 2025],
    ['2025-26', 2025],
    [' 2030/31 ', 2030],
    ['2099/00', 2099],
    ['1999-00', 1999],
  ])('reads %s as %i', (text, year) => {
    expect(parseYear(text)).toEqual({ ok: true, value: year });
  });
  it.each([
    ['2025/27', /after 2025 comes 26/, /2025\/26/],
    ['25/26', /two digits/, /2025\/26/],
    ['2025-2026', /four digits after the dash/, /2025\/26 or 2025/],
    ['', /empty/, /2025/],
    ['FY2025', /not in an accepted form/, /without "FY"/],
    ['next year', /not a financial year/, /2025\/26/],
    ['0025', /out of range/, /typing mistake/],
  ])('rejects %j', (text, message, hint) => {
    const r = parseYear(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.hint).toMatch(hint);
    }
  });
});

describe('parseStage and parseSilo', () => {
  it('reads stages case-insensitively and suggests the nearest', () => {
    expect(parseStage(' Reactive ')).toEqual({ ok: true, value: 'reactive' });
    expect(parseStage('PREVENTIVE')).toEqual({ ok: true, value: 'preventive' });
    const r = parseStage('preventiv');
    expect(r.ok === false && r.message).toMatch(/did you mean preventive\?/);
    // a word that describes a stage is not taken for one: the message names the stage to write
    const s = parseStage('acute');
    expect(s.ok === false && s.message).toBe('unknown stage "acute": write reactive (the stage of acute spending)');
    const p = parseStage('Prevention');
    expect(p.ok === false && p.message).toBe('unknown stage "Prevention": write preventive (the stage of prevention spending)');
    expect(s.ok === false && s.hint).not.toMatch(/reactive \(acute/);
  });
  it('normalises silos and rejects bad identifiers', () => {
    expect(parseSilo(' Social  care ')).toEqual({ ok: true, value: 'social_care' });
    expect(parseSilo('social-care')).toEqual({ ok: true, value: 'social_care' });
    expect(parseSilo('Housing')).toEqual({ ok: true, value: 'housing' });
    expect(parseSilo('3rd sector').ok).toBe(false);
    expect(parseSilo('health & care').ok).toBe(false);
    expect(parseSilo('').ok).toBe(false);
  });
});

describe('budgetsFromRows (any table source)', () => {
  it('locates problems at workbook cells as given by the reader', async () => {
    const cell = (value: string, ref: string) => ({ value, loc: { file: 'book.xlsx', cell: `Budgets!${ref}` } });
    const table: RawTable = {
      source: { name: 'book.xlsx', sha256: 'x' },
      header: ['place', 'year', 'silo', 'service', 'stage', 'amount'].map((h, i) => cell(h, `${'ABCDEF'[i]}1`)),
      batches: [
        [
          {
            values: ['Lambridge', '2025', 'health', 'A&E', 'reactive', '12abc'],
            cellLoc: (i) => cell('', `${'ABCDEF'[i]}2`).loc,
            loc: { file: 'book.xlsx', cell: 'Budgets!A2' },
          },
        ],
      ],
    };
    const err = await caught(budgetsFromRows(table));
    expect(err.problems[0]!.loc).toEqual({ file: 'book.xlsx', cell: 'Budgets!F2' });
  });

  it('types every line and orders places, years and silos', async () => {
    const b = await readBudgets('example:budgets.csv', io());
    expect(b.places).toEqual(['Lambridge', 'Eastmoor']);
    expect(b.years).toEqual([2025, 2026, 2027]);
    expect(b.silos).toEqual(['childcare', 'employment', 'health', 'housing', 'social_care']);
    expect(b.lines).toHaveLength(56);
    expect(b.lines[0]).toMatchObject({ place: 'Lambridge', year: 2025, silo: 'health', service: 'A&E attendances', stage: 'reactive', agency: 'NHS North Thames ICB' });
    expect(b.lines[0]!.loc).toEqual({ file: 'example:budgets.csv', line: 2 });
    // a line as read carries its amount in whole pence too, and writes itself as JSON as a plain line would
    expect(b.lines[0]!.pence).toBe(BigInt(b.lines[0]!.amount.times(100).toFixed(0)));
    expect(JSON.parse(JSON.stringify(b.lines[0]))).toEqual({
      place: 'Lambridge', year: 2025, silo: 'health', service: 'A&E attendances', stage: 'reactive',
      amount: b.lines[0]!.amount.toString(), agency: 'NHS North Thames ICB', loc: { file: 'example:budgets.csv', line: 2 },
    });
    const { createHash } = await import('node:crypto');
    expect(b.source.sha256).toBe(createHash('sha256').update(readFileSync(`${ROOT}/fixtures/example/budgets.csv`)).digest('hex'));
    expect(b.ignoredColumns).toEqual([]);
    // the example is a realistic London borough: NHS about £500m, adult + children's social care about £200m
    const total = (place: string, silo: string) =>
      b.lines.filter((l) => l.place === place && l.year === 2025 && l.silo === silo).reduce((t, l) => t.plus(l.amount), new D(0));
    expect(total('Lambridge', 'health').toString()).toBe('521450000');
    expect(total('Lambridge', 'social_care').toString()).toBe('207900000');
    expect(total('Lambridge', 'childcare').toString()).toBe('31750000');
  });
});

interface BadCase {
  file: string;
  code: number;
  message: RegExp;
  where?: string;
}

const BAD: BadCase[] = [
  { file: 'unclosed-quote.csv', code: 65, message: /quoted cell is never closed/, where: 'unclosed-quote.csv:2:4' },
  { file: 'ragged-row.csv', code: 65, message: /this row has 7 cells but the header has 6/, where: 'ragged-row.csv:3' },
  { file: 'missing-column.csv', code: 65, message: /the header has no "stage" column/, where: 'missing-column.csv:1' },
  { file: 'empty.csv', code: 65, message: /empty\.csv: the file is empty/ },
  { file: 'header-only.csv', code: 65, message: /has a header but no budget lines/, where: 'header-only.csv:1' },
  { file: 'negative.csv', code: 65, message: /the amount "-100" is negative/, where: 'negative.csv:2:6' },
  { file: 'brackets.csv', code: 65, message: /accounting brackets/, where: 'brackets.csv:2:6' },
  { file: 'nan.csv', code: 65, message: /"NaN" is not a finite number/, where: 'nan.csv:2:6' },
  { file: 'infinity.csv', code: 65, message: /"Infinity" is not a finite number/, where: 'infinity.csv:2:6' },
  { file: 'not-a-number.csv', code: 65, message: /"12abc" is not a number/, where: 'not-a-number.csv:2:6' },
  { file: 'empty-amount.csv', code: 65, message: /the amount is empty/, where: 'empty-amount.csv:2:6' },
  { file: 'misplaced-separator.csv', code: 65, message: /misplaced thousands separators/, where: 'misplaced-separator.csv:2:6' },
  { file: 'year-2025-27.csv', code: 65, message: /after 2025 comes 26/, where: 'year-2025-27.csv:2:2' },
  { file: 'year-25-26.csv', code: 65, message: /only two digits/, where: 'year-25-26.csv:2:2' },
  { file: 'year-2025-2026.csv', code: 65, message: /four digits after the dash/, where: 'year-2025-2026.csv:2:2' },
  { file: 'unknown-stage.csv', code: 65, message: /unknown stage "reactiv"; did you mean reactive\?/, where: 'unknown-stage.csv:2:5' },
  { file: 'bad-silo.csv', code: 65, message: /"3rd sector" is not a valid silo identifier/, where: 'bad-silo.csv:2:3' },
  { file: 'empty-place.csv', code: 65, message: /the place is empty/, where: 'empty-place.csv:2:1' },
  { file: 'empty-service.csv', code: 65, message: /the service is empty/, where: 'empty-service.csv:2:4' },
  { file: 'duplicate.csv', code: 65, message: /duplicate budget line Lambridge \/ health \/ A&E \/ reactive \/ 2025\/26: also on line 2/, where: 'duplicate.csv:4' },
  { file: 'does-not-exist.csv', code: 66, message: /cannot open test\/fixtures\/budgets\/does-not-exist\.csv: no such file/ },
  { file: '', code: 66, message: /it is a folder, not a file/ },
];

describe('bad budgets through the CLI: exit code and located message', () => {
  it.each(BAD)('$file', async ({ file, code, message, where }) => {
    const path = `test/fixtures/budgets/${file}`;
    const r = await cli(['validate', path]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    if (where) expect(r.stderr).toContain(`test/fixtures/budgets/${where}`);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    if (code === 65) expect(r.stderr).toMatch(/\n {4,}\S/); // a hint on how to mend it
  });

  it('collects every problem, not just the first', async () => {
    const r = await cli(['validate', 'test/fixtures/budgets/many-problems.csv']);
    expect(r.code).toBe(65);
    const f = 'test/fixtures/budgets/many-problems.csv';
    expect(r.stderr).toMatch(/8 problems in/);
    for (const at of [`${f}:2:5`, `${f}:2:6`, `${f}:3:2`, `${f}:3:3`, `${f}:3:4`, `${f}:3:5`, `${f}:4:1`]) expect(r.stderr).toContain(at);
  });

  it('names both lines of a duplicate', async () => {
    const r = await cli(['validate', 'test/fixtures/budgets/duplicate.csv']);
    expect(r.stderr).toMatch(/duplicate\.csv:4: duplicate budget line .* also on line 2/);
  });
});

describe('encodings and line ends', () => {
  it('reads a BOM, CRLF line ends, quoted odd-case headers and a quoted line break', async () => {
    const bom = await readBudgets('test/fixtures/budgets/bom.csv', io());
    expect(bom.lines[0]!.place).toBe('Lambridge');
    const crlf = await readBudgets('test/fixtures/budgets/crlf.csv', io());
    expect(crlf.lines.map((l) => [l.service, l.amount.toString(), l.loc.line])).toEqual([
      ['A&E', '100', 2],
      ['GP\r\nservices', '250.5', 3],
    ]);
    const odd = await readBudgets('test/fixtures/budgets/odd-header.csv', io());
    expect(odd.lines[0]).toMatchObject({ silo: 'social_care', stage: 'other', agency: 'Council' });
    expect(odd.lines[0]!.amount.toString()).toBe('1000.25');
    expect(odd.ignoredColumns).toEqual(['Notes']);
  });

  it('reads Windows-1252 with a warning naming the line of the first non-UTF-8 byte', async () => {
    const b = await readBudgets('test/fixtures/budgets/windows-1252.csv', io());
    expect(b.lines[1]!.amount.toString()).toBe('250');
    expect(b.warnings).toHaveLength(1);
    expect(b.warnings[0]!.message).toMatch(/not valid UTF-8 \(byte 0xA3 at line 3, byte 57 of the line\); read it as Windows-1252/);
    const r = await cli(['validate', 'test/fixtures/budgets/windows-1252.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*windows-1252\.csv:3: .*Windows-1252/);
    const strict = await cli(['validate', '--strict', 'test/fixtures/budgets/windows-1252.csv']);
    expect(strict.code).toBe(65);
  });

  it('decodes the Windows-1252 bytes 0x80-0x9F as Excel means them (€, curly quotes, dashes)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('place,year,silo,service,stage,amount\nX,2025,health,Children'),
      Buffer.from([0x92]),
      Buffer.from('s centre '),
      Buffer.from([0x96, 0x20, 0x80, 0x31]),
      Buffer.from(',reactive,'),
      Buffer.from([0xa3]),
      Buffer.from('5\n'),
    ]);
    const sink = { write: () => true } as unknown as Io['stdout'];
    const b = await readBudgets('-', { stdin: Readable.from([bytes]), stdout: sink, stderr: sink, env: {}, cwd: ROOT });
    expect(b.lines[0]!.service).toBe('Children\u2019s centre \u2013 \u20ac1');
    expect(b.lines[0]!.amount.toString()).toBe('5');
  });

  it('reads UTF-16 with a BOM, little- and big-endian', async () => {
    for (const f of ['utf-16le.csv', 'utf-16be.csv']) {
      const b = await readBudgets(`test/fixtures/budgets/${f}`, io());
      expect(b.lines[0]!.amount.toString()).toBe('100');
      expect(b.warnings).toEqual([]);
    }
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from('abc£'))).toBe(5);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xa3, 0x62]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
  });

  it('decodes UTF-8 split across chunks, and hashes the raw bytes', async () => {
    const bytes = Buffer.from('place,x\n£€ü,1\n');
    const parts = [bytes.subarray(0, 9), bytes.subarray(9, 11), bytes.subarray(11)];
    const stdin = Readable.from(parts);
    const r = await readInputText('-', { stdin, cwd: ROOT });
    expect(r.text).toBe('place,x\n£€ü,1\n');
    expect(r.warnings).toEqual([]);
    expect(r.source.name).toBe('<stdin>');
    const { createHash } = await import('node:crypto');
    expect(r.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reads stdin with -', async () => {
    const b = await readBudgets('-', io('place,year,silo,service,stage,amount\nX,2025,health,A,reactive,5\n'));
    expect(b.source.name).toBe('<stdin>');
    expect(b.lines[0]!.loc.file).toBe('<stdin>');
  });

  it('refuses a zip (a workbook without its extension) clearly', async () => {
    const err = await caught(readBudgets('-', io('PK\u0003\u0004rest')));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/zip file/);
  });

  it('says when a file is separated by semicolons', async () => {
    const err = await caught(readBudgets('-', io('place;year;silo;service;stage;amount\nX;2025;health;A;reactive;5\n')));
    expect(err.message).toMatch(/separated by semicolons/);
  });

  it('suggests a near file name when one is missing', async () => {
    const r = await cli(['validate', 'fixtures/example/budget.csv']);
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/Did you mean fixtures\/example\/budgets\.csv\?/);
  });

  it('refuses a file over 128 MB before reading it (exit 66)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'placepool-big-'));
    const big = join(dir, 'huge.csv');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 1024 * 1024 * 1024 + 1); // sparse: no disk space used
    closeSync(fd);
    const r = await cli(['validate', big]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/refusing to read .*huge\.csv: it is larger than 128 MB \(1\.00 GB\)/);
  });

  it('finds the bundled example from the built binary, whatever the working folder', () => {
    const r = cliProcess(['validate', 'example:budgets.csv'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^example:budgets\.csv: valid budgets, 56 lines/);
  });

  it('suggests a near header name', async () => {
    const err = await caught(readBudgets('-', io('place,year,silo,service,stage,ammount\nX,2025,health,A,reactive,5\n')));
    expect(err.problems[0]!.message).toBe('the header has no "amount" column; did you mean "ammount"?');
    expect(err.problems[0]!.loc).toEqual({ file: '<stdin>', line: 1, column: 6 });
  });

  it('counts leading blank lines, and keeps counting after a row broken by a stray quote', async () => {
    const text = '\n\nplace,year,silo,service,stage,amount\nX,2025,health,A"B,reactive,5\nX,2025,health,C,reactive,bad\n';
    const err = await caught(readBudgets('-', io(text)));
    expect(err.problems.map((p) => [p.loc?.line, p.loc?.column, p.message])).toEqual([
      [4, 4, 'a quote appears inside an unquoted cell'],
      [5, 6, 'the amount "bad" is not a number'],
    ]);
  });

  it('skips blank spreadsheet rows and keeps the true line numbers after a quoted CRLF', async () => {
    const text = 'place,year,silo,service,stage,amount\r\n,,,,,\r\nX,2025,health,"A\r\nB",reactive,5\r\n\r\nX,2025,health,C,reactive,bad\r\n';
    const err = await caught(readBudgets('-', io(text)));
    expect(err.problems.map((p) => p.loc)).toEqual([{ file: '<stdin>', line: 6, column: 6 }]);
  });
});

describe('the budgets file is released however reading ends', () => {
  // the open files of this process that are `path` (Linux: /proc/self/fd)
  const openCount = async (path: string): Promise<number> => {
    const { readdirSync, readlinkSync } = await import('node:fs');
    return readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    }).length;
  };

  it.skipIf(process.platform !== 'linux')('after a problem in the header, a zip file, or a good read', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'placepool-release-'));
    const rows = Array.from({ length: 20_000 }, (_, i) => `P,2025,health,Service ${i},reactive,100.00`).join('\n');
    const cases: [string, string | Buffer, boolean][] = [
      ['bad-header.csv', `place,year,silo,service,stage,amout\n${rows}\n`, false],
      ['zip.csv', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200_000)]), false],
      ['good.csv', `place,year,silo,service,stage,amount\n${rows}\n`, true],
    ];
    for (const [name, content, ok] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const read = readBudgets(path, io());
      if (ok) await read;
      else await caught(read);
      // closing a file completes in the next turns of the event loop
      for (let i = 0; i < 20 && (await openCount(path)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await openCount(path), name).toBe(0);
    }
  });
});
