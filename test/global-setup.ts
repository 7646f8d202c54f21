// Tests that run the real binary need dist/ to match src/: rebuild when any source file is newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

function newest(dir: string, ext: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (entry.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const stamp = join(root, 'dist', 'cli', 'main.js');
  const built = existsSync(stamp) ? newest(join(root, 'dist'), '.js') : 0;
  if (built >= newest(join(root, 'src'), '.ts')) return;
  // the build bundles src/ into dist/ (package.json, "build"); it checks no types (that is `npm run typecheck`)
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' });
}
