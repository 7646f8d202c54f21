// The report's format (from --format or -o's extension) and where it goes: `-o FILE` (written atomically by
// src/io/output.ts, never over an input) or stdout.
import { stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from '../io-types.js';
import { assertFileName, assertNotInput, outputFailure, outputKind, writeFileAtomic, writeStdout } from '../io/output.js';

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

/**
 * Before a long computation: refuse an output that would replace an input, or that cannot be written because
 * its folder is missing or it is a folder, so that the run fails at once rather than after the work. The final
 * write still handles every failure (this is only an early check).
 */
export async function precheckOutput(output: string | undefined, inputs: readonly string[], cwd: string, stdinFd?: number): Promise<void> {
  if (output === undefined || output === '-') return;
  assertFileName(output);
  assertNotInput(output, inputs, cwd, stdinFd);
  const target = resolve(cwd, output);
  // a device, a pipe or /dev/fd/N is written in place: its folder is not where a temporary file goes
  if (outputKind(target).kind === 'direct') return;
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
  assertNotInput(output, inputs, io.cwd, io.stdinFd);
  // messages name the file as the user wrote it, not the absolute path
  await writeFileAtomic(resolve(io.cwd, output), content, output);
}
