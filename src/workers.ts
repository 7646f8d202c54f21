// Where a worker thread's module is. Worker threads load compiled JavaScript: under the built CLI the module
// sits in dist/ beside its siblings; when the code runs from src/ (the tests run the TypeScript directly, and a
// worker thread cannot load a .ts file) the build in dist/ is used.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled worker module `path` (relative to src/ or dist/, e.g. `batch/worker.js`), or undefined when not built. */
export function workerFile(path: string): string | undefined {
  for (const base of ['./', '../dist/']) {
    const file = fileURLToPath(new URL(`${base}${path}`, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}
