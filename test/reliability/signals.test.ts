// Issue 16, item 5: Ctrl-C and SIGTERM stop a command at once, even while the main thread computes (no
// JavaScript handler is installed then), with the conventional status in a shell (130, 143) and no file left;
// while a batch's files are pending, the handler removes them and the process still ends by the signal.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interruptHandlerInstalled, trackFolders, trackTemp } from '../../src/io/temps.js';
import { BIN } from '../helpers/cli.js';
import { EXAMPLE, entries, leftovers, manyPlacesBudgets, scratch } from '../hardening/helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = scratch('placepool-reliab-sig-'));
  for (const f of ['whole-place.yaml', 'uncertain.yaml', 'cautious-health-care.yaml']) copyFileSync(join(EXAMPLE, f), join(dir, f));
  // 2,000 places (8 MB): a run, a tornado or a batch over them takes far longer than the bound below
  writeFileSync(join(dir, 'big.csv'), manyPlacesBudgets(1000));
  writeFileSync(
    join(dir, 'big.yaml'),
    'budgets: big.csv\nscenarios: [whole-place.yaml, cautious-health-care.yaml]\nsweep:\n  investment.reinvest: [0, 0.25, 0.5]\n',
  );
});
afterAll(() => cleanup());

interface Stopped {
  /** the status the shell gives the stopped command ($?) */
  status: number;
  /** seconds from the signal to the end */
  seconds: number;
}

/**
 * Start `placepool ARGS` from a shell, wait until `ready()` holds (and `settle` ms more), send `signal`, and
 * tell the status the shell sees and how long the command took to end.
 */
function interrupt(args: string[], signal: 'SIGINT' | 'SIGTERM', ready: () => boolean = () => true, settle = 1500): Promise<Stopped> {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const shell = spawn('bash', ['--norc', '-c', `"${process.execPath}" "${BIN}" ${quoted} & echo "$!" > pid; wait "$!"; echo "status $?"`], {
    cwd: dir,
    env: { PATH: process.env.PATH },
  });
  let out = '';
  shell.stdout.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((resolve, reject) => {
    let sentAt = 0;
    const started = Date.now();
    const poll = setInterval(() => {
      if (sentAt || !existsSync(join(dir, 'pid')) || !ready()) {
        if (Date.now() - started > 60_000) reject(new Error('the command never got ready'));
        return;
      }
      clearInterval(poll);
      setTimeout(() => {
        sentAt = Date.now();
        process.kill(Number(readFileSync(join(dir, 'pid'), 'utf8')), signal);
      }, settle);
    }, 50);
    shell.on('close', () => {
      clearInterval(poll);
      const m = /status (\d+)/.exec(out);
      if (!m || !sentAt) return reject(new Error(`the command ended by itself: ${out}`));
      resolve({ status: Number(m[1]), seconds: (Date.now() - sentAt) / 1000 });
    });
  });
}

const noLeftovers = (): string[] => leftovers(dir).filter((n) => n !== '.' && n !== 'pid');

describe('a signal stops the command while it computes (item 5)', () => {
  it('Ctrl-C stops a run over 2,000 places (reading and the exact engine): status 130, no file', async () => {
    const r = await interrupt(['run', 'big.csv', '-s', 'whole-place.yaml', '-q', '-f', 'csv', '-o', 'run.csv'], 'SIGINT');
    expect(r.status).toBe(130);
    expect(r.seconds).toBeLessThan(10);
    expect(existsSync(join(dir, 'run.csv'))).toBe(false);
    expect(noLeftovers()).toEqual([]);
  }, 90_000);

  it('SIGTERM stops a tornado over 2,000 places: status 143, no file', async () => {
    const r = await interrupt(['tornado', 'big.csv', '-s', 'uncertain.yaml', '-q', '-f', 'csv', '-o', 'tornado.csv'], 'SIGTERM');
    expect(r.status).toBe(143);
    expect(r.seconds).toBeLessThan(10);
    expect(existsSync(join(dir, 'tornado.csv'))).toBe(false);
    expect(noLeftovers()).toEqual([]);
  }, 90_000);

  it('SIGTERM stops a batch on the main thread while its files are pending: status 143, and its folder is gone', async () => {
    const out = join(dir, 'results', 'deep');
    const r = await interrupt(['batch', 'big.yaml', '--jobs', '1', '-q', '-o', 'results/deep'], 'SIGTERM', () => existsSync(join(out, '.placepool.lock')), 500);
    expect(r.status).toBe(143);
    expect(r.seconds).toBeLessThan(10);
    // the temporary files, the lock and the folders the batch made are all removed
    expect(existsSync(join(dir, 'results'))).toBe(false);
    expect(noLeftovers()).toEqual([]);
  }, 90_000);

  it('Ctrl-C stops a batch in the same way: status 130', async () => {
    const out = join(dir, 'results2');
    const r = await interrupt(['batch', 'big.yaml', '--jobs', '1', '-q', '-o', 'results2'], 'SIGINT', () => existsSync(join(out, '.placepool.lock')), 500);
    expect(r.status).toBe(130);
    expect(r.seconds).toBeLessThan(10);
    expect(existsSync(out)).toBe(false);
    expect(entries(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 90_000);
});

describe('the interruption handler is there only while files are pending', () => {
  it('is not installed by tracking in a process that does not handle interruptions (the tests)', () => {
    const untrack = trackTemp(join(dir, '.never.tmp'));
    const unfold = trackFolders([join(dir, 'never')]);
    expect(interruptHandlerInstalled()).toBe(false);
    untrack();
    unfold();
  });
});
