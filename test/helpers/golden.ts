// Golden files: compare output byte for byte with a stored file; UPDATE_GOLDEN=1 rewrites the file
// (read the diff before committing it). A missing golden file is written and the test fails, so that
// nothing passes unseen.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../golden/', import.meta.url));

/** The tool's version is written as VERSION, so that a release does not rewrite every golden file. */
function stable(text: string): string {
  return text.replace(/placepool \d+\.\d+\.\d+(?:-[\w.]+)?/g, 'placepool VERSION').replace(/"version": "[^"]+"/g, '"version": "VERSION"');
}

export function expectGolden(name: string, output: string | Buffer): void {
  const actual = typeof output === 'string' ? stable(output) : output;
  const path = join(ROOT, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name} was missing and has been written: check it`);
  }
  const expected = readFileSync(path);
  if (Buffer.isBuffer(actual)) expect(actual.equals(expected), `${name} differs from its golden file`).toBe(true);
  else expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it; read the diff)`).toBe(expected.toString('utf8'));
}
