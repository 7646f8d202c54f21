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
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (err) {
    // tsc still emits JavaScript when there are type errors; the type check itself is `npm run typecheck`.
    const out = String((err as { stdout?: Buffer }).stdout ?? '');
    console.warn(`global-setup: tsc reported errors while building dist/ (tests of the built binary may fail):\n${out.slice(0, 2000)}`);
  }
}
