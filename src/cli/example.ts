// Copies the bundled example files into a folder, never silently over a user's file: all of them or, when one
// cannot be written (a full disk), none (each goes to a temporary file first; they are renamed into place together).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OutputError } from '../errors.js';
import { exampleDir } from '../io/input.js';
import type { Io } from '../io-types.js';
import { makeFolders, outputFailure } from '../io/output.js';
import { FolderWriter } from '../batch/files.js';

export async function writeExample(io: Io, dir: string, force: boolean): Promise<string[]> {
  const source = exampleDir();
  const names = (await readdir(source)).filter((n) => /\.(csv|ya?ml|json)$/.test(n)).sort();
  const target = resolve(io.cwd, dir);
  let made: string[];
  try {
    made = await makeFolders(target);
  } catch (err) {
    throw outputFailure(dir, err, 'Choose a folder you can write to.');
  }
  if (!force) {
    const existing: string[] = [];
    for (const n of names) {
      try {
        await stat(join(target, n));
        existing.push(n);
      } catch {
        // not there: fine
      }
    }
    if (existing.length) {
      throw new OutputError({
        message: `${dir} already has ${existing.join(', ')}`,
        hint: 'Choose another folder, or add --force to overwrite them.',
      });
    }
  }
  const folder = new FolderWriter(made);
  try {
    for (const n of names) await folder.whole(join(target, n), await readFile(join(source, n), 'utf8'));
    await folder.commit();
  } catch (err) {
    await folder.discard();
    throw err instanceof OutputError ? new OutputError({ ...err.problems[0]!, hint: 'Choose a folder you can write to.' }) : err;
  }
  return names;
}
