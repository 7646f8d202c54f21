// Where a report goes: stdout, or a file written atomically (temporary file in the same folder, then
// rename) that never replaces an input. Format choice lives here too.
import { realpathSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { OutputError, UsageError } from '../errors.js';
import { splitXlsxArg } from '../io/args.js';
import { fileURLToPath } from 'node:url';
import type { Io } from './context.js';
import { trackTemp } from './temps.js';

export type Format = 'table' | 'csv' | 'json' | 'md' | 'html' | 'xlsx';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html', 'xlsx'];

const BY_EXTENSION: Record<string, Format> = {
  '.csv': 'csv',
  '.json': 'json',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xlsx': 'xlsx',
  '.txt': 'table',
};

/**
 * The format: `--format` if given; otherwise from `-o`'s extension; otherwise `table`.
 * `supported` lists what the command can write; anything else is a usage error.
 */
export function chooseFormat(format: string | undefined, output: string | undefined, supported: readonly Format[]): Format {
  let chosen: Format | undefined;
  if (output === '') throw new UsageError({ message: 'the -o file name is empty', hint: 'Give -o FILE, or leave -o out to write to standard output.' });
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError({ message: `unknown format "${format}"`, hint: `Use one of: ${supported.join(', ')}.` });
    }
    chosen = format as Format;
  } else if (output !== undefined && output !== '-') {
    const ext = extname(output).toLowerCase();
    chosen = BY_EXTENSION[ext];
    if (!chosen) {
      throw new UsageError({
        message: `cannot tell the format from the output file name "${output}"`,
        hint: `Give --format (${supported.join(', ')}) or an extension such as .csv, .json, .md.`,
      });
    }
  } else chosen = 'table';
  if (!supported.includes(chosen)) {
    throw new UsageError({ message: `this command cannot write ${chosen}`, hint: `Use one of: ${supported.join(', ')}.` });
  }
  if (chosen === 'xlsx' && (output === undefined || output === '-')) {
    throw new UsageError({ message: 'an Excel workbook cannot be written to the terminal', hint: 'Give -o FILE.xlsx.' });
  }
  return chosen;
}

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

/**
 * Write a complete report atomically: into a temporary file beside the target, then renamed over it.
 * A failure leaves any existing file untouched and no partial file behind.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, shown: string = target): Promise<void> {
  const dir = dirname(target);
  // node:crypto only when writing a file: `placepool --help` loads this module and should not load crypto
  const { randomBytes } = await import('node:crypto');
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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

/**
 * Before a long computation: refuse an output that would replace an input, or that cannot be written because
 * its folder is missing or it is a folder, so that the run fails at once rather than after the work. The final
 * write still handles every failure (this is only an early check).
 */
export async function precheckOutput(output: string | undefined, inputs: readonly string[], cwd: string): Promise<void> {
  if (output === undefined || output === '-') return;
  assertNotInput(output, inputs, cwd);
  const { stat } = await import('node:fs/promises');
  const target = resolve(cwd, output);
  const folder = await stat(dirname(target)).catch((err: unknown) => err as NodeJS.ErrnoException);
  if (folder instanceof Error) throw outputFailure(output, folder);
  if (!folder.isDirectory()) throw outputFailure(output, Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }));
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw outputFailure(output, Object.assign(new Error('a folder'), { code: 'EISDIR' }));
}

/** Send a finished report to `-o FILE` (atomically, never over an input) or to stdout. */
export async function emitReport(
  io: Io,
  output: string | undefined,
  content: string | Uint8Array,
  inputs: readonly string[],
): Promise<void> {
  if (output === undefined || output === '-') return writeStdout(io, content);
  assertNotInput(output, inputs, io.cwd);
  // messages name the file as the user wrote it, not the absolute path
  await writeFileAtomic(resolve(io.cwd, output), content, output);
}
