// The package's version, and where its own files are (package.json, the bundled example and reference data, the worker
// threads' modules), wherever this code runs from: src/ under the tests, or a file of the build in dist/ at
// whatever depth the bundler put it. Found once, by walking up to the folder holding placepool's package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package's folder (the one holding package.json). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'placepool') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`placepool's package.json is not in any folder above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** A file or folder of the package, by its path from the package's folder (`fixtures/example`). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/** The version, from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
