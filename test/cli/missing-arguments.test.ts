// The first day: every command run with each of its required arguments left out, and with no arguments at all,
// says what is missing and how to add it (a usage error, exit 2), or does what it documents (a bare `run` runs
// the bundled example, a bare `example` writes it); never an internal error (exit 70) or a stack trace.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';
import { cli } from '../helpers/cli.js';
import { STACK_LINE } from '../hardening/helpers.js';

const B = 'fixtures/example/budgets.csv';
const S = 'fixtures/example/whole-place.yaml';
const S2 = 'fixtures/example/cautious-health-care.yaml';
const U = 'fixtures/example/uncertain.yaml';
const M = 'fixtures/example/manifest.yaml';

/** A piece of a command line that the command needs: its words, and what the message must then name. */
interface Piece {
  words: string[];
  missing: RegExp;
}

/** Each command's required pieces, and the rest of a working command line (which no case leaves out). */
const REQUIRED: Record<string, { pieces: Piece[]; rest?: string[]; bare: 'usage' | 'ok' }> = {
  run: {
    pieces: [
      { words: [B], missing: /run needs the budgets the scenario is modelled on.*\n.*placepool example DIR/ },
      { words: ['-s', S], missing: /run needs a scenario as well as the budgets: add -s SCENARIO\n.*placepool example DIR/ },
    ],
    bare: 'ok',
  },
  baseline: { pieces: [{ words: [B], missing: /missing required argument 'budgets'\n.*placepool example DIR/ }], bare: 'usage' },
  validate: { pieces: [{ words: [B], missing: /missing required argument 'budgets'\n.*placepool example DIR/ }], bare: 'usage' },
  compare: {
    pieces: [
      { words: [B], missing: /missing required argument 'budgets'/ },
      { words: ['-s', S, '-s', S2], missing: /required option '-s, --scenario <file>' not specified\n.*-s A\.yaml -s B\.yaml/ },
    ],
    bare: 'usage',
  },
  simulate: {
    pieces: [
      { words: [B], missing: /missing required argument 'budgets'/ },
      { words: ['-s', U], missing: /simulate needs a scenario as well as the budgets: add -s SCENARIO/ },
    ],
    rest: ['--draws', '10'],
    bare: 'usage',
  },
  tornado: {
    pieces: [
      { words: [B], missing: /missing required argument 'budgets'/ },
      { words: ['-s', U], missing: /tornado needs a scenario as well as the budgets: add -s SCENARIO/ },
    ],
    bare: 'usage',
  },
  breakeven: {
    pieces: [
      { words: [B], missing: /missing required argument 'budgets'/ },
      { words: ['-s', S], missing: /breakeven needs a scenario as well as the budgets: add -s SCENARIO/ },
      { words: ['--param', 'integration.efficiency'], missing: /breakeven needs the field to vary: --param PATH/ },
    ],
    bare: 'usage',
  },
  batch: { pieces: [{ words: [M], missing: /missing required argument 'manifest'\n.*placepool example DIR/ }], rest: ['-o', 'out'], bare: 'usage' },
  merge: {
    pieces: [
      { words: ['shard-1'], missing: /missing required argument 'dirs'\n.*--shard K\/N/ },
      { words: ['-o', 'merged'], missing: /required option '-o, --output <dir>' not specified\n.*-o DIR/ },
    ],
    bare: 'usage',
  },
  example: { pieces: [], bare: 'ok' },
  // with no words, costs lists the whole bundled library
  costs: { pieces: [], bare: 'ok' },
  schema: { pieces: [{ words: ['scenario'], missing: /missing required argument 'kind'\n.*placepool schema scenario/ }], bare: 'usage' },
};

const dir = mkdtempSync(join(tmpdir(), 'placepool-missing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function clean(r: { code: number; stderr: string }): void {
  expect(r.code).not.toBe(70);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/internal error/);
}

describe('every command with a required argument missing', () => {
  it('covers every command', () => {
    expect(Object.keys(REQUIRED).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  const cases: [string, string, string[], RegExp][] = [];
  for (const [name, spec] of Object.entries(REQUIRED)) {
    spec.pieces.forEach((piece, i) => {
      const args = [name, ...spec.pieces.filter((_, j) => j !== i).flatMap((p) => p.words), ...(spec.rest ?? [])];
      cases.push([name, piece.words.join(' '), args, piece.missing]);
    });
  }
  it.each(cases)('%s without %s: a usage error saying what to add', async (_name, _missing, args, message) => {
    const r = await cli(args, { cwd: join(process.cwd()) });
    clean(r);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^placepool: usage error: /);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it.each(Object.entries(REQUIRED))('%s with no arguments at all', async (name, spec) => {
    const r = await cli([name, ...(name === 'run' ? ['-q'] : [])], { cwd: dir });
    clean(r);
    if (spec.bare === 'usage') {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^placepool: usage error: (missing required argument|required option)/);
      expect(r.stdout).toBe('');
    } else {
      expect(r.code, r.stderr).toBe(0);
    }
    if (name === 'example') expect(readdirSync(join(dir, 'placepool-example'))).toContain('budgets.csv');
    if (name === 'run') expect(r.stdout).toMatch(/Lambridge/);
  });

  it('a bare run says on stderr that it runs the bundled example', async () => {
    const r = await cli(['run', '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/running the bundled example .*placepool example DIR/);
  });
});
