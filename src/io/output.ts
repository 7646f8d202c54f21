// Writing files safely: a report goes to a temporary file beside its target and is renamed over it when
// complete, never over an input; folders are made level by level; a failure is an output error (exit 73) that
// says why in words. The CLI's reports and a batch's folder of files are both written this way.
import { realpathSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutputError } from '../errors.js';
import type { Io } from '../io-types.js';
import { splitXlsxArg } from './args.js';
import { trackTemp } from './temps.js';

/** The bundled example's folder (as src/io/input.ts has it; not imported, to keep `--help` light). */
const exampleDir = (): string => fileURLToPath(new URL('../../fixtures/example/', import.meta.url));
/** The bundled reference data's folder, `bundled:NAME` (likewise). */
const bundledDataDir = (): string => fileURLToPath(new URL('../../fixtures/data/', import.meta.url));

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Refuse an output path that is one of the inputs (after resolving links). */
export function assertNotInput(output: string, inputs: readonly string[], cwd: string): void {
  const out = realOrResolved(resolve(cwd, output));
  for (const input of inputs) {
    if (input === '-') continue;
    // a bundled example file (`example:budgets.csv`) is an input too: never write over it
    // `book.xlsx#Sheet` is the file book.xlsx; `costs#2.csv` is a file of that very name: check both readings
    const paths = input.startsWith('example:')
      ? [join(exampleDir(), input.slice('example:'.length))]
      : input.startsWith('bundled:')
        ? [join(bundledDataDir(), input.slice('bundled:'.length))]
        : [resolve(cwd, input), resolve(cwd, splitXlsxArg(input).file)];
    if (paths.some((p) => realOrResolved(p) === out)) {
      throw new OutputError({
        message: `refusing to write the report over the input file ${input}`,
        hint: 'Choose another -o path.',
      });
    }
  }
}

/**
 * Make a folder and any missing parents (`mkdir -p`), one level at a time from the nearest folder that exists.
 * Node's own recursive mkdir never returns for some paths that cannot exist (e.g. under /proc); made level by
 * level, such a path fails at once with the error of the first level that cannot be made.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  const target = resolve(dir);
  for (let cur = target; ; ) {
    try {
      const s = await stat(cur);
      // a file where the folder should be fails as Node's mkdir does (a file further up fails below, ENOTDIR)
      if (cur === target && !s.isDirectory()) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${target}'`), { code: 'EEXIST' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== 'ENOENT') throw err;
      missing.push(cur);
      const up = dirname(cur);
      if (up === cur) break;
      cur = up;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== 'EEXIST') throw err;
    }
  }
}

/** A fresh temporary file name beside `target`: hidden, and told apart by the process and a random part. */
export async function tempPath(target: string): Promise<string> {
  // node:crypto only when writing a file: starting a command loads this module and should not load crypto
  const { randomBytes } = await import('node:crypto');
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write a complete report atomically: into a temporary file beside the target, then renamed over it.
 * A failure leaves any existing file untouched and no partial file behind.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, shown: string = target): Promise<void> {
  const tmp = await tempPath(target);
  let handle;
  const untrack = trackTemp(tmp);
  try {
    handle = await open(tmp, 'wx');
  } catch (err) {
    untrack();
    throw outputFailure(shown, err);
  }
  try {
    await handle.writeFile(content);
    await handle.close();
    handle = undefined;
    await rename(tmp, target);
    untrack();
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    untrack();
    throw outputFailure(shown, err);
  }
}

export function outputFailure(target: string, err: unknown, hint = 'Choose a writable -o path.'): OutputError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'a part of its path is a file, not a folder'
            : code === 'ENOSPC'
              ? 'the disk is full'
              : ((err as Error)?.message ?? String(err));
  return new OutputError({ message: `cannot write ${target}: ${why}`, hint });
}

/**
 * Write to stdout; resolves when flushed. A closed pipe (EPIPE) is not an error: the reader left. Any other
 * failure (stdout redirected to a full disk, say) is an output error (exit 73), not a crash.
 */
export function writeStdout(io: Io, content: string | Uint8Array): Promise<void> {
  return new Promise((resolvePromise, rejectPromise) => {
    if (content.length === 0) return resolvePromise();
    io.stdout.write(content, (err) => {
      if (!err || (err as NodeJS.ErrnoException).code === 'EPIPE') resolvePromise();
      else rejectPromise(outputFailure('the report to standard output', err));
    });
  });
}
