// Opening an input named on the command line: a path (relative to the working folder), `-` for stdin,
// `example:NAME` for a file bundled under fixtures/example/, or `bundled:NAME` for the reference data bundled
// under fixtures/data/ (the deflator series, the unit-cost library). Every input is hashed (SHA-256 of the raw bytes,
// for the report's provenance) and decoded to text the way an analyst's files actually arrive: UTF-8 with
// or without a BOM, UTF-16 with a BOM, or Windows-1252 (what Excel on Windows writes as "CSV") with a warning.
import { isUtf8 } from 'node:buffer';
import { fstatSync, readdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { packagePath } from '../package-files.js';
import { FileOpenError, InputError, suggest, type Warning } from '../errors.js';
import type { InputSource } from '../model/types.js';
import { rawArgument, readableBytes } from '../terminal-text.js';

/** What opening an input needs from the outside world (a subset of the CLI's Io). */
export interface InputIo {
  stdin: Readable;
  cwd: string;
  /** stdin's file descriptor when it is the process's own (to tell a folder on stdin before reading it) */
  stdinFd?: number;
}

/**
 * Inputs larger than this are refused before reading. A budgets file is read whole into the model's lines
 * (about 13 bytes of memory for each byte of CSV): 128 MB stays within Node's default heap of 2 GB, where a
 * larger file would end in V8's "heap out of memory" crash. (Scenarios and manifests are far smaller.)
 */
export const MAX_INPUT_BYTES = 128 * 1024 * 1024;

/** The folder of the bundled example files. */
export function exampleDir(): string {
  return packagePath('fixtures', 'example') + sep;
}

/** The folder of the bundled reference data, `bundled:NAME`. */
export function bundledDataDir(): string {
  return packagePath('fixtures', 'data') + sep;
}

/** The bundled folder an `example:` or `bundled:` argument names, with its prefix; undefined for any other. */
function bundledFolder(arg: string): { prefix: string; dir: string } | undefined {
  if (arg.startsWith('example:')) return { prefix: 'example:', dir: exampleDir() };
  if (arg.startsWith('bundled:')) return { prefix: 'bundled:', dir: bundledDataDir() };
  return undefined;
}

/** A raw byte stream of an input, its name for messages, and its SHA-256 once fully read. */
export interface ByteInput {
  name: string;
  chunks: AsyncIterable<Buffer>;
  /** the hex SHA-256 of every byte read so far; complete once `chunks` is exhausted */
  sha256(): string;
}

/** A decoded text stream of an input. `warnings` fills in while the text is read (e.g. Windows-1252). */
function describeOpenError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return (err as Error)?.message ?? String(err);
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/**
 * Scenarios and manifests are short hand-written files (the examples are a few kB). Their parser holds every
 * value as a node, several hundred bytes each, so a huge one would exhaust memory long before 128 MB: they are
 * refused above 1 MB instead.
 */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

function limitFor(what: string): number {
  return what === 'scenario' || what === 'manifest' ? MAX_DOCUMENT_BYTES : MAX_INPUT_BYTES;
}

function tooBig(name: string, size: number | undefined, what: string): FileOpenError {
  if (limitFor(what) === MAX_DOCUMENT_BYTES) {
    return new FileOpenError({
      message: `refusing to read ${name}: it is larger than 1 MB${size !== undefined ? ` (${(size / 1024 ** 2).toFixed(1)} MB)` : ''}, too large for a ${what}`,
      hint: `A ${what} is a short text file (placepool reads up to 1 MB). Check that this is the right file.`,
    });
  }
  return new FileOpenError({
    message: `refusing to read ${name}: it is larger than 128 MB${size !== undefined ? ` (${sizeText(size)})` : ''}`,
    hint: 'placepool reads inputs of up to 128 MB (a larger one needs more memory than is safe). Split the file (for example one file per region) or remove unused columns.',
  });
}

function missingHint(path: string, arg: string, cwd: string, what: string): string {
  let near: string | undefined;
  try {
    // names in another encoding than UTF-8 are compared and shown readably (`caf\xe9.csv`)
    const raw = rawArgument(arg);
    const name = raw ? readableBytes(raw.subarray(raw.lastIndexOf(0x2f) + 1)) : basename(path);
    near = suggest(name, readdirSync(dirname(path), { encoding: 'buffer' }).map(readableBytes));
  } catch {
    near = undefined;
  }
  const relative = arg.startsWith('/') ? '' : ` (relative paths are read from ${cwd})`;
  if (near) return `Did you mean ${join(dirname(arg), near)}? Check the ${what} path${relative}.`;
  return `Check the ${what} path${relative}.`;
}

/** Where an argument points: `{ path }` for a file (absolute), or `{ stdin: true }`. */
export function resolveInput(arg: string, io: InputIo, what = 'input'): { path: string; name: string } | { stdin: true; name: string } {
  if (arg === '-') return { stdin: true, name: '<stdin>' };
  const bundled = bundledFolder(arg);
  if (bundled) {
    const file = arg.slice(bundled.prefix.length);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file)) {
      throw new FileOpenError({
        message: `cannot open ${arg}: not a bundled ${bundled.prefix === 'example:' ? 'example ' : ''}file name`,
        hint: `Bundled files: ${bundledFiles(arg).join(', ')}.`,
      });
    }
    return { path: resolve(bundled.dir, file), name: arg };
  }
  if (arg === '') throw new FileOpenError({ message: `no ${what} file given (an empty name)`, hint: 'Give a file path, or - to read stdin.' });
  return { path: resolve(io.cwd, arg), name: arg };
}

/** The files of the bundled folder an argument names, each written with its prefix for a bundled: one. */
function bundledFiles(arg: string): string[] {
  const bundled = bundledFolder(arg) ?? { prefix: 'example:', dir: exampleDir() };
  try {
    const files = readdirSync(bundled.dir).sort();
    return bundled.prefix === 'example:' ? files : files.map((f) => `${bundled.prefix}${f}`);
  } catch {
    return [];
  }
}

/** Open a file for reading, or throw a FileOpenError naming it and why (exit 66). */
async function openFile(path: string, arg: string, io: InputIo, what: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    // an argument whose bytes are not UTF-8 is opened by its bytes, as typed (src/terminal-text.ts)
    const raw = rawArgument(arg);
    handle = await open(raw ? (raw[0] === 0x2f ? raw : Buffer.concat([Buffer.from(`${io.cwd}/`), raw])) : path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    const hint = bundledFolder(arg)
      ? `Bundled files: ${bundledFiles(arg).join(', ')}.`
      : code === 'ENOENT'
        ? missingHint(path, arg, io.cwd, what)
        : code === 'EISDIR'
          ? `Give the ${what} file inside the folder, not the folder.`
          : code === 'EACCES' || code === 'EPERM'
            ? 'Check the file\'s permissions.'
            : undefined;
    throw new FileOpenError({ message: `cannot open ${arg}: ${describeOpenError(err)}`, ...(hint ? { hint } : {}) });
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw new FileOpenError({ message: `cannot open ${arg}: it is a folder, not a file`, hint: `Give the ${what} file inside the folder, not the folder.` });
  }
  if (stat.isFile() && stat.size > limitFor(what)) {
    await handle.close();
    throw tooBig(arg, stat.size, what);
  }
  return { handle, size: stat.size };
}

/** A folder on standard input (`- < folder`) cannot be read: say so (exit 66), not that the file is empty. */
function assertStdinNotFolder(io: InputIo, what: string): void {
  if (io.stdinFd === undefined) return;
  let folder = false;
  try {
    folder = fstatSync(io.stdinFd).isDirectory();
  } catch {
    return; // a closed stdin is read as empty, and said so where it is read
  }
  if (folder) {
    throw new FileOpenError({
      message: 'cannot read standard input (-): it is a folder, not a file',
      hint: `Redirect the ${what} file itself: - < file, not - < folder.`,
    });
  }
}

/**
 * Open an input as a stream of raw bytes. Opening problems (missing, a folder, no permission, over 128 MB)
 * are thrown here, before any reading, as FileOpenError (exit 66).
 */
export async function openInputBytes(arg: string, io: InputIo, what = 'input'): Promise<ByteInput> {
  const where = resolveInput(arg, io, what);
  // node:crypto is loaded here, not at the top: the CLI loads this module for `--help` too
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  let digest: string | undefined;
  const sha256 = (): string => (digest ??= hash.copy().digest('hex'));
  let source: AsyncIterable<Buffer | string>;
  if ('stdin' in where) {
    assertStdinNotFolder(io, what);
    source = io.stdin;
  } else {
    const { handle } = await openFile(where.path, arg, io, what);
    // 64 KiB reads: csv-parse slows down on large chunks (a 1 MiB chunk queues ~10,000 records at once,
    // which outlive the young generation); this is about a third faster and half the memory on a 34 MB file
    source = handle.createReadStream({ highWaterMark: 1 << 16, autoClose: true });
  }
  const name = where.name;
  async function* chunks(): AsyncGenerator<Buffer> {
    let total = 0;
    try {
      for await (const c of source) {
        const buf = typeof c === 'string' ? Buffer.from(c) : c;
        total += buf.length;
        if (total > limitFor(what)) throw tooBig(name, undefined, what);
        hash.update(buf);
        digest = undefined;
        yield buf;
      }
    } catch (err) {
      if (err instanceof FileOpenError) throw err;
      throw new FileOpenError({ message: `cannot read ${name}: ${describeOpenError(err)}` });
    }
  }
  return { name, chunks: chunks(), sha256 };
}

/** Read a whole input as bytes (for workbooks): `{ source, bytes }`. */
export async function readInputBytes(arg: string, io: InputIo, what = 'input'): Promise<{ source: InputSource; bytes: Buffer }> {
  const input = await openInputBytes(arg, io, what);
  const parts: Buffer[] = [];
  for await (const c of input.chunks) parts.push(c);
  return { source: { name: input.name, sha256: input.sha256() }, bytes: Buffer.concat(parts) };
}

/** Check that an input can be opened (exists, is a file, readable), without reading it. */
export async function assertReadable(arg: string, io: InputIo, what = 'input'): Promise<void> {
  const where = resolveInput(arg, io, what);
  if ('stdin' in where) return assertStdinNotFolder(io, what);
  const { handle } = await openFile(where.path, arg, io, what);
  await handle.close();
}

/**
 * Open an input as a stream of UTF-8 bytes, whatever its encoding (UTF-8, UTF-16 with a byte-order mark, or
 * Windows-1252 with a warning); `source.sha256` is filled in once the stream has been read to the end.
 */
export async function openInputUtf8(arg: string, io: InputIo, what = 'input'): Promise<{ source: InputSource; bytes: AsyncIterable<Buffer>; warnings: Warning[] }> {
  const input = await openInputBytes(arg, io, what);
  const source: InputSource = { name: input.name, sha256: '' };
  const warnings: Warning[] = [];
  async function* bytes(): AsyncGenerator<Buffer> {
    yield* decodeToUtf8(input.chunks, input.name, warnings);
    source.sha256 = input.sha256();
  }
  return { source, bytes: bytes(), warnings };
}

/**
 * Bytes already read whole (`readInputBytes`), as the UTF-8 stream `openInputUtf8` gives: for a reader that
 * looks at an input's first bytes before choosing how to read it.
 */
export function utf8FromBytes(bytes: Buffer, source: InputSource): { source: InputSource; bytes: AsyncIterable<Buffer>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  async function* whole(): AsyncGenerator<Buffer> {
    yield bytes;
  }
  return { source, bytes: decodeToUtf8(whole(), source.name, warnings), warnings };
}

/** Read a whole input as text: `{ source, text, warnings }` (for scenarios and manifests). */
export async function readInputText(arg: string, io: InputIo, what = 'input'): Promise<{ source: InputSource; text: string; warnings: Warning[] }> {
  const input = await openInputUtf8(arg, io, what);
  const parts: Buffer[] = [];
  for await (const b of input.bytes) parts.push(b);
  return { source: input.source, text: Buffer.concat(parts).toString('utf8'), warnings: input.warnings };
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

/** Length of an incomplete UTF-8 sequence at the end of `buf` (0 when it ends on a whole character). */
function incompleteTail(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte that does not begin a valid UTF-8 sequence (buf.length when all valid). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

function countNewlines(buf: Buffer, end: number): { count: number; lastStart: number } {
  let count = 0;
  let lastStart = -1;
  // indexOf is a native byte search: many times faster than looking at every byte here
  for (let i = buf.indexOf(0x0a); i !== -1 && i < end; i = buf.indexOf(0x0a, i + 1)) {
    count++;
    lastStart = i + 1;
  }
  return { count, lastStart };
}

/** Whether bytes begin like a ZIP archive (an Excel workbook is one). */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * Decode a byte stream to text: a UTF-8 BOM is dropped; UTF-16 LE/BE with a BOM is decoded as such; bytes
 * that are not valid UTF-8 switch the rest of the input to Windows-1252, with a warning naming the line of
 * the first such byte (the text before it was valid UTF-8 and is kept as read).
 */
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/**
 * An input's bytes decoded to UTF-8: chunks always end on a whole character, and UTF-8
 * input passes through untouched (no decoding and re-encoding), which is what a byte-level parser wants.
 */
export async function* decodeToUtf8(chunks: AsyncIterable<Buffer>, name: string, warnings: Warning[]): AsyncGenerator<Buffer> {
  const it = chunks[Symbol.asyncIterator]();
  // gather enough bytes to recognise a byte-order mark
  let head: Buffer = Buffer.alloc(0);
  let done = false;
  while (head.length < 4) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      if (head.length) yield head;
      if (done) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      // a reader that stops early closes the file
      if (!done) await it.return?.();
    }
  }
  if (looksLikeZip(head)) {
    if (!done) await it.return?.(); // release the file
    throw new InputError({
      message: 'this is a zip file (perhaps an Excel workbook), not text',
      loc: { file: name },
      hint: 'Give a workbook a name ending in .xlsx, or save the sheet as CSV UTF-8.',
    });
  }
  let utf16: 'utf-16le' | 'utf-16be' | undefined;
  if (head[0] === 0xff && head[1] === 0xfe) utf16 = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) utf16 = 'utf-16be';
  else if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) {
    utf16 = 'utf-16le';
    warnings.push({ code: 'encoding', message: `the file looks like UTF-16 (little-endian) without a byte-order mark; read it as such`, loc: { file: name } });
  } else if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) {
    utf16 = 'utf-16be';
    warnings.push({ code: 'encoding', message: `the file looks like UTF-16 (big-endian) without a byte-order mark; read it as such`, loc: { file: name } });
  }
  if (utf16) {
    // TextDecoder drops the BOM itself (ignoreBOM false)
    const dec = new TextDecoder(utf16);
    for await (const c of rest()) {
      const s = dec.decode(c, { stream: true });
      if (s) yield utf8(s);
    }
    const last = dec.decode();
    if (last) yield utf8(last);
    return;
  }
  let first = true;
  let carry: Buffer | undefined;
  let cp1252: typeof cp1252Decoder | undefined;
  let lines = 0;
  let lineStartOffset = 0; // bytes since the current line began, carried across chunks
  for await (const chunk of rest()) {
    let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    if (cp1252) {
      yield utf8(cp1252.decode(buf));
      continue;
    }
    const tail = incompleteTail(buf);
    const body = tail ? buf.subarray(0, buf.length - tail) : buf;
    if (tail) carry = Buffer.from(buf.subarray(buf.length - tail));
    if (isUtf8(body)) {
      const nl = countNewlines(body, body.length);
      lines += nl.count;
      lineStartOffset = nl.lastStart >= 0 ? body.length - nl.lastStart : lineStartOffset + body.length;
      if (body.length) yield body;
      continue;
    }
    const bad = firstInvalidUtf8(body);
    const nl = countNewlines(body, bad);
    const line = lines + nl.count + 1;
    const column = (nl.lastStart >= 0 ? bad - nl.lastStart : lineStartOffset + bad) + 1;
    cp1252 = warnCp1252(name, body[bad]!, line, column, warnings);
    if (bad > 0) yield body.subarray(0, bad);
    const restText = cp1252.decode(Buffer.concat([body.subarray(bad), carry ?? Buffer.alloc(0)]));
    carry = undefined;
    if (restText) yield utf8(restText);
  }
  if (carry && carry.length) {
    // the input ends in the middle of a UTF-8 sequence
    const dec = cp1252 ?? warnCp1252(name, carry[0]!, lines + 1, lineStartOffset + 1, warnings);
    yield utf8(dec.decode(carry));
  }
}

/**
 * Windows-1252 proper. Node's TextDecoder('windows-1252') decodes bytes 0x80-0x9F as the C1 controls of
 * Latin-1, losing what Excel writes there: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. The encoding
 * is one byte a character, so decoding needs no state across chunks.
 */
const CP1252_80_9F = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const cp1252Decoder = {
  decode(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
  },
};

function warnCp1252(name: string, byte: number, line: number, column: number, warnings: Warning[]): typeof cp1252Decoder {
  warnings.push({
    code: 'encoding',
    message:
      `the file is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at line ${line}, byte ${column} of the line); ` +
      'read it as Windows-1252, the encoding Excel on Windows uses for CSV. Check that £ signs and accented names look right, ' +
      'or save the file as "CSV UTF-8" to silence this warning',
    loc: { file: name, line },
  });
  return cp1252Decoder;
}
