// The package's version, and where its own files are (package.json, the bundled example and reference data, the
// worker threads' modules), wherever this code runs from: src/ under the tests, or a file of the build in dist/
// at whatever depth the bundler put it. Found once, by walking up to the folder holding placepool's package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Found {
  root: string;
  manifest: { name?: string; version: string };
}

let found: Found | undefined;

/** The package's folder and its package.json, read once. */
function findPackage(): Found {
  if (found !== undefined) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    const manifest = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Found['manifest']) : undefined;
    if (manifest?.name === 'placepool') return (found = { root: dir, manifest });
    const up = dirname(dir);
    if (up === dir) throw new Error(`placepool's package.json is not in any folder above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The package's folder (the one holding package.json). */
export function packageRoot(): string {
  return findPackage().root;
}

/** A file or folder of the package, by its path from the package's folder (`fixtures/example`). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/** The version, from package.json. */
export const VERSION: string = findPackage().manifest.version;
