// Output folders (`example DIR`, `batch -o DIR`) are made with their parents; a path that cannot be made is an
// output error (exit 73) at once, never a hang (Node's recursive mkdir never returns for some such paths).
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolders } from '../../src/io/output.js';
import { cli } from '../helpers/cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'placepool-folders-'));

describe('makeFolders', () => {
  it('makes missing parents and leaves an existing folder be', async () => {
    const dir = tmp();
    await makeFolders(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
    await makeFolders(join(dir, 'a', 'b', 'c'));
    await makeFolders(dir);
  });

  it('fails for a file in the way', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'f'), 'x');
    await expect(makeFolders(join(dir, 'f', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeFolders(join(dir, 'f'))).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it.skipIf(!existsSync('/proc/self'))('fails at once for a folder that cannot exist (under /proc)', async () => {
    await expect(makeFolders('/proc/placepool-no/such')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('output folders on the command line', () => {
  it('example makes the folder and its parents', async () => {
    const dir = join(tmp(), 'new', 'deeper');
    const r = await cli(['example', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toContain('budgets.csv');
  });

  it.skipIf(!existsSync('/proc/self'))('example and batch refuse a folder that cannot be made (exit 73)', async () => {
    const ex = await cli(['example', '/proc/placepool-no/such']);
    expect(ex.code).toBe(73);
    expect(ex.stderr).toMatch(/^placepool: error: cannot write \/proc\/placepool-no\/such: its folder does not exist\n/);
    const b = await cli(['batch', 'example:manifest.yaml', '-o', '/proc/placepool-no/such', '-q']);
    expect(b.code).toBe(73);
    expect(b.stderr).toMatch(/^placepool: error: cannot create the output folder \/proc\/placepool-no\/such: a folder on its path cannot be created there\n/);
  });

  it('batch refuses an output folder with a file in the way (exit 73)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'f'), 'x');
    const b = await cli(['batch', 'example:manifest.yaml', '-o', join(dir, 'f', 'out'), '-q']);
    expect(b.code).toBe(73);
    expect(b.stderr).toContain('a file of that name is in the way');
  });
});
