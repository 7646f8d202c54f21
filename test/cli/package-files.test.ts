// What `npm install -g .` (or a tarball from `npm pack`) installs must hold everything the tool reads at run
// time: the launcher, the compiled code (with the worker threads' modules), package.json (for --version) and
// the bundled example (`placepool run`, `placepool example`). Checked on `npm pack`'s own list of files.
// (By hand, see README.md, "Using it on your own files": the tarball installed with
// `npm install -g --prefix DIR` runs `DIR/bin/placepool run` from another folder.)
import { spawnSync } from 'node:child_process';
import { readdirSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('the published package', () => {
  it('holds the launcher, the compiled code, package.json and every bundled example file', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = new Set((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    for (const f of ['package.json', 'bin/placepool.js', 'dist/cli/main.js', 'dist/uncertainty/worker.js', 'dist/batch/worker.js']) {
      expect(files, f).toContain(f);
    }
    // every file of the build: the entry points and the chunks they load
    const built = (readdirSync(join(ROOT, 'dist'), { recursive: true, withFileTypes: true }) as Dirent[]).filter((e) => e.isFile());
    expect(built.length).toBeGreaterThan(10);
    for (const e of built) expect(files).toContain(relative(ROOT, join(e.parentPath, e.name)));
    for (const f of readdirSync(join(ROOT, 'fixtures', 'example'))) expect(files).toContain(`fixtures/example/${f}`);
    // and nothing of the tests or sources
    expect([...files].filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  }, 60_000);
});
