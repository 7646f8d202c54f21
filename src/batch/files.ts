// The files of a batch folder, written atomically: each goes to a temporary file beside its target and is
// renamed into place only when every file of the folder is complete, so a failed or interrupted batch leaves
// the folder as it was (no partial runs.csv that CI could mistake for a result, and no folder made for a batch
// that failed). While it writes, a lock file in the folder keeps a second batch or merge out of it, so that
// the folder never holds the files of two.
import { createHash, type Hash } from 'node:crypto';
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputError } from '../errors.js';
import { appendOnlyFolder, makeFolders, outputFailure, removeMadeFolders, tempPath } from '../io/output.js';
import { createTracked, trackFolders } from '../io/temps.js';

const FLUSH_AT = 1 << 20;

/** A text file streamed to a temporary file, with its SHA-256 and a count of records. */
export class StreamFile {
  private parts: string[] = [];
  private size = 0;
  private readonly hash: Hash = createHash('sha256');
  records = 0;
  private constructor(
    readonly target: string,
    readonly tmp: string,
    private handle: FileHandle | undefined,
  ) {}

  /** forgets the temporary file in the interruption clean-up (src/io/temps.ts) */
  private untrack: () => void = () => undefined;

  static async create(target: string): Promise<StreamFile> {
    const tmp = await tempPath(target);
    let untrack: (() => void) | undefined;
    try {
      untrack = createTracked(tmp);
      const file = new StreamFile(target, tmp, await open(tmp, 'r+'));
      file.untrack = untrack;
      return file;
    } catch (err) {
      if (untrack) {
        await rm(tmp, { force: true }).catch(() => undefined);
        untrack();
      }
      throw outputFailure(target, err);
    }
  }

  /** Append text (a whole number of records, `records` of them). */
  async write(text: string, records = 0): Promise<void> {
    this.records += records;
    if (text.length === 0) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  /** Append bytes (a binary file such as a workbook), after any text waiting. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    this.hash.update(bytes);
    try {
      await this.handle!.write(bytes);
    } catch (err) {
      throw outputFailure(this.target, err);
    }
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    this.hash.update(buf);
    try {
      await this.handle!.write(buf);
    } catch (err) {
      throw outputFailure(this.target, err);
    }
  }

  /** Flush and close; the file stays temporary until `commit`. Returns its SHA-256. */
  async close(): Promise<string> {
    await this.flush();
    try {
      await this.handle?.close();
    } catch (err) {
      throw outputFailure(this.target, err);
    }
    this.handle = undefined;
    return this.hash.digest('hex');
  }

  async commit(): Promise<void> {
    try {
      await rename(this.tmp, this.target);
      this.untrack();
    } catch (err) {
      throw outputFailure(this.target, err);
    }
  }

  async discard(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await rm(this.tmp, { force: true }).catch(() => undefined);
    this.untrack();
  }
}

/**
 * Make the output folder (and its parents); a file in the way is an output error (exit 73). Returns the folders
 * it made, for `FolderWriter` to remove again if the batch fails.
 */
export async function ensureFolder(dir: string, shown: string): Promise<string[]> {
  let made: string[];
  try {
    made = await makeFolders(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    throw new OutputError({
      message: `cannot create the output folder ${shown}: ${code === 'EEXIST' || code === 'ENOTDIR' ? 'a file of that name is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'a folder on its path cannot be created there' : ((err as Error).message ?? String(err))}`,
      hint: 'Choose another folder with -o DIR.',
    });
  }
  const s = await stat(dir).catch(() => undefined);
  if (!s?.isDirectory()) throw new OutputError({ message: `cannot write to ${shown}: it is not a folder`, hint: 'Choose another folder with -o DIR.' });
  return made;
}

/** The lock file a batch or merge holds in its output folder while it writes there. */
export const LOCK_FILE = '.placepool.lock';

/** Whether a process is running (a lock left by one that is not is stale). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A set of files written together and renamed into place together (data first, the record last), into a
 * folder locked for the time (`lock`). `discard` removes the temporary files, the lock, and the folders the
 * batch made (`made`, from `ensureFolder`), so that a failure leaves the place as it was.
 */
export class FolderWriter {
  private readonly files: StreamFile[] = [];
  private lockPath: string | undefined;
  private unlockTemp: () => void = () => undefined;
  /** forgets the folders made in the interruption clean-up, once they are kept or removed */
  private readonly untrackMade: () => void;
  constructor(private readonly made: readonly string[] = []) {
    this.untrackMade = trackFolders(made);
  }

  /**
   * Take the folder's lock, or refuse (exit 73) while another placepool process holds it; a lock whose
   * process has ended is taken over.
   */
  async lock(dir: string, shown: string): Promise<void> {
    // neither the lock nor a temporary file could be removed from an append-only folder: refuse before making any
    if (appendOnlyFolder(dir)) {
      throw new OutputError({
        message: `cannot write to ${shown}: the folder is append-only, so its files cannot be renamed into place`,
        hint: 'Choose another folder with -o DIR.',
      });
    }
    const path = join(dir, LOCK_FILE);
    for (let attempt = 0; ; attempt++) {
      try {
        // made and noted at once: an interrupted run removes its lock as it does its temporary files
        this.unlockTemp = createTracked(path, `${process.pid}\n`);
        this.lockPath = path;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw outputFailure(join(shown, LOCK_FILE), err, 'Choose another folder with -o DIR.');
      }
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && running(pid)) {
        throw new OutputError({
          message: `${shown} is being written by another placepool (process ${pid})`,
          hint: `Wait for it to finish, or choose another folder with -o DIR. If no placepool is running, remove ${join(shown, LOCK_FILE)}.`,
        });
      }
      await rm(path, { force: true });
    }
  }

  private async unlock(): Promise<void> {
    if (this.lockPath) await rm(this.lockPath, { force: true }).catch(() => undefined);
    this.lockPath = undefined;
    this.unlockTemp();
  }

  async file(target: string): Promise<StreamFile> {
    const f = await StreamFile.create(target);
    this.files.push(f);
    return f;
  }

  /** Write a small file whole (summary.md, batch.json, summary.xlsx). */
  async whole(target: string, content: string | Uint8Array): Promise<StreamFile> {
    const f = await this.file(target);
    if (typeof content === 'string') await f.write(content);
    else await f.writeBytes(content);
    await f.close();
    return f;
  }

  /** Rename every file into place, in the order they were opened. */
  async commit(): Promise<void> {
    for (const f of this.files) await f.commit();
    await this.unlock();
    this.untrackMade();
  }

  async discard(): Promise<void> {
    await Promise.all(this.files.map((f) => f.discard()));
    await this.unlock();
    await removeMadeFolders(this.made);
    this.untrackMade();
  }
}
