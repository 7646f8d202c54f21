// Scenario and manifest robustness (issue 7, item 2): YAML and JSON syntax errors with line and column; wrong
// types; values out of range; `__proto__`/`constructor`/`prototype` keys refused with no prototype pollution;
// limits with clear messages (horizon 1-100, --draws up to 10,000,000, a batch of up to 1,000,000 runs, inputs
// up to 128 MB).
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, MAX_INPUT_BYTES } from '../../src/io/input.js';
import { cli } from '../helpers/cli.js';
import { STACK_LINE, scratch } from './helpers.js';

const S = 'test/fixtures/hardening/scenarios';
const M = 'test/fixtures/hardening/manifests';
const BATCH = join('test', 'fixtures', 'batch');
const B = 'example:budgets.csv';

/** What a polluted prototype would show. */
function prototypeState(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort(), Object.getOwnPropertyNames(Function.prototype).sort()]);
}
const CLEAN = prototypeState();

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(prototypeState()).toBe(CLEAN);
}

/** The message's first located problem: `file:line:column` and the rest of that line. */
function expectLocated(stderr: string, where: string, message: string | RegExp): void {
  const lines = stderr.split('\n').map((l) => l.replace(/^\s+/, '').replace(/^placepool: (usage )?error: /, ''));
  const hit = lines.find((l) => l.startsWith(`${where}`) && (typeof message === 'string' ? l.includes(message) : message.test(l)));
  expect(hit, `a line at ${where} saying ${String(message)} in:\n${stderr}`).toBeDefined();
  expect(stderr).not.toMatch(STACK_LINE);
}

describe('prototype pollution: hostile keys are refused, located, and change nothing', () => {
  afterEach(() => expectNoPollution());

  const scenarios: [string, string, string][] = [
    ['proto-top.yaml', `${S}/proto-top.yaml:3:1`, 'the key `__proto__` is not allowed'],
    ['proto-nested.yaml', `${S}/proto-nested.yaml:3:3`, 'the key `constructor` is not allowed'],
    ['proto-nested.yaml', `${S}/proto-nested.yaml:9:5`, 'the key `__proto__` is not allowed'],
    ['proto.json', `${S}/proto.json:3:3`, 'the key `__proto__` is not allowed'],
    ['proto.json', `${S}/proto.json:4:13`, 'the key `constructor` is not allowed'],
    ['proto-quoted-alias.yaml', `${S}/proto-quoted-alias.yaml:2:1`, 'the key `prototype` is not allowed'],
    ['proto-quoted-alias.yaml', `${S}/proto-quoted-alias.yaml:3:18`, 'the key `__proto__` is not allowed'],
  ];
  it.each(scenarios)('scenario %s: %s', async (file, where, message) => {
    for (const args of [
      ['run', B, '-s', `${S}/${file}`],
      ['validate', B, '-s', `${S}/${file}`],
      ['compare', B, '-s', 'example:whole-place.yaml', '-s', `${S}/${file}`],
      ['simulate', B, '-s', `${S}/${file}`, '--draws', '10'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(65);
      expect(r.stdout).toBe('');
      expectLocated(r.stderr, where, message);
    }
  });

  it('from stdin too', async () => {
    const r = await cli(['run', B, '-s', '-'], { stdin: '{"name": "x", "__proto__": {"polluted": true}}' });
    expect(r.code).toBe(65);
    // stdin is read as YAML (JSON is a subset); the key is still refused
    expectLocated(r.stderr, '<stdin>:1:15', 'the key `__proto__` is not allowed');
  });

  const manifests: [string, string, string][] = [
    ['proto.yaml', `${M}/proto.yaml:4:1`, 'the key `__proto__` is not allowed'],
    ['proto.yaml', `${M}/proto.yaml:6:3`, 'the key `constructor` is not allowed'],
    ['proto.json', `${M}/proto.json:4:14`, 'the key `__proto__` is not allowed'],
    ['proto.json', `${M}/proto.json:4:32`, 'the key `prototype` is not allowed'],
    ['proto-sweep-path.yaml', `${M}/proto-sweep-path.yaml:4:3 (sweep.__proto__.polluted)`, 'sweep path `__proto__.polluted`: the scenario has no such field'],
  ];
  it.each(manifests)('manifest %s: %s', async (file, where, message) => {
    const { dir, cleanup } = scratch();
    try {
      const r = await cli(['batch', `${M}/${file}`, '-o', dir, '-q']);
      expect(r.code).toBe(65);
      expectLocated(r.stderr, where, message);
    } finally {
      cleanup();
    }
  });

  it.each(['__proto__.polluted', 'constructor.prototype.polluted', 'interventions.__proto__.success_rate', 'growth.__proto__', 'pool.constructor'])(
    'breakeven --param %s is a usage error (2)',
    async (param) => {
      const r = await cli(['breakeven', B, '-s', 'example:whole-place.yaml', '--param', param]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^placepool: usage error: --param `[^`]+`: /);
      expect(r.stderr).not.toMatch(STACK_LINE);
    },
  );

  it('places, services, headers and sheets named like prototype keys are just names', async () => {
    const { dir, cleanup } = scratch();
    try {
      writeFileSync(
        join(dir, 'b.csv'),
        'place,year,silo,service,stage,amount,__proto__,constructor\n' +
          '__proto__,2025,health,constructor,reactive,100,x,y\n' +
          '__proto__,2025,health,hasOwnProperty,preventive,50,x,y\n' +
          'toString,2025,health,__proto__,reactive,10,x,y\n',
      );
      const r = await cli(['validate', 'b.csv', '-f', 'json'], { cwd: dir });
      expect(r.code).toBe(0);
      const report = (JSON.parse(r.stdout) as { result: { places: { place: string; lines: number }[]; ignored_columns: string[] } }).result;
      expect(report.places).toEqual([
        { place: '__proto__', lines: 2 },
        { place: 'toString', lines: 1 },
      ]);
      expect(report.ignored_columns).toEqual(['__proto__', 'constructor']);
      const base = await cli(['baseline', 'b.csv', '-f', 'csv', '--layout', 'long'], { cwd: dir });
      expect(base.code).toBe(0);
      expect(base.stdout).toContain('__proto__,2025/26,health,all,150.00');
      expect(base.stdout).toContain('toString,2025/26,health,all,10.00');
      const sheet = await cli(['validate', 'test/fixtures/xlsx/hand-budgets.xlsx#__proto__']);
      expect(sheet.code).toBe(65);
      expect(sheet.stderr).toContain('the workbook has no sheet named "__proto__"');
    } finally {
      cleanup();
    }
  });
});

describe('syntax errors are located by line and column', () => {
  const cases: [string, string, string][] = [
    ['yaml-unclosed-quote.yaml', ':1:7', 'YAML syntax error: a "quoted" value is never closed (no closing ")'],
    ['yaml-tab.yaml', ':3:1', 'YAML syntax error: tabs are not allowed as indentation'],
    ['yaml-two-documents.yaml', ':2:1', 'YAML syntax error: the file holds more than one document (a second `---`)'],
    ['yaml-bad-indent.yaml', ':4:1', 'YAML syntax error: all mapping items must start at the same column'],
    ['json-trailing-comma.json', ':4:1', 'JSON syntax error: a comma before `}` (JSON allows no trailing comma)'],
    ['json-single-quotes.json', ':2:3', "JSON syntax error: expected a double-quoted key, found `'`"],
    ['json-unclosed.json', ':4:1', 'JSON syntax error: expected `,` or `}` after a value, found the end of the file'],
    ['json-comment.json', ':2:22', 'JSON syntax error: expected a double-quoted key, found `/`'],
    ['deep.yaml', ':2:109', 'the document is nested more than 100 levels deep'],
    ['deep-brackets.yaml', ':3:109', 'the document is nested more than 100 levels deep'],
    ['alias-bomb.yaml', ':2:30', 'the document holds more than 200000 values (aliases expanding without end?)'],
  ];
  it.each(cases)('scenario %s', async (file, at, message) => {
    const r = await cli(['run', B, '-s', `${S}/${file}`]);
    expect(r.code).toBe(65);
    expectLocated(r.stderr, `${S}/${file}${at}`, message);
  });

  it.each([
    [`${M}/yaml-syntax.yaml`, ':3:1', 'YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]'],
    [`${BATCH}/bad/syntax.json`, ':4:1', 'JSON syntax error: a comma before `}` (JSON allows no trailing comma)'],
  ])('manifest %s', async (file, at, message) => {
    const r = await cli(['batch', file, '-o', 'unused-folder', '-q']);
    expect(r.code).toBe(65);
    expectLocated(r.stderr, `${file}${at}`, message);
  });
});

describe('wrong types are located with their path', () => {
  const cases: [string, string, string][] = [
    ['type-interventions-map.yaml', ':3:3 (interventions)', '`interventions` must be a list, but it is a map'],
    ['type-pool-list.yaml', ':2:7 (pool)', '`pool` must be a map, but it is a list'],
    ['type-name-list.yaml', ':1:7 (name)', '`name` must be text, but it is a list'],
    ['type-shift-text.yaml', ':3:10 (investment.shift)', '`shift` must be a number, but it is the text "lots"'],
    ['type-combine.yaml', ':2:10 (combine)', '`combine` must be true or false, but it is the text "maybe"'],
  ];
  it.each(cases)('%s', async (file, at, message) => {
    const r = await cli(['validate', B, '-s', `${S}/${file}`]);
    expect(r.code).toBe(65);
    expectLocated(r.stderr, `${S}/${file}${at}`, message);
  });

  it('a manifest whose scenarios are a map', async () => {
    const r = await cli(['batch', `${M}/type-scenarios-map.yaml`, '-o', 'unused-folder']);
    expect(r.code).toBe(65);
    expectLocated(r.stderr, `${M}/type-scenarios-map.yaml:3:3 (scenarios)`, '`scenarios` must be a list of scenario files, but it is a map');
  });
});

describe('limits', () => {
  it.each([
    ['horizon-0.yaml', 'test/fixtures/scenarios/bad/horizon-0.yaml:2:10 (horizon)', '`horizon` is 0, outside its valid range: a whole number from 1 to 100'],
    ['horizon-101.yaml', 'test/fixtures/scenarios/bad/horizon-101.yaml:2:10 (horizon)', '`horizon` is 101, outside its valid range: a whole number from 1 to 100'],
  ])('%s is refused', async (file, where, message) => {
    const r = await cli(['run', B, '-s', `test/fixtures/scenarios/bad/${file}`]);
    expect(r.code).toBe(65);
    expectLocated(r.stderr, where, message);
  });

  it.each([
    ['horizon-1.yaml', 1],
    ['horizon-100.yaml', 100],
  ])('%s runs, with that many years', async (file, years) => {
    const r = await cli(['run', B, '-s', `${S}/${file}`, '-f', 'json', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = r.stdout;
    const last = 2025 + years - 1;
    expect(text).toContain(`${last}/${String((last + 1) % 100).padStart(2, '0')}`);
    expect(text).not.toContain(`"${last + 1}/${String((last + 2) % 100).padStart(2, '0')}"`);
  });

  it.each(['0', '10000001', '1e3', '-5', '12.5', 'many', ''])('simulate --draws %j is a usage error (2)', async (draws) => {
    const r = await cli(['simulate', B, '-s', 'example:uncertain.yaml', '--draws', draws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`placepool: usage error: --draws must be a whole number from 1 to 10000000, not "${draws}"\n`);
  });

  it('simulate --draws 10000000 is accepted (the run then stops at the missing scenario, exit 66, not 2)', async () => {
    const r = await cli(['simulate', B, '-s', 'no-such-scenario.yaml', '--draws', '10000000']);
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/^placepool: error: cannot open no-such-scenario\.yaml: no such file/);
  });

  it('a batch may simulate up to 1,000,000 draws a run', async () => {
    const r = await cli(['batch', `${M}/draws-too-many.yaml`, '-o', 'unused-folder']);
    expect(r.code).toBe(65);
    expectLocated(r.stderr, `${M}/draws-too-many.yaml:3:20 (simulate.draws)`, '`draws` must be a whole number from 1 to 1000000, but it is 1000001');
  });

  describe('a batch grid of at most 1,000,000 runs', () => {
    let dir: string;
    let cleanup: () => void;
    beforeAll(() => ({ dir, cleanup } = scratch()));
    afterAll(() => cleanup());
    const values = (n: number, scale: number): string => Array.from({ length: n }, (_, i) => String(i / scale)).join(', ');
    const manifest = (a: number, b: number, path2: string): string =>
      `budgets: ${join(process.cwd(), BATCH, 'budgets.csv')}\nscenarios: [${join(process.cwd(), BATCH, 'scenarios', 'family.yaml')}]\nplaces: [Southmere]\n` +
      `sweep:\n  investment.reinvest: [${values(a, a)}]\n  ${path2}: [${values(b, b)}]\n`;

    it('1,000,001 runs (101 x 9901 sweep points x 1 place) are refused before any data is read', async () => {
      writeFileSync(join(dir, 'over.yaml'), manifest(101, 9901, 'integration.efficiency'));
      const r = await cli(['batch', 'over.yaml', '-o', 'out'], { cwd: dir });
      expect(r.code).toBe(65);
      expectLocated(
        r.stderr,
        'over.yaml:5:3 (sweep.investment.reinvest)',
        'the batch would make 1,000,001 runs (1 scenario x 101 values of investment.reinvest x 9901 values of integration.efficiency x 1 place); at most 1,000,000 are allowed',
      );
    });

    it('exactly 1,000,000 runs pass the limit (the batch then stops at a misspelt sweep path)', async () => {
      writeFileSync(join(dir, 'limit.yaml'), manifest(1000, 1000, 'integration.efficency'));
      const r = await cli(['batch', 'limit.yaml', '-o', 'out'], { cwd: dir });
      expect(r.code).toBe(65);
      expect(r.stderr).toContain('placepool: batch of 1 scenario x 1000000 sweep points x 1 place = 1000000 runs');
      expect(r.stderr).toContain("sweep path `integration.efficency`: `integration` has no field `efficency`");
      expect(r.stderr).not.toContain('at most 1,000,000');
    });

    it('the bundled too-large fixture', async () => {
      const r = await cli(['batch', `${BATCH}/bad/too-large.yaml`, '-o', join(dir, 'out')]);
      expect(r.code).toBe(65);
      expect(r.stderr).toContain('at most 1,000,000 are allowed');
    });
  });

  describe('inputs over 128 MB are refused before reading (sparse files: no disk is used)', () => {
    let dir: string;
    let cleanup: () => void;
    beforeAll(() => {
      ({ dir, cleanup } = scratch());
      for (const f of ['big.csv', 'big.xlsx', 'big.yaml', 'big.json', 'manifest.yaml']) {
        writeFileSync(join(dir, f), '');
        truncateSync(join(dir, f), MAX_INPUT_BYTES + 1);
      }
    });
    afterAll(() => cleanup());

    it('the limit is 128 MB', () => {
      expect(MAX_INPUT_BYTES).toBe(128 * 1024 ** 2);
    });

    it.each([
      ['budgets (validate)', ['validate', 'big.csv'], 'big.csv'],
      ['budgets (run)', ['run', 'big.csv', '-s', 'example:whole-place.yaml'], 'big.csv'],
      ['budgets (baseline)', ['baseline', 'big.csv'], 'big.csv'],
      ['a workbook', ['validate', 'big.xlsx'], 'big.xlsx'],
      ['a workbook sheet', ['baseline', 'big.xlsx#Budgets'], 'big.xlsx'],
    ])('%s', async (_name, args, file) => {
      const r = await cli(args, { cwd: dir });
      expect(r.code).toBe(66);
      expect(r.stderr).toMatch(new RegExp(`^placepool: error: refusing to read ${file.replace('.', '\\.')}: it is larger than 128 MB \\(128\\.0 MB\\)\\n {4}placepool reads inputs of up to 128 MB`));
    });

    it.each([
      ['a scenario', ['run', 'example:budgets.csv', '-s', 'big.yaml'], 'big.yaml', 'scenario'],
      ['a JSON scenario (validate -s)', ['validate', 'example:budgets.csv', '-s', 'big.json'], 'big.json', 'scenario'],
      ['a manifest', ['batch', 'manifest.yaml', '-o', 'out'], 'manifest.yaml', 'manifest'],
    ])('%s is refused above 1 MB (its parser would exhaust memory long before 128 MB)', async (_name, args, file, what) => {
      const r = await cli(args, { cwd: dir });
      expect(r.code).toBe(66);
      expect(r.stderr).toBe(
        `placepool: error: refusing to read ${file}: it is larger than 1 MB (128.0 MB), too large for a ${what}\n` +
          `    A ${what} is a short text file (placepool reads up to 1 MB). Check that this is the right file.\n`,
      );
    });
  });

  describe('scenarios and manifests of up to 1 MB', () => {
    let dir: string;
    let cleanup: () => void;
    beforeAll(() => ({ dir, cleanup } = scratch()));
    afterAll(() => cleanup());

    it('a scenario of exactly 1 MB is read; one byte more is refused, from a file or from stdin', async () => {
      const head = 'name: Padded\nhorizon: 3\n';
      const exact = head + '#'.repeat(MAX_DOCUMENT_BYTES - head.length - 1) + '\n';
      expect(Buffer.byteLength(exact)).toBe(MAX_DOCUMENT_BYTES);
      writeFileSync(join(dir, 'exact.yaml'), exact);
      writeFileSync(join(dir, 'over.yaml'), `${exact}\n`);
      const ok = await cli(['validate', 'example:budgets.csv', '-s', 'exact.yaml', '-q'], { cwd: dir });
      expect(ok.code).toBe(0);
      const over = await cli(['validate', 'example:budgets.csv', '-s', 'over.yaml'], { cwd: dir });
      expect(over.code).toBe(66);
      expect(over.stderr).toMatch(/^placepool: error: refusing to read over\.yaml: it is larger than 1 MB \(1\.0 MB\), too large for a scenario\n/);
      const stdin = await cli(['run', 'example:budgets.csv', '-s', '-'], { cwd: dir, stdin: `${exact}\n` });
      expect(stdin.code).toBe(66);
      expect(stdin.stderr).toMatch(/^placepool: error: refusing to read <stdin>: it is larger than 1 MB, too large for a scenario\n/);
    });
  });
});

describe('huge rows and cells in budgets', () => {
  it('5 MB with no line break: one located problem, not the whole file in memory or in the message', async () => {
    const r = await cli(['validate', '-'], { stdin: Buffer.alloc(5 * 1024 * 1024, 0x61) });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(
      'placepool: error: <stdin>:1:1: this row is longer than 1,000,000 characters\n' +
        '    A budgets row is a few dozen characters: a quote may be left open here (close it), or this is not a budgets file.\n',
    );
  });

  it('a quote left open near the top of a large file is located where the row starts', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `X,2025,health,Service ${i},reactive,1`);
    const text = `place,year,silo,service,stage,amount\nX,2025,health,"Open,reactive,1\n${rows.join('\n')}\n`;
    const r = await cli(['validate', '-'], { stdin: text });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/^placepool: error: 2 problems in <stdin>:\n {2}<stdin>:2:4: this row is longer than 1,000,000 characters\n {6}A budgets row is a few dozen characters: a quote may be left open here/);
    // the parser gives up after such a row: the lines it did not read are named, not passed over in silence
    expect(r.stderr).toMatch(/<stdin>:\d+: lines \d+ to 60002 were not read: the broken quote on line 2 stopped the reader\n {6}Mend line 2 and run again/);
  });

  it('a message quoting a huge header cell is cut short', async () => {
    const header = `${'x'.repeat(200_000)},year,silo,service,stage,amount`;
    const r = await cli(['validate', '-'], { stdin: `${header}\na,2025,health,b,reactive,1\n` });
    expect(r.code).toBe(65);
    expect(r.stderr.length).toBeLessThan(2500);
    expect(r.stderr).toMatch(/\.\.\. \([\d,]+ more characters\)/);
  });
});

describe('workbooks too large to open', () => {
  it('a workbook whose sheet unpacks to 200 MB is refused before it is opened', async () => {
    const r = await cli(['validate', 'test/fixtures/hardening/xlsx/unpacks-too-large.xlsx']);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(
      'placepool: error: test/fixtures/hardening/xlsx/unpacks-too-large.xlsx: the workbook is 200 MB when unpacked, more than the 100 MB placepool opens (about 300,000 rows)\n' +
        '    Save the budgets sheet as "CSV UTF-8": placepool reads CSV files of up to 128 MB.\n',
    );
  });
});

describe('simulate with values too large for floating point', () => {
  it('cannot be asked for: a money value beyond £1,000 trillion is refused (test/uncertainty/overflow.test.ts simulates one directly)', async () => {
    for (const command of ['simulate', 'run']) {
      const r = await cli([command, 'example:budgets.csv', '-s', 'test/fixtures/hardening/warnings/overflow.yaml', '-f', 'csv']);
      expect(r.code).toBe(65);
      expect(r.stderr).toContain('`avoided_cost_per_success.social_care` is 1e308, outside its valid range: from £0 to £1,000 trillion');
    }
  });
});
