// Files (issue 7, item 4): reports are written atomically; a failed run leaves an existing report untouched and
// no partial or temporary file; an input is never overwritten, whatever the spelling of the path; an unwritable
// output exits 73; a closed stdout ends quietly with 0.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/io/output.js';
import { OutputError } from '../../src/errors.js';
import { BIN, cli, cliProcess, ROOT } from '../helpers/cli.js';
import { EXAMPLE, entries, leftovers, manyPlacesBudgets, pipedToHead, scratch, STACK_LINE } from './helpers.js';

let dir: string;
let cleanup: () => void;
const OLD = 'an existing report that must survive\n';

beforeAll(() => {
  ({ dir, cleanup } = scratch());
  for (const f of ['budgets.csv', 'whole-place.yaml', 'uncertain.yaml', 'cautious-health-care.yaml']) copyFileSync(join(EXAMPLE, f), join(dir, f));
  mkdirSync(join(dir, 'out'));
});
afterAll(() => cleanup());

const run = (args: string[], env: Record<string, string> = {}) => cli(args, { cwd: dir, env });

/** Commands that write a report, each with a fresh -o target of the given extension. */
const WRITERS: [string, string[], string][] = [
  ['run csv', ['run', 'budgets.csv', '-s', 'whole-place.yaml'], 'csv'],
  ['run json', ['run', 'budgets.csv', '-s', 'whole-place.yaml'], 'json'],
  ['run md', ['run', 'budgets.csv', '-s', 'whole-place.yaml'], 'md'],
  ['run html', ['run', 'budgets.csv', '-s', 'whole-place.yaml'], 'html'],
  ['run xlsx', ['run', 'budgets.csv', '-s', 'whole-place.yaml'], 'xlsx'],
  ['baseline csv', ['baseline', 'budgets.csv'], 'csv'],
  ['compare csv', ['compare', 'budgets.csv', '-s', 'whole-place.yaml', '-s', 'cautious-health-care.yaml'], 'csv'],
  ['compare xlsx', ['compare', 'budgets.csv', '-s', 'whole-place.yaml', '-s', 'cautious-health-care.yaml'], 'xlsx'],
  ['simulate json', ['simulate', 'budgets.csv', '-s', 'uncertain.yaml', '--draws', '50', '--jobs', '1'], 'json'],
  ['tornado csv', ['tornado', 'budgets.csv', '-s', 'uncertain.yaml'], 'csv'],
  ['breakeven csv', ['breakeven', 'budgets.csv', '-s', 'uncertain.yaml', '--param', 'integration.efficiency'], 'csv'],
  ['validate json', ['validate', 'budgets.csv'], 'json'],
];

describe('every report is written whole, by a rename, with nothing left beside it', () => {
  it.each(WRITERS)('%s', async (name, args, ext) => {
    const sub = join(dir, 'out', name.replace(/\s/g, '-'));
    mkdirSync(sub);
    const target = join(sub, `report.${ext}`);
    writeFileSync(target, OLD);
    const r = await run([...args, '-o', target, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // replaced whole: the old content is gone, the new one is complete
    const written = readFileSync(target);
    expect(written.toString('utf8')).not.toContain(OLD.trim());
    if (ext === 'xlsx') expect(written.subarray(0, 4).toString('hex')).toBe('504b0304');
    if (ext === 'json') expect(() => JSON.parse(written.toString('utf8'))).not.toThrow();
    if (ext === 'csv' || ext === 'md') expect(written.toString('utf8').endsWith('\n')).toBe(true);
    if (ext === 'html') expect(written.toString('utf8').trimEnd().endsWith('</html>')).toBe(true);
    expect(entries(sub)).toEqual([`report.${ext}`]);
  });
});

describe('a failed run leaves an existing report untouched and no partial file', () => {
  const target = (): string => join(dir, 'out', 'kept.csv');
  beforeAll(() => writeFileSync(target(), OLD));

  it('bad budgets (65)', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'place,year,silo,service,stage,amount\nX,2025,health,A,reactive,12abc\n');
    const r = await run(['run', 'bad.csv', '-s', 'whole-place.yaml', '-o', target()]);
    expect(r.code).toBe(65);
    expect(readFileSync(target(), 'utf8')).toBe(OLD);
    expect(leftovers(join(dir, 'out'))).toEqual([]);
  });

  it('a bad scenario (65)', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'name: x\nhorizon: 101\n');
    const r = await run(['run', 'budgets.csv', '-s', 'bad.yaml', '-o', target()]);
    expect(r.code).toBe(65);
    expect(readFileSync(target(), 'utf8')).toBe(OLD);
    expect(leftovers(join(dir, 'out'))).toEqual([]);
  });

  it('an unknown --place (2)', async () => {
    const r = await run(['run', 'budgets.csv', '-s', 'whole-place.yaml', '--place', 'Nowhere', '-o', target()]);
    expect(r.code).toBe(2);
    expect(readFileSync(target(), 'utf8')).toBe(OLD);
  });

  it('a bug while the report is rendered (70)', async () => {
    const json = join(dir, 'out', 'kept.json');
    writeFileSync(json, OLD);
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation(() => {
      throw new TypeError('injected fault');
    });
    let r;
    try {
      r = await run(['run', 'budgets.csv', '-s', 'whole-place.yaml', '-o', json]);
    } finally {
      spy.mockRestore();
    }
    expect(r.code).toBe(70);
    expect(readFileSync(json, 'utf8')).toBe(OLD);
    expect(leftovers(join(dir, 'out'))).toEqual([]);
  });

  it('a failure while the temporary file is written removes it and leaves the target as it was', async () => {
    const sub = join(dir, 'out', 'midwrite');
    mkdirSync(sub);
    const t = join(sub, 'report.csv');
    writeFileSync(t, OLD);
    // content that the file handle refuses part-way: the write throws after the temporary file exists
    const err = await writeFileAtomic(t, { length: 3 } as unknown as Uint8Array).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OutputError);
    expect(readFileSync(t, 'utf8')).toBe(OLD);
    expect(entries(sub)).toEqual(['report.csv']);
  });

  it('batch: a run that fails part-way (run 8 of 8) leaves the output folder as it was, with no temporary files', async () => {
    const out = join(dir, 'batch-midway');
    mkdirSync(out);
    writeFileSync(join(out, 'runs.csv'), OLD);
    const r = await cli(['batch', join(ROOT, 'test/fixtures/batch/bad/combination.yaml'), '-o', out, '--jobs', '2', '-q']);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/run 8 \(Southmere/);
    expect(entries(out)).toEqual(['runs.csv']);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).toBe(OLD);
  });

  it('batch: a manifest that fails leaves the output folder as it was', async () => {
    const out = join(dir, 'batch-out');
    mkdirSync(out);
    writeFileSync(join(out, 'runs.csv'), OLD);
    writeFileSync(join(dir, 'm.yaml'), 'budgets: budgets.csv\nscenarios: [whole-place.yaml]\nexpect: {npv: ">= 0"}\n');
    const r = await run(['batch', 'm.yaml', '-o', out, '-q']);
    expect(r.code).toBe(65);
    expect(entries(out)).toEqual(['runs.csv']);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).toBe(OLD);
  });
});

describe('an input is never overwritten', () => {
  const inputs = (): Record<string, Buffer> => ({
    'budgets.csv': readFileSync(join(dir, 'budgets.csv')),
    'whole-place.yaml': readFileSync(join(dir, 'whole-place.yaml')),
  });
  let before: Record<string, Buffer>;
  beforeAll(() => {
    before = inputs();
    symlinkSync('budgets.csv', join(dir, 'link-to-budgets.csv'));
    mkdirSync(join(dir, 'sub'));
  });

  const cases: [string, string[], string][] = [
    ['the budgets, as given', ['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv'], 'budgets.csv'],
    ['the budgets, as ./budgets.csv', ['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv'], './budgets.csv'],
    ['the budgets, through sub/..', ['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv'], 'sub/../budgets.csv'],
    ['the budgets, by an absolute path', ['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv'], '<abs>/budgets.csv'],
    ['the budgets, through a link to them', ['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv'], 'link-to-budgets.csv'],
    ['the budgets, read through a link', ['run', 'link-to-budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv'], 'budgets.csv'],
    ['the scenario', ['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'json'], 'whole-place.yaml'],
    ['the second scenario of compare', ['compare', 'budgets.csv', '-s', 'uncertain.yaml', '-s', 'whole-place.yaml', '-f', 'csv'], './whole-place.yaml'],
    ['the budgets of baseline', ['baseline', 'budgets.csv', '-f', 'csv'], 'budgets.csv'],
    ['the budgets of validate', ['validate', 'budgets.csv', '-f', 'json'], './budgets.csv'],
    ['the scenario of simulate', ['simulate', 'budgets.csv', '-s', 'whole-place.yaml', '--draws', '5', '-f', 'json'], 'whole-place.yaml'],
    ['the scenario of tornado', ['tornado', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv'], 'whole-place.yaml'],
    ['the budgets of breakeven', ['breakeven', 'budgets.csv', '-s', 'whole-place.yaml', '--param', 'integration.efficiency', '-f', 'csv'], 'budgets.csv'],
  ];
  it.each(cases)('%s: exit 73 before any work (no warnings from the model first), nothing written', async (_name, args, output) => {
    const r = await run([...args, '-o', output.replace('<abs>', dir)]);
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/^placepool: error: refusing to write the report over the input file \S+\n {4}Choose another -o path\.\n$/);
    expect(inputs()).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a CSV whose name contains # is still recognised as the input', async () => {
    copyFileSync(join(dir, 'budgets.csv'), join(dir, 'costs#2.csv'));
    const r = await run(['baseline', 'costs#2.csv', '-f', 'csv', '-o', 'costs#2.csv']);
    expect(r.code).toBe(73);
    expect(readFileSync(join(dir, 'costs#2.csv'))).toEqual(before['budgets.csv']);
  });

  it('a bundled example file (example:NAME) is an input too', async () => {
    const file = join(ROOT, 'fixtures', 'example', 'whole-place.yaml');
    const original = readFileSync(file);
    try {
      const r = await cli(['run', '-f', 'json', '-o', file], { cwd: dir });
      expect(r.code).toBe(73);
      expect(r.stderr).toContain('refusing to write the report over the input file example:whole-place.yaml');
    } finally {
      // never leave the repository's example damaged, whatever happened
      if (!readFileSync(file).equals(original)) writeFileSync(file, original);
    }
    expect(readFileSync(file)).toEqual(original);
  });

  it('batch refuses an output folder that would replace its budgets', async () => {
    const b = join(dir, 'b');
    mkdirSync(b);
    copyFileSync(join(dir, 'budgets.csv'), join(b, 'runs.csv'));
    copyFileSync(join(dir, 'whole-place.yaml'), join(b, 's.yaml'));
    writeFileSync(join(b, 'm.yaml'), 'budgets: runs.csv\nscenarios: [s.yaml]\n');
    const r = await run(['batch', 'b/m.yaml', '-o', 'b', '-q']);
    expect(r.code).toBe(73);
    expect(readFileSync(join(b, 'runs.csv'))).toEqual(before['budgets.csv']);
    expect(entries(b)).toEqual(['m.yaml', 'runs.csv', 's.yaml']);
  });
});

describe('an unwritable output exits 73 with a located message', () => {
  const cases: [string, string, RegExp][] = [
    ['a folder that does not exist', 'no-such-folder/report.csv', /cannot write no-such-folder\/report\.csv: its folder does not exist/],
    ['a path through a file', 'budgets.csv/report.csv', /cannot write budgets\.csv\/report\.csv: a part of its path is a file, not a folder/],
    ['a folder', 'out', /cannot write out: it is a folder/],
    ['a place without permission', '/sys/placepool-report.csv', /cannot write \/sys\/placepool-report\.csv: permission denied/],
  ];
  it.each(cases)('%s', async (_name, output, message) => {
    const r = await run(['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv', '-o', output]);
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Choose a writable -o path.');
    expect(r.stderr).not.toMatch(/\.tmp|ENOTDIR|EACCES/);
    expect(r.stdout).toBe('');
  });

  it('batch into a file exits 73', async () => {
    writeFileSync(join(dir, 'm2.yaml'), 'budgets: budgets.csv\nscenarios: [whole-place.yaml]\n');
    const r = await run(['batch', 'm2.yaml', '-o', 'budgets.csv', '-q']);
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/^placepool: error: cannot (create the output folder|write to) budgets\.csv/);
  });

  it('a long simulation with a missing output folder fails at once, before drawing', async () => {
    // 10,000,000 draws would take minutes: the refusal comes first, with nothing else on stderr
    const r = await run(['simulate', 'budgets.csv', '-s', 'uncertain.yaml', '--draws', '10000000', '-o', 'no-such-folder/p.csv']);
    expect(r.code).toBe(73);
    expect(r.stderr).toBe('placepool: error: cannot write no-such-folder/p.csv: its folder does not exist\n    Choose a writable -o path.\n');
  });

  it('an empty -o name is a usage error', async () => {
    const r = await run(['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv', '-o', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('placepool: usage error: the -o file name is empty\n    Give -o FILE, or leave -o out to write to standard output.\n');
  });

  it('the real binary gives 73 too', () => {
    const r = cliProcess(['run', 'budgets.csv', '-s', 'whole-place.yaml', '-f', 'csv', '-o', 'no-such-folder/x.csv'], { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('a closed stdout (| head -1) ends quietly with 0', () => {
  // Reports larger than a pipe's buffer (64 kB), so that placepool is still writing when head has gone.
  beforeAll(() => writeFileSync(join(dir, 'many.csv'), manyPlacesBudgets(40)));
  const cases: [string, string[]][] = [
    ['run (wide CSV)', ['run', 'many.csv', '-s', 'whole-place.yaml', '-f', 'csv']],
    ['run (table)', ['run', 'many.csv', '-s', 'whole-place.yaml']],
    ['baseline (long CSV)', ['baseline', 'many.csv', '-f', 'csv', '--layout', 'long']],
    ['baseline (table)', ['baseline', 'many.csv']],
    ['compare (long CSV)', ['compare', 'many.csv', '-s', 'whole-place.yaml', '-s', 'uncertain.yaml', '-f', 'csv', '--layout', 'long']],
    ['simulate (long CSV)', ['simulate', 'many.csv', '-s', 'uncertain.yaml', '--draws', '20', '--jobs', '1', '-f', 'csv', '--layout', 'long']],
  ];
  it.each(cases)('%s', (_name, args) => {
    const r = pipedToHead([...args, '-q'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.head.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('the smallest of these reports is more than twice what a pipe holds (so the pipe did close under the writer)', async () => {
    for (const args of [cases[2]![1], cases[4]![1]]) {
      const r = await run([...args, '-q']);
      expect(r.code).toBe(0);
      expect(r.bytes.length).toBeGreaterThan(128 * 1024);
    }
  });
});

describe('an interrupted run leaves no partial or temporary file', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('batch stopped by %s: the folder is as it was, and the process ends by that signal', async (signal) => {
    const work = join(dir, `interrupted-${signal}`);
    mkdirSync(join(work, 'out'), { recursive: true });
    copyFileSync(join(ROOT, 'test/fixtures/batch/budgets.csv'), join(work, 'budgets.csv'));
    copyFileSync(join(ROOT, 'test/fixtures/batch/scenarios/family.yaml'), join(work, 'family.yaml'));
    const values = Array.from({ length: 1000 }, (_, i) => String(i / 1000)).join(', ');
    writeFileSync(join(work, 'm.yaml'), `budgets: budgets.csv\nscenarios: [family.yaml]\nsweep:\n  investment.reinvest: [${values}]\n`);
    writeFileSync(join(work, 'out', 'runs.csv'), OLD);
    const child = spawn(process.execPath, [BIN, 'batch', 'm.yaml', '-o', 'out', '--jobs', '1', '-q'], { cwd: work, env: { PATH: process.env.PATH }, stdio: 'ignore' });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) => child.on('exit', (code, sig) => resolvePromise({ code, signal: sig })));
    // wait until the batch is writing (its temporary files exist), then interrupt it
    let writing = false;
    for (let i = 0; i < 600 && !writing; i++) {
      await new Promise((r) => setTimeout(r, 25));
      writing = leftovers(join(work, 'out')).length > 0;
    }
    expect(writing, 'the batch started writing').toBe(true);
    child.kill(signal);
    const { code, signal: by } = await ended;
    expect(by ?? code).toBe(signal);
    expect(entries(join(work, 'out'))).toEqual(['runs.csv']);
    expect(readFileSync(join(work, 'out', 'runs.csv'), 'utf8')).toBe(OLD);
  });
});
