// Writing files safely: a report goes to a temporary file beside its target and is renamed over it when
// complete, never over an input; folders are made level by level; a failure is an output error (exit 73) that
// says why in words. The CLI's reports and a batch's folder of files are both written this way. A target that
// is not a regular file (a device such as /dev/null, a pipe, /dev/fd/N, /dev/stdout) is written in place: a
// rename would replace the device or pipe with a file.
import { fstatSync, lstatSync, readlinkSync, realpathSync, statSync, utimesSync, type Stats } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { packagePath } from '../package-files.js';
import { OutputError } from '../errors.js';
import type { Io } from '../io-types.js';
import { splitXlsxArg } from './args.js';
import { createTracked } from './temps.js';

/** The bundled example's folder (as src/io/input.ts has it; not imported, to keep `--help` light). */
const exampleDir = (): string => packagePath('fixtures', 'example') + sep;
/** The bundled reference data's folder, `bundled:NAME` (likewise). */
const bundledDataDir = (): string => packagePath('fixtures', 'data') + sep;

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Whether two stats are the same file (the same device and inode), whatever the paths that reach it. */
function sameIdentity(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Whether two paths are the same file or folder: the same path once links are resolved, or the same device and
 * inode (a hard link, a bind mount, a second path to one folder).
 */
export function samePath(a: string, b: string): boolean {
  return realOrResolved(a) === realOrResolved(b) || sameIdentity(statOrUndefined(a), statOrUndefined(b));
}

/**
 * Refuse an output path that is one of the inputs: by path (after resolving links), and by identity (device
 * and inode), so that a hard link, a bind mount or standard input redirected from the target (`- < b.csv`,
 * checked on `stdinFd`) is refused too. Only regular files are compared by identity: `-o /dev/null` with
 * `< /dev/null` replaces nothing.
 */
export function assertNotInput(output: string, inputs: readonly string[], cwd: string, stdinFd?: number): void {
  const target = resolve(cwd, output);
  const out = realOrResolved(target);
  const outStat = statOrUndefined(target);
  const outFile = outStat?.isFile() ? outStat : undefined;
  for (const input of inputs) {
    let refused: boolean;
    if (input === '-' || input.startsWith('-#')) {
      let s: Stats | undefined;
      try {
        s = stdinFd === undefined ? undefined : fstatSync(stdinFd);
      } catch {
        s = undefined;
      }
      refused = sameIdentity(outFile, s);
    } else {
      // a bundled example file (`example:budgets.csv`) is an input too: never write over it
      // `book.xlsx#Sheet` is the file book.xlsx; `costs#2.csv` is a file of that very name: check both readings
      const paths = input.startsWith('example:')
        ? [join(exampleDir(), input.slice('example:'.length))]
        : input.startsWith('bundled:')
          ? [join(bundledDataDir(), input.slice('bundled:'.length))]
          : [resolve(cwd, input), resolve(cwd, splitXlsxArg(input).file)];
      refused = paths.some((p) => realOrResolved(p) === out || sameIdentity(outFile, statOrUndefined(p)));
    }
    if (refused) {
      throw new OutputError({
        message: `refusing to write the report over the input file ${input === '-' ? 'read from standard input (-)' : input}`,
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
export async function makeFolders(dir: string): Promise<string[]> {
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
  const made: string[] = [];
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
      made.push(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== 'EEXIST') throw err;
    }
  }
  return made;
}

/** Remove folders `makeFolders` made (deepest first), if still empty: a failed write leaves none behind. */
export async function removeMadeFolders(made: readonly string[]): Promise<void> {
  for (const d of [...made].reverse()) await rmdir(d).catch(() => undefined);
}

/** A fresh temporary file name beside `target`: hidden, and told apart by the process and a random part. */
export async function tempPath(target: string): Promise<string> {
  // node:crypto only when writing a file: starting a command loads this module and should not load crypto
  const { randomBytes } = await import('node:crypto');
  // a name may have 255 bytes: a long target's temporary name keeps its first 200, so that the target's own
  // length decides whether it can be written
  let base = basename(target);
  while (Buffer.byteLength(base) > 200) base = base.slice(0, -1);
  return join(dirname(target), `.${base}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * The file descriptor of this process that a path names, through any symbolic links: `/dev/fd/N`,
 * `/proc/self/fd/N`, `/dev/stdout` (1), `/dev/stderr` (2), or a link to one of them; undefined for any other path.
 */
export function ownDescriptor(target: string): number | undefined {
  let p = target;
  for (let hops = 0; hops < 40; hops++) {
    if (p === '/dev/stdout') return 1;
    if (p === '/dev/stderr') return 2;
    const m = /^\/(?:dev\/fd|proc\/(?:self|thread-self|(\d+))\/fd)\/(\d+)$/.exec(p);
    if (m && (m[1] === undefined || Number(m[1]) === process.pid)) return Number(m[2]);
    try {
      if (!lstatSync(p).isSymbolicLink()) return undefined;
      p = resolve(dirname(p), readlinkSync(p));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * How a report reaches `target`: `atomic` (a regular file, or none yet) through a temporary file renamed over
 * `path`, the file a symbolic link points to, so that the link is kept; or `direct`, written in place, for a
 * device, a pipe or socket, and an open file of this process (/dev/fd/N, /dev/stdout, a link to them).
 */
export function outputKind(target: string): { kind: 'atomic' | 'direct'; path: string } {
  if (ownDescriptor(target) !== undefined) return { kind: 'direct', path: target };
  const s = statOrUndefined(target);
  if (s === undefined || s.isDirectory()) return { kind: 'atomic', path: target };
  if (!s.isFile()) return { kind: 'direct', path: target };
  return { kind: 'atomic', path: realOrResolved(target) };
}

/** A name that ends in `/` names a folder: refuse it rather than write a file of the name without the slash. */
export function assertFileName(shown: string): void {
  if (shown.length > 1 && shown.endsWith('/')) {
    throw new OutputError({
      message: `cannot write ${shown}: a name ending in / is a folder, not a file`,
      hint: 'Give the name of the file without the final /.',
    });
  }
}

/**
 * Whether a folder is append-only (`chattr +a`) or immutable: a file can be made in it, but none renamed or
 * removed, so a temporary file there could never be renamed into place nor removed again. Told without making
 * anything: setting the folder's own times to what they are is refused (EPERM) for such a folder alone, when
 * this process owns it or is root (for another's folder it is refused anyway, and tells nothing).
 */
export function appendOnlyFolder(dir: string): boolean {
  const uid = process.getuid?.();
  let s: Stats;
  try {
    s = statSync(dir);
  } catch {
    return false;
  }
  if (uid === undefined || (uid !== 0 && uid !== s.uid)) return false;
  try {
    utimesSync(dir, s.atime, s.mtime);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Write a complete report atomically: into a temporary file beside the target, then renamed over it.
 * A failure leaves any existing file untouched and no partial file behind.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, shown: string = target): Promise<void> {
  assertFileName(shown);
  const how = outputKind(target);
  if (how.kind === 'direct') return writeInPlace(target, content, shown);
  target = how.path;
  if (appendOnlyFolder(dirname(target))) {
    // no temporary file: it would stay for good. A new file is written in place; an existing one cannot be replaced
    if (statOrUndefined(target) !== undefined) {
      throw new OutputError({
        message: `cannot write ${shown}: its folder is append-only, so the file in it cannot be replaced`,
        hint: 'Choose a new file name, or another folder.',
      });
    }
    return writeNew(target, content, shown);
  }
  const tmp = await tempPath(target);
  let handle;
  let untrack: () => void;
  try {
    untrack = createTracked(tmp);
  } catch (err) {
    throw outputFailure(shown, err);
  }
  try {
    handle = await open(tmp, 'r+');
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
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

/** Write a file that does not exist yet, in place (in an append-only folder, where nothing can be renamed). */
async function writeNew(target: string, content: string | Uint8Array, shown: string): Promise<void> {
  await writeOpened(target, 'wx', content, shown);
}

/** Open `target` with `flags`, write all of `content` and close it; any failure is the output's. */
async function writeOpened(target: string, flags: 'w' | 'wx', content: string | Uint8Array, shown: string): Promise<void> {
  let handle;
  try {
    handle = await open(target, flags);
    await handle.writeFile(content);
    await handle.close();
    handle = undefined;
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    throw outputFailure(shown, err);
  }
}

/** Write all of `buf` to a descriptor this process has open (a pipe may be non-blocking: wait and retry). */
async function writeDescriptor(fd: number, buf: Uint8Array): Promise<void> {
  const { write } = await import('node:fs');
  for (let offset = 0; offset < buf.length; ) {
    const written = await new Promise<number>((res, rej) =>
      write(fd, buf, offset, buf.length - offset, null, (err, n) => (err && err.code !== 'EAGAIN' ? rej(err) : res(err ? 0 : n))),
    );
    if (written === 0) await new Promise((res) => setTimeout(res, 5));
    offset += written;
  }
}

/**
 * Write a device, pipe or open file in place (no temporary file: it could not be renamed over them). An open
 * file of this process (/dev/fd/N) is written through its descriptor: opening it again fails for a socket.
 */
async function writeInPlace(target: string, content: string | Uint8Array, shown: string): Promise<void> {
  const fd = ownDescriptor(target);
  if (fd !== undefined) {
    try {
      return await writeDescriptor(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    } catch (err) {
      throw outputFailure(shown, err);
    }
  }
  await writeOpened(target, 'w', content, shown);
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
              : code === 'ENAMETOOLONG'
                ? 'its name is too long (a file name may have at most 255 bytes)'
                : code === 'EBADF'
                  ? 'no such file descriptor is open'
                  : code === 'ENXIO'
                  ? 'it is a socket or device that cannot be opened for writing'
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
