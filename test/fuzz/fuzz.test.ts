// Fuzzing (issue 7, item 7): random bytes and random mutations of the valid example budgets, scenarios and a
// batch manifest only ever give success or a typed, located error (exit 65 with the file and line; 66 only
// when a mutated manifest names a file that does not exist), never an internal error (70), an uncaught
// exception or a stack trace. In-process through cli() for speed.
//
// Case counts: a bounded number in the normal suite; `npm run fuzz` sets PLACEPOOL_FUZZ_RUNS=20000 for a long
// run (each property then runs that many cases). A failure prints fast-check's seed and the shrunk input;
// rerun it with PLACEPOOL_FUZZ_SEED=<seed> PLACEPOOL_FUZZ_PATH=<path>.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli, ROOT, type CliResult } from '../helpers/cli.js';
import { scratch } from '../hardening/helpers.js';

const LONG = Number(process.env.PLACEPOOL_FUZZ_RUNS ?? 0);
/** cases for a property: its CI count, or PLACEPOOL_FUZZ_RUNS when set */
const runs = (ci: number): number => (Number.isInteger(LONG) && LONG > 0 ? LONG : ci);
const SEED = process.env.PLACEPOOL_FUZZ_SEED === undefined ? {} : { seed: Number(process.env.PLACEPOOL_FUZZ_SEED) };
const PATH = process.env.PLACEPOOL_FUZZ_PATH === undefined ? {} : { path: process.env.PLACEPOOL_FUZZ_PATH };
const options = (ci: number): fc.Parameters<unknown> => ({ numRuns: runs(ci), ...SEED, ...PATH, endOnFailure: true });
/** time for a whole property: generous for CI, unbounded for the long run */
const timeout = (ci: number): number => (LONG > 0 ? 24 * 3600_000 : ci);

const read = (p: string): Buffer => readFileSync(join(ROOT, p));
const BUDGETS = read('fixtures/example/budgets.csv');
const SCENARIO = read('fixtures/example/whole-place.yaml');
const UNCERTAIN = read('fixtures/example/uncertain.yaml');
/** the example scenario written as JSON (pretty, one field a line, as an analyst would keep it) */
const JSON_SCENARIO = Buffer.from(`${JSON.stringify(parseYaml(SCENARIO.toString('utf8')), null, 2)}\n`);

// ---------------------------------------------------------------------------------------------------------
// Mutations

/** Byte sequences that trouble parsers: quotes, separators, £ in UTF-8 and in Windows-1252, BOMs, line ends... */
const TOKENS: Buffer[] = [
  '"', ',', "'", '\n', '\r', '\r\n', '\t', ' ', '#', ':', '-', '[', ']', '{', '}', '&a', '*a', '!!str ', '|', '>', '---\n',
  '£', 'e', 'E9', '.', '0', '1e999', '(', ')', '=', '@', 'NaN', '__proto__: 1\n', 'constructor', '\u00a0', '\u2028', '\ufeff',
].map((s) => Buffer.from(s, 'utf8'));
TOKENS.push(Buffer.from([0xa3]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0]), Buffer.from([0xc3]), Buffer.from([0x80]));

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'delete-byte'; at: number }
  | { kind: 'insert'; at: number; token: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; line: number; other: number }
  | { kind: 'prepend-bom' };

const position = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('delete-byte' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, token: fc.nat({ max: TOKENS.length - 1 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('delete-line' as const), line: position }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: position }),
  fc.record({ kind: fc.constant('swap-lines' as const), line: position, other: position }),
  fc.constant({ kind: 'prepend-bom' as const }),
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

function splitLines(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) {
      out.push(buf.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < buf.length) out.push(buf.subarray(start));
  return out;
}

function mutate(input: Buffer, list: readonly Mutation[]): Buffer {
  let buf = Buffer.from(input);
  for (const m of list) {
    const n = buf.length;
    switch (m.kind) {
      case 'flip':
        if (n) buf[m.at % n] = m.byte;
        break;
      case 'delete-byte':
        if (n) buf = Buffer.concat([buf.subarray(0, m.at % n), buf.subarray((m.at % n) + 1)]);
        break;
      case 'insert': {
        const at = m.at % (n + 1);
        buf = Buffer.concat([buf.subarray(0, at), TOKENS[m.token]!, buf.subarray(at)]);
        break;
      }
      case 'truncate':
        buf = buf.subarray(0, m.at % (n + 1));
        break;
      case 'prepend-bom':
        buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
        break;
      default: {
        const lines = splitLines(buf);
        if (lines.length === 0) break;
        const i = m.line % lines.length;
        if (m.kind === 'delete-line') lines.splice(i, 1);
        else if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
        else {
          const j = m.other % lines.length;
          [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        }
        buf = Buffer.concat(lines);
      }
    }
  }
  return buf;
}

// ---------------------------------------------------------------------------------------------------------
// What every outcome must be

const STACK = /^\s+at .+(\(|:\d+:\d+)/m;

/** Exit codes seen by the current property: each property checks that it saw successes and errors both. */
const outcomes = new Map<number, number>();
function expectMix(): void {
  const seen = Object.fromEntries(outcomes);
  outcomes.clear();
  expect(seen[0] ?? 0, `successes among ${JSON.stringify(seen)}`).toBeGreaterThan(0);
  expect(seen[65] ?? 0, `located errors among ${JSON.stringify(seen)}`).toBeGreaterThan(0);
}

/**
 * Success, or a typed error located in the named input: `placepool: error:` then `FILE:LINE[:COLUMN]` (or just
 * `FILE:` for a problem with the whole file, such as an empty one) on the first problem.
 */
function expectTypedOutcome(r: CliResult, file: string, allowed: readonly number[] = [0, 65]): void {
  outcomes.set(r.code, (outcomes.get(r.code) ?? 0) + 1);
  const context = `exit ${r.code}\n${r.stderr}`;
  expect(r.stderr, context).not.toMatch(STACK);
  expect(r.stderr, context).not.toContain('internal error');
  expect(allowed, context).toContain(r.code);
  if (r.code === 0) return;
  expect(r.stdout, 'no partial report on failure').toBe('');
  const errorAt = r.stderr.indexOf('placepool: error: ');
  expect(errorAt, context).toBeGreaterThanOrEqual(0);
  const message = r.stderr.slice(errorAt + 'placepool: error: '.length);
  const lines = message.split('\n');
  // one problem: located on the first line; several: a summary line, then each problem indented
  const first = lines[0]!.endsWith(':') && lines[1]?.startsWith('  ') ? lines[1]!.trim() : lines[0]!;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(first, context).toMatch(new RegExp(`^${escaped}(:\\d+(:\\d+)?)?(#\\S+)?( \\(.*\\))?: \\S`, 's'));
}

// ---------------------------------------------------------------------------------------------------------

beforeEach(() => outcomes.clear());

describe('budgets', () => {
  it(
    `${runs(120)} random corruptions of the example budgets: success or a located error (65)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(mutations, async (list) => {
          const bytes = mutate(BUDGETS, list);
          const r = await cli(['validate', '-', '-q'], { stdin: bytes });
          expectTypedOutcome(r, '<stdin>');
        }),
        options(120),
      );
      expectMix();
    },
    timeout(60_000),
  );

  it(
    `${runs(40)} corruptions through baseline (every figure computed): success or a located error`,
    async () => {
      await fc.assert(
        fc.asyncProperty(mutations, async (list) => {
          const r = await cli(['baseline', '-', '-f', 'csv', '--layout', 'long', '-q'], { stdin: mutate(BUDGETS, list) });
          expectTypedOutcome(r, '<stdin>');
          if (r.code === 0) expect(r.stdout.startsWith('place,year,silo,stage,amount\n')).toBe(true);
        }),
        options(40),
      );
      expectMix();
    },
    timeout(60_000),
  );

  it(
    `${runs(60)} random byte strings: a located error (65), never a crash`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
          const r = await cli(['validate', '-', '-q'], { stdin: Buffer.from(bytes) });
          expectTypedOutcome(r, '<stdin>');
        }),
        options(60),
      );
    },
    timeout(60_000),
  );

  it(
    `${runs(30)} random workbooks-that-are-not (bytes named .xlsx): a located error, never a crash`,
    async () => {
      const { dir, cleanup } = scratch();
      try {
        const good = readFileSync(join(ROOT, 'test', 'fixtures', 'xlsx', 'hand-budgets.xlsx'));
        await fc.assert(
          fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)), mutations.map((list) => mutate(good, list))), async (bytes) => {
            writeFileSync(join(dir, 'book.xlsx'), bytes);
            const r = await cli(['validate', 'book.xlsx', '-q'], { cwd: dir });
            expectTypedOutcome(r, 'book.xlsx');
          }),
          options(30),
        );
      } finally {
        cleanup();
      }
    },
    timeout(60_000),
  );
});

describe('scenarios', () => {
  it(
    `${runs(100)} random corruptions of the example scenario through run: success or a located error (65)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(mutations, async (list) => {
          const r = await cli(['run', 'example:budgets.csv', '-s', '-', '-f', 'csv', '-q'], { stdin: mutate(SCENARIO, list) });
          expectTypedOutcome(r, '<stdin>');
        }),
        options(100),
      );
      expectMix();
    },
    timeout(90_000),
  );

  it(
    `${runs(60)} scenarios with edge values in their numbers (0, 1, 1e-12, 1e15, 100, 101, -0.5, ...) through run, simulate, tornado and breakeven: success or a located error`,
    async () => {
      const text = UNCERTAIN.toString('utf8');
      // every number written in the scenario (outside comments), as [start, end) offsets
      const numbers: [number, number][] = [];
      for (const m of text.matchAll(/(?<=[\s:[,{])-?\d+(\.\d+)?(?=[\s,\]}])/g)) {
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        if (!text.slice(lineStart, m.index).includes('#')) numbers.push([m.index, m.index + m[0].length]);
      }
      expect(numbers.length).toBeGreaterThan(40);
      const EDGE = ['0', '1', '0.5', '1e-12', '0.000001', '1e15', '1e30', '99', '100', '101', '-0.5', '-1', '2.5', '0.999999', '1000000'];
      const edits = fc.array(fc.record({ at: fc.nat({ max: numbers.length - 1 }), value: fc.constantFrom(...EDGE) }), { minLength: 1, maxLength: 5 });
      await fc.assert(
        fc.asyncProperty(edits, fc.constantFrom('run', 'simulate', 'tornado', 'breakeven'), async (list, command) => {
          const byStart = new Map(list.map((e) => [numbers[e.at]![0], e] as const));
          let out = '';
          let last = 0;
          for (const [start, end] of numbers) {
            const edit = byStart.get(start);
            if (!edit) continue;
            out += text.slice(last, start) + edit.value;
            last = end;
          }
          out += text.slice(last);
          const args =
            command === 'run'
              ? ['run', 'example:budgets.csv', '-s', '-', '-f', 'csv', '-q']
              : command === 'simulate'
                ? ['simulate', 'example:budgets.csv', '-s', '-', '--draws', '20', '--jobs', '1', '-f', 'csv', '-q']
                : command === 'tornado'
                  ? ['tornado', 'example:budgets.csv', '-s', '-', '-f', 'csv', '-q']
                  : ['breakeven', 'example:budgets.csv', '-s', '-', '--param', 'integration.efficiency', '-f', 'csv', '-q'];
          const r = await cli(args, { stdin: out });
          expectTypedOutcome(r, '<stdin>');
        }),
        options(60),
      );
      expectMix();
    },
    timeout(120_000),
  );

  it(
    `${runs(40)} corruptions of a JSON scenario: success or a located error (65)`,
    async () => {
      const { dir, cleanup } = scratch();
      try {
        await fc.assert(
          fc.asyncProperty(mutations, async (list) => {
            writeFileSync(join(dir, 's.json'), mutate(JSON_SCENARIO, list));
            const r = await cli(['validate', join(ROOT, 'fixtures/example/budgets.csv'), '-s', 's.json', '-q'], { cwd: dir });
            expectTypedOutcome(r, 's.json');
          }),
          options(40),
        );
      } finally {
        cleanup();
      }
    },
    timeout(60_000),
  );

  it(
    `${runs(25)} corruptions of the uncertain scenario through simulate: success or a located error (65)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(mutations, async (list) => {
          const r = await cli(['simulate', 'example:budgets.csv', '-s', '-', '--draws', '20', '--jobs', '1', '-f', 'csv', '-q'], { stdin: mutate(UNCERTAIN, list) });
          expectTypedOutcome(r, '<stdin>');
        }),
        options(25),
      );
      expectMix();
    },
    timeout(90_000),
  );

  it(
    `${runs(40)} random byte strings as a scenario: a located error (65)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 1500 }), async (bytes) => {
          const r = await cli(['validate', 'example:budgets.csv', '-s', '-', '-q'], { stdin: Buffer.from(bytes) });
          expectTypedOutcome(r, '<stdin>');
        }),
        options(40),
      );
    },
    timeout(60_000),
  );
});

describe('batch manifests', () => {
  let dir: string;
  let cleanup: () => void;
  const MANIFEST = Buffer.from(
    [
      'budgets: budgets.csv',
      'scenarios: [family.yaml]',
      'places: [Southmere]',
      'sweep:',
      '  investment.reinvest: [0, 0.5]',
      'simulate: { draws: 20, seed: 7 }',
      'expect:',
      '  npv_cashable: ">= 0"',
      '  payback_t: "<= 8"',
      '',
    ].join('\n'),
  );
  beforeAll(() => {
    ({ dir, cleanup } = scratch());
    copyFileSync(join(ROOT, 'test/fixtures/batch/budgets.csv'), join(dir, 'budgets.csv'));
    copyFileSync(join(ROOT, 'test/fixtures/batch/scenarios/family.yaml'), join(dir, 'family.yaml'));
    mkdirSync(join(dir, 'out'));
  });
  afterAll(() => cleanup());

  it('the base manifest is valid', async () => {
    writeFileSync(join(dir, 'm.yaml'), MANIFEST);
    const r = await cli(['batch', 'm.yaml', '-o', 'out', '--jobs', '1', '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
  });

  it(
    `${runs(40)} random corruptions of a manifest: success, an unmet expectation (1), a located error (65), or a missing file named (66)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(mutations, async (list) => {
          writeFileSync(join(dir, 'm.yaml'), mutate(MANIFEST, list));
          const r = await cli(['batch', 'm.yaml', '-o', 'out', '--jobs', '1', '-q'], { cwd: dir });
          if (r.code === 1) {
            expect(r.stderr).toMatch(/^placepool: error: \d+ of \d+ runs? did not meet the manifest's expectations/);
            return;
          }
          if (r.code === 66) expect(r.stderr).toMatch(/^placepool: error: m\.yaml:\d+:\d+ \([^)]*\): cannot open /);
          expectTypedOutcome(r, 'm.yaml', [0, 65, 66]);
        }),
        options(40),
      );
    },
    timeout(120_000),
  );
});
