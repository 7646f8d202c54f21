// Issue 16, data loss (items 1-3, 15, 18, 20): a report to something that is not a regular file is written in
// place, never replaced by a rename; an input is recognised by its identity (device and inode), stdin included;
// a batch folder is locked while written, and a batch, merge or example that fails leaves the place as it was.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/batch/files.js';
import { BIN, cli, cliProcess, ROOT } from '../helpers/cli.js';
import { EXAMPLE, leftovers, scratch } from '../hardening/helpers.js';

let dir: string;
let cleanup: () => void;
const ROOT_USER = process.getuid?.() === 0;

beforeAll(() => {
  ({ dir, cleanup } = scratch('placepool-reliab-out-'));
  for (const f of ['budgets.csv', 'whole-place.yaml', 'manifest.yaml', 'cautious-health-care.yaml']) copyFileSync(join(EXAMPLE, f), join(dir, f));
});
afterAll(() => cleanup());

const RUN = ['run', 'budgets.csv', '-s', 'whole-place.yaml', '-q'];
const bin = (args: string[], stdio: ('pipe' | 'ignore' | number)[] = ['ignore', 'pipe', 'pipe']) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: dir, stdio, env: { PATH: process.env.PATH }, maxBuffer: 64 * 1024 * 1024 });

describe('-o onto a device, a pipe or an open file writes it in place (item 1)', () => {
  it('-o /dev/null keeps the device and exits 0', () => {
    const r = bin([...RUN, '--format', 'csv', '-o', '/dev/null']);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((n) => n.startsWith('.null.'))).toEqual([]);
  });

  it('-o /dev/full is a full disk: exit 73, and the device stays', () => {
    if (!existsSync('/dev/full')) return;
    const r = bin([...RUN, '--format', 'csv', '-o', '/dev/full']);
    expect(r.status).toBe(73);
    expect(r.stderr.toString()).toBe('placepool: error: cannot write /dev/full: the disk is full\n    Choose a writable -o path.\n');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('-o a link to /proc/self/fd/1 (what /dev/stdout is) writes stdout and keeps the link', () => {
    const link = join(dir, 'stdout-link.csv');
    symlinkSync('/proc/self/fd/1', link);
    const r = bin([...RUN, '-o', link]);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toMatch(/^place,/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('-o /dev/stdout and -o /dev/fd/1 write stdout', () => {
    for (const target of ['/dev/stdout', '/dev/fd/1']) {
      const r = bin([...RUN, '--format', 'csv', '-o', target]);
      expect(r.stderr.toString()).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.toString()).toMatch(/^place,/);
    }
  });

  it('-o FIFO keeps the pipe, and its reader gets the report', async () => {
    const fifo = join(dir, 'pipe.csv');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo here
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (c: Buffer) => (got += c.toString()));
    const done = new Promise((res) => reader.on('close', res));
    const r = await cli([...RUN, '-o', fifo], { cwd: dir });
    await done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(got).toMatch(/^place,/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('-o a link to a regular file replaces the file and keeps the link', async () => {
    writeFileSync(join(dir, 'real.csv'), 'old\n');
    symlinkSync('real.csv', join(dir, 'link.csv'));
    const r = await cli([...RUN, '-o', 'link.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toMatch(/^place,/);
  });
});

describe('an input is known by its identity, not its path (item 2)', () => {
  it('refuses -o the file stdin is redirected from', () => {
    const before = readFileSync(join(dir, 'budgets.csv'));
    const fd = openSync(join(dir, 'budgets.csv'), 'r');
    try {
      const r = bin(['run', '-', '-s', 'whole-place.yaml', '-o', 'budgets.csv'], [fd, 'pipe', 'pipe']);
      expect(r.status).toBe(73);
      expect(r.stderr.toString()).toBe('placepool: error: refusing to write the report over the input file read from standard input (-)\n    Choose another -o path.\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(join(dir, 'budgets.csv')).equals(before)).toBe(true);
  });

  it('refuses -o a hard link to an input', async () => {
    linkSync(join(dir, 'budgets.csv'), join(dir, 'hard.csv'));
    const r = await cli([...RUN, '-o', 'hard.csv'], { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('refusing to write the report over the input file budgets.csv');
    expect(statSync(join(dir, 'hard.csv')).nlink).toBe(2);
  });

  it('refuses -o through a second path to the input\'s folder (a link to it, as a bind mount is)', async () => {
    symlinkSync(dir, join(dir, 'again'));
    const r = await cli([...RUN, '-o', 'again/budgets.csv'], { cwd: dir });
    expect(r.code).toBe(73);
  });

  it('writes -o /dev/null while stdin is /dev/null too (not the same file: devices are not compared)', () => {
    const fd = openSync('/dev/null', 'r');
    try {
      const r = bin(['validate', '-', '--format', 'json', '-o', '/dev/null'], [fd, 'pipe', 'pipe']);
      expect(r.stderr.toString()).not.toContain('refusing');
    } finally {
      closeSync(fd);
    }
  });
});

describe('batch and merge folders (items 3, 15, 20)', () => {
  beforeAll(() => {
    for (const k of [1, 2]) expect(cliProcess(['batch', 'manifest.yaml', '--shard', `${k}/2`, '--jobs', '1', '-o', `shard${k}`, '-q'], { cwd: dir }).code).toBe(1);
  });

  it('merge refuses -o a link to a shard folder, and the shard is untouched (item 3)', async () => {
    symlinkSync('shard1', join(dir, 'L'));
    const before = readFileSync(join(dir, 'shard1', 'runs.csv'));
    const r = await cli(['merge', 'shard1', 'shard2', '-o', 'L'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the output folder L is also a shard folder');
    expect(readFileSync(join(dir, 'shard1', 'runs.csv')).equals(before)).toBe(true);
  });

  it('a batch refuses a folder another placepool is writing, and takes over a stale lock (item 15)', async () => {
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', LOCK_FILE), `${process.pid}\n`);
    const r = await cli(['batch', 'manifest.yaml', '--jobs', '1', '-o', 'locked', '-q'], { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain(`placepool: error: locked is being written by another placepool (process ${process.pid})`);
    expect(readdirSync(join(dir, 'locked'))).toEqual([LOCK_FILE]);
    // a lock whose process has ended
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    writeFileSync(join(dir, 'locked', LOCK_FILE), `${gone}\n`);
    const again = await cli(['batch', 'manifest.yaml', '--jobs', '1', '-o', 'locked', '-q'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(readdirSync(join(dir, 'locked')).sort()).toEqual(['batch.json', 'runs.csv', 'summary.md', 'summary.xlsx', 'yearly.csv']);
  });

  it('merge refuses a folder another placepool is writing (item 15)', async () => {
    mkdirSync(join(dir, 'locked-merge'));
    writeFileSync(join(dir, 'locked-merge', LOCK_FILE), `${process.pid}\n`);
    const r = await cli(['merge', 'shard1', 'shard2', '-o', 'locked-merge'], { cwd: dir });
    expect(r.code).toBe(73);
    expect(readdirSync(join(dir, 'locked-merge'))).toEqual([LOCK_FILE]);
  });

  it('a merge that fails before writing makes no output folder (item 20)', async () => {
    rmSync(join(dir, 'broken'), { recursive: true, force: true });
    mkdirSync(join(dir, 'broken'));
    for (const f of ['batch.json', 'yearly.csv']) copyFileSync(join(dir, 'shard2', f), join(dir, 'broken', f));
    const r = await cli(['merge', 'shard1', 'broken', '-o', 'never/made'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('a batch whose run fails makes no output folder (item 20)', async () => {
    const r = await cli(['batch', join(ROOT, 'test/fixtures/batch/bad/combination.yaml'), '--jobs', '1', '-o', 'not/made', '-q'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(existsSync(join(dir, 'not'))).toBe(false);
  });
});

describe('-o names (item 18)', () => {
  it('a 250-byte file name is written (the temporary name is no longer than 255 bytes)', async () => {
    const name = `${'a'.repeat(246)}.csv`;
    const r = await cli([...RUN, '-o', name], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, name), 'utf8')).toMatch(/^place,/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a name too long is said in words', async () => {
    const r = await cli([...RUN, '-o', `${'b'.repeat(300)}.csv`], { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('its name is too long');
  });

  it('-o x.csv/ is refused, and no x.csv written', async () => {
    const r = await cli([...RUN, '-o', 'x.csv/'], { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toBe('placepool: error: cannot write x.csv/: a name ending in / is a folder, not a file\n    Give the name of the file without the final /.\n');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('-o /dev/fd/N of a pipe (as `>(gzip > f)` gives) writes the pipe', () => {
    const r = spawnSync('bash', ['--norc', '-c', `"${process.execPath}" "${BIN}" run budgets.csv -s whole-place.yaml -q --format csv -o >(cat > piped.csv); wait`], { cwd: dir });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    // the process substitution may finish just after the shell
    for (let i = 0; i < 50 && !readFileSync(join(dir, 'piped.csv'), 'utf8').length; i++) spawnSync('sleep', ['0.1']);
    expect(readFileSync(join(dir, 'piped.csv'), 'utf8')).toMatch(/^place,/);
  });
});

describe('an append-only folder (chattr +a), and /dev/null as another user (item 18)', () => {
  // only root can make a folder append-only; elsewhere this cannot be set up
  const appendOnly = (name: string): string | undefined => {
    const d = join(dir, name);
    mkdirSync(d);
    return ROOT_USER && spawnSync('chattr', ['+a', d]).status === 0 ? d : undefined;
  };

  it('-o a new file in it is written in place, with no temporary file left', async () => {
    const d = appendOnly('append-only');
    if (!d) return;
    try {
      const r = await cli([...RUN, '--format', 'csv', '-o', 'append-only/run.csv'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readdirSync(d)).toEqual(['run.csv']);
      expect(readFileSync(join(d, 'run.csv'), 'utf8')).toMatch(/^place,/);
      // a file there cannot be replaced: said, exit 73, the file kept and nothing added
      const again = await cli([...RUN, '--format', 'json', '-o', 'append-only/run.csv'], { cwd: dir });
      expect(again.code).toBe(73);
      expect(again.stderr).toBe('placepool: error: cannot write append-only/run.csv: its folder is append-only, so the file in it cannot be replaced\n    Choose a new file name, or another folder.\n');
      expect(readdirSync(d)).toEqual(['run.csv']);
      expect(readFileSync(join(d, 'run.csv'), 'utf8')).toMatch(/^place,/);
    } finally {
      spawnSync('chattr', ['-a', d]);
    }
  });

  it('a batch into it is refused before it makes a file there', async () => {
    const d = appendOnly('append-only-batch');
    if (!d) return;
    try {
      const r = await cli(['batch', 'manifest.yaml', '-q', '-o', 'append-only-batch'], { cwd: dir });
      expect(r.code).toBe(73);
      expect(r.stderr).toContain('the folder is append-only');
      expect(readdirSync(d)).toEqual([]);
    } finally {
      spawnSync('chattr', ['-a', d]);
    }
  });

  it('-o /dev/null works for a user who cannot write /dev', () => {
    if (!ROOT_USER || spawnSync('setpriv', ['--version']).status !== 0) return;
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'baseline', 'example:budgets.csv', '-f', 'csv', '-o', '/dev/null'], { cwd: '/' });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('example DIR writes all of its files or none (item 20)', () => {
  it('on a full disk leaves none of them', async () => {
    // a small disk of its own (root can mount one; elsewhere this cannot be set up)
    const disk = join(dir, 'small-disk');
    mkdirSync(disk);
    if (!ROOT_USER || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=40k', 'tmpfs', disk]).status !== 0) return;
    try {
      const r = await cli(['example', join(disk, 'ex')], { cwd: dir });
      expect(r.code).toBe(73);
      expect(r.stderr).toContain('the disk is full');
      expect(existsSync(join(disk, 'ex'))).toBe(false);
      expect(readdirSync(disk)).toEqual([]);
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});

