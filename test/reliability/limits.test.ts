// Issue 16, crashes (items 7-10): limits said before the work, never a V8 crash or an internal error.
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../src/io/input.js';
import { workerLimit } from '../../src/workers.js';
import { BIN, cli, cliProcess } from '../helpers/cli.js';
import { EXAMPLE, manyPlacesBudgets, scratch, STACK_LINE } from '../hardening/helpers.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = scratch('placepool-reliab-limits-'));
  cpSync(EXAMPLE, dir, { recursive: true });
});
afterAll(() => cleanup());

/** Run the binary under a shell's `ulimit`; undefined when the shell cannot set that limit here. */
function underUlimit(limit: string, args: string[]): { code: number; stderr: string } | undefined {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const r = spawnSync('bash', ['--norc', '-c', `ulimit ${limit} || exit 99; "${process.execPath}" "${BIN}" ${quoted}`], { cwd: dir, env: { PATH: process.env.PATH } });
  if (r.status === 99) return undefined;
  return { code: r.status ?? -1, stderr: r.stderr.toString() };
}

describe('inputs are refused above the limit the memory allows (item 7)', () => {
  it('is 128 MB, said before reading', () => {
    expect(MAX_INPUT_BYTES).toBe(128 * 1024 ** 2);
  });
});

describe('simulate refuses draws that would not fit in memory (item 8)', () => {
  it('50 places x 1,000,000 draws: a usage error with the draws that fit, before the first draw', async () => {
    writeFileSync(join(dir, 'many.csv'), manyPlacesBudgets(50));
    const r = await cli(['simulate', 'many.csv', '-s', 'uncertain.yaml', '--draws', '1000000', '--jobs', '1'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^placepool: usage error: 1,000,000 draws of 100 places and all places would hold \d+\.\d GB of draws; at most 2\.0 GB is allowed\n {4}Use --draws \d+ or fewer, or fewer places \(--place\)\.\n$/);
  });
});

describe('worker threads are bounded by cores and memory (item 10)', () => {
  it('--jobs above the cores is lowered, with a warning', async () => {
    const r = await cli(['batch', 'manifest.yaml', '--jobs', '1024', '-o', 'b1024'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--jobs 1024 is more threads than can run here (${workerLimit().why}): using ${workerLimit().jobs}`);
  });

  it('--jobs 12 under a virtual-memory limit runs (fewer threads), with no V8 crash', () => {
    const r = underUlimit('-v 4000000', ['simulate', 'budgets.csv', '-s', 'uncertain.yaml', '--draws', '20000', '--jobs', '12', '-f', 'csv', '-o', 'sim.csv']);
    if (!r) return; // no ulimit -v here
    expect(r.stderr).not.toContain('Fatal process OOM');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--jobs 12 is more threads than can run here/);
  });
});

describe('merge (items 6, 9)', () => {
  // forty batch processes, each also loading exceljs to write its summary.xlsx: slow on a busy machine
  beforeAll(() => {
    for (let k = 1; k <= 40; k++) expect(cliProcess(['batch', 'manifest.yaml', '--shard', `${k}/40`, '--jobs', '1', '-o', `s${k}`, '-q'], { cwd: dir }).code).toBeLessThan(2);
  }, 300_000);

  it('more shards than open-file slots is one clear message (exit 66), and no output folder', () => {
    const shards = Array.from({ length: 40 }, (_, i) => `s${i + 1}`);
    // 40 slots: Node itself holds about 20, and its module loader opens the build's chunks side by side (below
    // about 32 it cannot load merge's code: docs/errors.md)
    const r = underUlimit('-n 40', ['merge', ...shards, '-o', 'merged-emfile']);
    if (!r) return;
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/^placepool: error: cannot open s\d+\/(runs|yearly)\.csv: too many open files \(merging 40 shards keeps 80 files open at once\)\n {4}Raise the limit of open files \(`ulimit -n 144`\), or split the batch into fewer shards\.\n$/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(spawnSync('test', ['-e', join(dir, 'merged-emfile')]).status).not.toBe(0);
  });

  it('all 40 merge with enough slots', async () => {
    const r = await cli(['merge', ...Array.from({ length: 40 }, (_, i) => `s${i + 1}`), '-o', 'merged-40', '-q'], { cwd: dir });
    expect(r.code).toBe(1);
  });
});

