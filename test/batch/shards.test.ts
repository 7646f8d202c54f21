// Worker threads, shards and merge, through the built binary (a worker thread cannot load the .ts sources).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../helpers/cli.js';

const MANIFEST = 'test/fixtures/batch/manifest.yaml';
const FILES = ['runs.csv', 'yearly.csv', 'summary.md', 'summary.xlsx', 'batch.json'];
const work = mkdtempSync(join(tmpdir(), 'placepool-shards-'));
const at = (name: string) => join(work, name);

function expectSameFolder(a: string, b: string): void {
  for (const f of FILES) expect([f, readFileSync(join(a, f)).equals(readFileSync(join(b, f)))]).toEqual([f, true]);
}

beforeAll(() => {
  // the reference: the whole batch, in this thread
  const one = cliProcess(['batch', MANIFEST, '--jobs', '1', '-o', at('jobs1'), '-q']);
  expect(one.code).toBe(1);
  for (let k = 1; k <= 3; k++) {
    const r = cliProcess(['batch', MANIFEST, '--shard', `${k}/3`, '--jobs', '1', '-o', at(`shard${k}`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^placepool: batch of 2 scenarios x 4 sweep points x 3 places = 24 runs; shard ${k}/3\n[^]*\n8 runs, \\d+ failed expectations, written to `));
  }
});

describe('worker threads', () => {
  it('--jobs 2 writes the same files as --jobs 1', () => {
    const r = cliProcess(['batch', MANIFEST, '--jobs', '2', '-o', at('jobs2')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`24 runs, 25 failed expectations, written to ${at('jobs2')}\n`);
    expectSameFolder(at('jobs1'), at('jobs2'));
  });

  it('a simulated batch on worker threads is the same as on one thread', () => {
    const m = 'test/fixtures/batch/simulated.yaml';
    expect(cliProcess(['batch', m, '--jobs', '1', '-o', at('sim1'), '-q']).code).toBe(1);
    expect(cliProcess(['batch', m, '--jobs', '2', '-o', at('sim2'), '-q']).code).toBe(1);
    expectSameFolder(at('sim1'), at('sim2'));
  });

  it('a shard on worker threads is the same as on one thread', () => {
    const r = cliProcess(['batch', MANIFEST, '--shard', '2/3', '--jobs', '2', '-o', at('shard2-jobs2'), '-q']);
    expect(r.code).toBe(1);
    expectSameFolder(at('shard2'), at('shard2-jobs2'));
  });
});

describe('shards', () => {
  it('hold the runs with (run_id - 1) mod N = K - 1', () => {
    for (let k = 1; k <= 3; k++) {
      const ids = readFileSync(join(at(`shard${k}`), 'runs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
      expect(ids).toEqual([k, k + 3, k + 6, k + 9, k + 12, k + 15, k + 18, k + 21]);
    }
    expect(JSON.parse(readFileSync(join(at('shard2'), 'batch.json'), 'utf8'))).toMatchObject({ shard: { k: 2, n: 3 }, runs_total: 24, runs: 8 });
  });

  it('merge, in any order, into the unsharded files byte for byte', async () => {
    const r = await cli(['merge', at('shard3'), at('shard1'), at('shard2'), '-o', at('merged')]);
    expect(r.code).toBe(1); // the batch's expectations failed: merge says so too
    expect(r.stderr).toBe(
      `24 runs, 25 failed expectations, written to ${at('merged')}\n` +
        "placepool: error: 13 of 24 runs did not meet the manifest's expectations\n" +
        `    See ${at('merged')}/summary.md, and the \`expectations\` column of ${at('merged')}/runs.csv.\n`,
    );
    expectSameFolder(at('jobs1'), at('merged'));
  });

  it('merge more shards than runs (empty shards included)', () => {
    const dirs: string[] = [];
    const m = at('tiny.yaml');
    writeFileSync(m, `budgets: ${process.cwd()}/test/fixtures/batch/budgets.csv\nscenarios: [${process.cwd()}/test/fixtures/batch/scenarios/cautious.yaml]\nplaces: [Southmere, Northbrook]\n`);
    for (let k = 1; k <= 3; k++) {
      const r = cliProcess(['batch', m, '--shard', `${k}/3`, '-o', at(`tiny${k}`), '-q']);
      expect(r.code).toBe(0);
      dirs.push(at(`tiny${k}`));
    }
    expect(readFileSync(join(at('tiny3'), 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(1); // header only
    const whole = cliProcess(['batch', m, '-o', at('tiny'), '-q']);
    expect(whole.code).toBe(0);
    const merged = cliProcess(['merge', ...dirs, '-o', at('tiny-merged'), '-q']);
    expect(merged.code).toBe(0);
    expectSameFolder(at('tiny'), at('tiny-merged'));
  });
});

describe('merge refuses what is not one complete batch', () => {
  function copy(from: string, to: string): string {
    rmSync(at(to), { recursive: true, force: true });
    cpSync(at(from), at(to), { recursive: true });
    return at(to);
  }

  it('a missing shard', async () => {
    const r = await cli(['merge', at('shard1'), at('shard3'), '-o', at('m1')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/shard 2\/3 is missing: a merge needs all 3 shards/);
  });

  it('a shard given twice', async () => {
    const r = await cli(['merge', at('shard1'), at('shard2'), at('shard2-jobs2'), at('shard3'), '-o', at('m2')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${at('shard2-jobs2')} and ${at('shard2')} are both shard 2/3`);
  });

  it('shards of another split', async () => {
    const r = cliProcess(['batch', MANIFEST, '--shard', '1/2', '-o', at('half1'), '-q']);
    expect(r.code).toBe(1);
    const m = await cli(['merge', at('shard1'), at('shard2'), at('half1'), '-o', at('m3')]);
    expect(m.code).toBe(65);
    expect(m.stderr).toContain(`${at('half1')} is shard 1/2, but ${at('shard1')} is shard 1/3`);
  });

  it('shards of another manifest', async () => {
    const other = copy('shard2', 'other2');
    const record = JSON.parse(readFileSync(join(other, 'batch.json'), 'utf8'));
    record.manifest.sha256 = 'f'.repeat(64);
    writeFileSync(join(other, 'batch.json'), JSON.stringify(record));
    const r = await cli(['merge', at('shard1'), other, at('shard3'), '-o', at('m4')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${other}/batch.json: ${other} was made from another manifest than ${at('shard1')}`);
  });

  it('a shard whose batch did not finish (no batch.json)', async () => {
    const unfinished = copy('shard3', 'unfinished3');
    rmSync(join(unfinished, 'batch.json'));
    const r = await cli(['merge', at('shard1'), at('shard2'), unfinished, '-o', at('m5')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${unfinished} holds no batch.json, so it is not a finished batch folder`);
  });

  it('a shard whose files were changed afterwards, leaving no merged files', async () => {
    const edited = copy('shard2', 'edited2');
    const yearly = readFileSync(join(edited, 'yearly.csv'), 'utf8');
    writeFileSync(join(edited, 'yearly.csv'), yearly.replace(/,baseline_spend,(\d)/, ',baseline_spend,9$1'));
    const r = await cli(['merge', at('shard1'), edited, at('shard3'), '-o', at('m6')]);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${edited}/yearly.csv has been changed since the batch wrote it`);
    expect(() => readFileSync(join(at('m6'), 'runs.csv'))).toThrow();
  });

  it('a folder that does not exist (exit 66), and an output folder that is a shard (exit 2)', async () => {
    const gone = await cli(['merge', at('nowhere'), '-o', at('m7')]);
    expect(gone.code).toBe(66);
    expect(gone.stderr).toContain(`cannot open the shard folder ${at('nowhere')}: no such folder`);
    const over = await cli(['merge', at('shard1'), at('shard2'), at('shard3'), '-o', at('shard1')]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('is also a shard folder');
  });
});
