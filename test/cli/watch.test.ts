// `--watch`: the real binary, run on copies of the example's files; the scenario is edited (well, then badly,
// then well again) and each new report (or error) is read as it comes. Generous time bounds: within 20 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchedPaths } from '../../src/cli/watch.js';
import { BIN, ROOT, cli } from '../helpers/cli.js';
import { scratch } from '../hardening/helpers.js';

const EXAMPLE = join(ROOT, 'fixtures', 'example');
const { dir, cleanup } = scratch('placepool-watch-');
afterAll(cleanup);

/** Collects a stream's text; `until` resolves when it holds a match (from `from` on), or rejects after 20 s. */
class Stream {
  text = '';
  private waiters: (() => void)[] = [];
  constructor(stream: NodeJS.ReadableStream) {
    stream.setEncoding('utf8');
    stream.on('data', (s: string) => {
      this.text += s;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  until(pattern: RegExp, from = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not seen within 20 s: ${pattern}\n${this.text}`)), 20_000);
      const check = (): void => {
        const m = pattern.exec(this.text.slice(from));
        if (m) {
          clearTimeout(timer);
          resolve(from + m.index + m[0].length);
        } else this.waiters.push(check);
      };
      check();
    });
  }
}

function ended(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('--watch', () => {
  it('watches the budgets and scenario files given (not stdin or the bundled example), once each', () => {
    expect(watchedPaths(['b.csv', 'a.yaml', 'b.csv'])).toEqual(['b.csv', 'a.yaml']);
    expect(watchedPaths(['book.xlsx#Budgets', undefined, '-', 'example:whole-place.yaml'], ['costs.csv'])).toEqual(['book.xlsx', 'costs.csv']);
  });

  it('refuses to watch only standard input', async () => {
    const r = await cli(['run', '-', '-s', 'example:whole-place.yaml', '--watch'], { stdin: readFileSync(join(EXAMPLE, 'budgets.csv')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--watch has no input file to watch/);
  });

  it('runs again when the scenario is saved, shows a broken edit and waits, and stops on Ctrl-C', async () => {
    copyFileSync(join(EXAMPLE, 'budgets.csv'), join(dir, 'budgets.csv'));
    const scenario = join(dir, 'pool.yaml');
    const text = readFileSync(join(EXAMPLE, 'whole-place.yaml'), 'utf8');
    writeFileSync(scenario, text);
    const child = spawn(process.execPath, [BIN, 'run', 'budgets.csv', '-s', 'pool.yaml', '--watch', '-f', 'csv', '-q'], {
      cwd: dir,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = ended(child);
    const out = new Stream(child.stdout!);
    const err = new Stream(child.stderr!);
    try {
      let seen = await err.until(/watching budgets\.csv, pool\.yaml for changes/);
      expect(out.text).toMatch(/Whole-place pool/);
      expect(out.text).not.toMatch(/Edited pool/);

      writeFileSync(scenario, text.replace(/^name: .*$/m, 'name: Edited pool'));
      await out.until(/Edited pool/);
      seen = await err.until(/watching/, seen);

      // a broken edit: its error, and no report; the watch goes on
      const before = out.text.length;
      writeFileSync(scenario, text.replace(/^name: .*$/m, 'name: [unclosed'));
      seen = await err.until(/placepool: error: .*pool\.yaml/, seen);
      seen = await err.until(/watching/, seen);
      expect(out.text.length).toBe(before);

      writeFileSync(scenario, text.replace(/^name: .*$/m, 'name: Mended pool'));
      await out.until(/Mended pool/, before);
      await err.until(/watching/, seen);
    } finally {
      child.kill('SIGINT');
    }
    // Ctrl-C ends it as any command: by the signal (130 in a shell), with nothing left behind
    expect(await exit).toEqual({ code: null, signal: 'SIGINT' });
    expect(err.text).not.toMatch(/internal error|\n\s+at /);
  }, 90_000);
});
