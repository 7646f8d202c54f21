// What `npm install -g .` (or a tarball from `npm pack`) installs must hold everything the tool reads at run
// time: the launcher, the compiled code (with the worker threads' modules), package.json (for --version) and
// the bundled example (`placepool run`, `placepool example`). Checked on `npm pack`'s own list of files.
// (By hand, see README.md, "Using it on your own files": the tarball installed with
// `npm install -g --prefix DIR` runs `DIR/bin/placepool run` from another folder.)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('the published package', () => {
  it('holds the launcher, the compiled code, package.json and every bundled example file', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = new Set((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    for (const f of ['package.json', 'bin/placepool.js', 'dist/cli/main.js', 'dist/uncertainty/worker.js', 'dist/batch/worker.js', 'dist/io/budgets-xlsx.js']) {
      expect(files, f).toContain(f);
    }
    for (const f of readdirSync(join(ROOT, 'fixtures', 'example'))) expect(files).toContain(`fixtures/example/${f}`);
    // and nothing of the tests or sources
    expect([...files].filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  }, 60_000);
});
