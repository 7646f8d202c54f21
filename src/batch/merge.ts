// `merge`: the N shard folders of one batch joined into the folder the unsharded batch writes, byte for byte.
// Each shard's batch.json says which manifest (its SHA-256, and its inputs') and which shard K/N it holds, and
// the SHA-256 of its data files: a folder whose batch finished and whose files are untouched. The data files
// are streamed, run by run, in run_id order (run i comes from shard (i - 1) mod N + 1); each record is copied
// as written, never re-formatted.
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse';
import { FileOpenError, InputError, UsageError, type Problem } from '../errors.js';
import { MAX_DOCUMENT_BYTES } from '../io/input.js';

/** A shard's data files are streamed, never held: up to 1 GB each. */
export const MAX_SHARD_BYTES = 1024 ** 3;
import { samePath } from '../io/output.js';
import { ensureFolder, FolderWriter } from './files.js';
import { shardCount } from './grid.js';
import { SUMMARY_XLSX_FILE, renderSummaryXlsx } from './summary-xlsx.js';
import { RECORD_FILE, RUNS_FILE, SUMMARY_FILE, SummaryAccumulator, YEARLY_FILE, renderRecord, renderSummary, type BatchRecord } from './summary.js';
import { count, noun } from '../words.js';

export interface MergeOptions {
  cwd: string;
  /** the output folder as given, and resolved */
  outShown: string;
  outDir: string;
}

interface Shard {
  dir: string;
  shown: string;
  record: BatchRecord;
}

async function readRecord(shown: string, cwd: string): Promise<Shard> {
  const dir = resolve(cwd, shown);
  const s = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    throw new FileOpenError({ message: `cannot open the shard folder ${shown}: ${err.code === 'ENOENT' ? 'no such folder' : err.message}`, hint: 'Give the folders that `placepool batch --shard K/N -o DIR` wrote.' });
  });
  if (!s.isDirectory()) throw new FileOpenError({ message: `${shown} is not a folder`, hint: 'Give the folders that `placepool batch --shard K/N -o DIR` wrote.' });
  const file = join(shown, RECORD_FILE);
  let text: string;
  const handle = await openShardFile(dir, shown, RECORD_FILE, MAX_DOCUMENT_BYTES);
  try {
    text = await handle.readFile('utf8');
  } catch (err) {
    throw new FileOpenError({ message: `cannot read ${file}: ${(err as Error).message}` });
  } finally {
    await handle.close();
  }
  let record: BatchRecord;
  try {
    record = JSON.parse(text) as BatchRecord;
  } catch {
    throw new InputError({ message: `${file} is not valid JSON`, loc: { file }, hint: 'Run the shard again: batch.json is written by placepool, not by hand.' });
  }
  if (record?.tool !== 'placepool' || typeof record.shard?.k !== 'number' || typeof record.shard?.n !== 'number' || !record.files?.['runs.csv'] || !record.files?.['yearly.csv']) {
    throw new InputError({ message: `${file} is not the record of a placepool batch`, loc: { file }, hint: 'Give the folders that `placepool batch --shard K/N -o DIR` wrote.' });
  }
  return { dir, shown, record };
}

/**
 * Open a file of a shard folder: it must be there, a regular file (not a pipe or a device that never ends) and
 * no larger than `limit`. A folder without it is not a finished batch folder (exit 65); too many open files
 * (a merge keeps two files of every shard open) says how many are needed.
 */
async function openShardFile(dir: string, shown: string, name: string, limit: number, shards = 1): Promise<FileHandle> {
  const file = join(shown, name);
  let handle: FileHandle;
  try {
    handle = await open(join(dir, name), 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EMFILE' || code === 'ENFILE') {
      throw new FileOpenError({
        message: `cannot open ${file}: too many open files (merging ${shards} shards keeps ${2 * shards} files open at once)`,
        hint: `Raise the limit of open files (\`ulimit -n ${2 * shards + 64}\`), or split the batch into fewer shards.`,
      });
    }
    throw new InputError({
      message: `${shown} holds no ${name}${code === 'ENOENT' ? '' : ` that can be read (${(err as Error).message})`}, so it is not a finished batch folder`,
      loc: { file },
      hint: 'A batch writes its files when every run is done: run the shard again (placepool batch MANIFEST --shard K/N -o DIR).',
    });
  }
  const s = await handle.stat();
  if (!s.isFile() || s.size > limit) {
    await handle.close();
    throw new InputError({
      message: `${file} is ${s.isFile() ? `larger than ${limit === MAX_DOCUMENT_BYTES ? '1 MB' : '1 GB'}` : 'not a regular file'}, so it is not a file a batch wrote`,
      loc: { file },
      hint: 'Run the shard again (placepool batch MANIFEST --shard K/N -o DIR).',
    });
  }
  return handle;
}

/** Check that the folders are the N shards of one batch, each once and complete; returns them in K order. */
export function checkShards(shards: Shard[]): Shard[] {
  const first = shards[0]!;
  const problems: Problem[] = [];
  const n = first.record.shard.n;
  const sameInputs = (a: BatchRecord, b: BatchRecord) => a.inputs.length === b.inputs.length && a.inputs.every((x, i) => x.sha256 === b.inputs[i]!.sha256);
  for (const s of shards.slice(1)) {
    const where = { file: join(s.shown, RECORD_FILE) };
    if (s.record.manifest.sha256 !== first.record.manifest.sha256) {
      problems.push({ message: `${s.shown} was made from another manifest than ${first.shown} (SHA-256 ${s.record.manifest.sha256.slice(0, 12)}... against ${first.record.manifest.sha256.slice(0, 12)}...)`, loc: where, hint: 'Merge the shards of one batch: run every shard from the same manifest.' });
    } else if (!sameInputs(s.record, first.record)) {
      problems.push({ message: `${s.shown} was made from other budgets or scenario files than ${first.shown} (the same manifest, but a file it names changed between the shards)`, loc: where, hint: 'Run every shard again from the same files.' });
    }
    if (s.record.shard.n !== n) problems.push({ message: `${s.shown} is shard ${s.record.shard.k}/${s.record.shard.n}, but ${first.shown} is shard ${first.record.shard.k}/${n}`, loc: where, hint: 'Merge the shards of one split: every --shard K/N with the same N.' });
    if (s.record.version !== first.record.version) problems.push({ message: `${s.shown} was made by placepool ${s.record.version}, ${first.shown} by ${first.record.version}`, loc: where, hint: 'Run every shard with the same version of placepool.' });
  }
  if (problems.length) throw new InputError(problems, problems.length > 1 ? 'the folders are not the shards of one batch' : undefined);

  const byK = new Map<number, Shard>();
  for (const s of shards) {
    const other = byK.get(s.record.shard.k);
    if (other) problems.push({ message: `${s.shown} and ${other.shown} are both shard ${s.record.shard.k}/${n}`, loc: { file: join(s.shown, RECORD_FILE) }, hint: 'Give each shard folder once.' });
    else byK.set(s.record.shard.k, s);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byK.has(k));
  if (missing.length) {
    problems.push({
      message: `${noun(missing.length, 'shard')} ${missing.map((k) => `${k}/${n}`).join(', ')} ${noun(missing.length, 'is', 'are')} missing: a merge needs all ${n} shards`,
      hint: `Run \`placepool batch MANIFEST --shard K/${n} -o DIR\` for each missing K and give every folder to merge.`,
    });
  }
  for (const s of byK.values()) {
    const expected = shardCount(s.record.runs_total, s.record.shard);
    if (s.record.runs !== expected || s.record.files['runs.csv'].records !== expected) {
      problems.push({ message: `${s.shown} holds ${count(s.record.runs, 'run')}, but shard ${s.record.shard.k}/${n} of ${count(s.record.runs_total, 'run')} has ${expected}`, loc: { file: join(s.shown, RECORD_FILE) }, hint: 'Run the shard again.' });
    }
  }
  if (problems.length) throw new InputError(problems, problems.length > 1 ? `the shards cannot be merged (${problems.length} problems)` : undefined);
  return [...byK.values()].sort((a, b) => a.record.shard.k - b.record.shard.k);
}

type Raw = { record: string[]; raw: string };

/** A CSV file read record by record (raw text kept), hashed as it is read, with one record of look-ahead. */
class RecordReader {
  private readonly it: AsyncIterator<Raw>;
  private peeked: Raw | undefined;
  private ended = false;
  private readonly hash = createHash('sha256');
  private readonly stream: ReturnType<FileHandle['createReadStream']>;
  records = -1; // the header is not counted
  constructor(
    handle: FileHandle,
    readonly shown: string,
  ) {
    const stream = handle.createReadStream({ autoClose: true });
    this.stream = stream;
    stream.on('data', (chunk) => this.hash.update(chunk));
    const parser = stream.pipe(parse({ raw: true, relax_column_count: true }));
    stream.on('error', (err) => parser.destroy(err));
    this.it = (parser as AsyncIterable<Raw>)[Symbol.asyncIterator]();
  }

  async peek(): Promise<Raw | undefined> {
    if (this.peeked || this.ended) return this.peeked;
    try {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else this.peeked = r.value;
    } catch (err) {
      throw new InputError({ message: `${this.shown} cannot be read as CSV: ${(err as Error).message}`, loc: { file: this.shown }, hint: 'Run the shard again: the file was changed after the batch wrote it.' });
    }
    return this.peeked;
  }

  async next(): Promise<Raw | undefined> {
    const r = await this.peek();
    this.peeked = undefined;
    if (r) this.records++;
    return r;
  }

  /** Read to the end, and check the file is the one the shard's record describes. */
  async finish(expected: { records: number; sha256: string }): Promise<void> {
    if (await this.peek()) throw this.changed('it holds runs that do not belong to this shard');
    if (this.records !== expected.records || this.hash.digest('hex') !== expected.sha256) throw this.changed('it is not the file the batch wrote');
  }

  close(): void {
    this.stream.destroy();
  }

  changed(why: string): InputError {
    return new InputError({ message: `${this.shown} has been changed since the batch wrote it: ${why}`, loc: { file: this.shown }, hint: 'Run the shard again (placepool batch MANIFEST --shard K/N -o DIR).' });
  }
}

export async function mergeShards(dirs: readonly string[], options: MergeOptions): Promise<BatchRecord> {
  const outDir = resolve(options.cwd, options.outShown);
  const loaded: Shard[] = [];
  for (const d of dirs) {
    const s = await readRecord(d, options.cwd);
    // by identity: a link to a shard folder, or a second path to it, is that folder
    if (samePath(s.dir, outDir)) throw new UsageError({ message: `the output folder ${options.outShown} is also a shard folder`, hint: 'Write the merged batch to a new folder with -o DIR.' });
    loaded.push(s);
  }
  const shards = checkShards(loaded);
  const first = shards[0]!.record;
  const total = first.runs_total;
  const n = shards.length;

  // every shard's files are opened (and checked) before the output folder is made
  const readers: { runs: RecordReader; yearly: RecordReader }[] = [];
  const closeReaders = (): void => {
    for (const r of readers) {
      r.runs.close();
      r.yearly.close();
    }
  };
  let folder: FolderWriter;
  try {
    for (const s of shards) {
      const runs = await openShardFile(s.dir, s.shown, RUNS_FILE, MAX_SHARD_BYTES, n);
      const yearly = await openShardFile(s.dir, s.shown, YEARLY_FILE, MAX_SHARD_BYTES, n).catch(async (err: unknown) => {
        await runs.close();
        throw err;
      });
      readers.push({ runs: new RecordReader(runs, join(s.shown, RUNS_FILE)), yearly: new RecordReader(yearly, join(s.shown, YEARLY_FILE)) });
    }
    folder = new FolderWriter(await ensureFolder(options.outDir, options.outShown));
  } catch (err) {
    closeReaders();
    throw err;
  }
  try {
    await folder.lock(options.outDir, options.outShown);
    const runs = await folder.file(join(options.outDir, RUNS_FILE));
    const yearly = await folder.file(join(options.outDir, YEARLY_FILE));
    // headers: the same in every shard (the same manifest), written once
    let runsHeader: Raw | undefined;
    let yearlyHeader: Raw | undefined;
    for (const r of readers) {
      const rh = await r.runs.next();
      const yh = await r.yearly.next();
      if (!rh || (runsHeader && rh.raw !== runsHeader.raw)) throw r.runs.changed('its header is not the batch\'s');
      if (!yh || (yearlyHeader && yh.raw !== yearlyHeader.raw)) throw r.yearly.changed('its header is not the batch\'s');
      runsHeader ??= rh;
      yearlyHeader ??= yh;
    }
    await runs.write(runsHeader!.raw);
    await yearly.write(yearlyHeader!.raw);
    const acc = new SummaryAccumulator(runsHeader!.record);
    const expCol = runsHeader!.record.length - 1;

    for (let id = 1; id <= total; id++) {
      const r = readers[(id - 1) % n]!;
      const row = await r.runs.next();
      if (!row || row.record[0] !== String(id)) throw r.runs.changed(row ? `run ${row.record[0]} is where run ${id} should be` : `run ${id} is missing`);
      await runs.write(row.raw, 1);
      acc.add(row.record, row.record[expCol] === 'pass' ? 0 : 1);
      let text = '';
      let count = 0;
      for (let y = await r.yearly.peek(); y && y.record[0] === String(id); y = await r.yearly.peek()) {
        text += (await r.yearly.next())!.raw;
        count++;
      }
      if (count === 0) throw r.yearly.changed(`run ${id} has no rows`);
      await yearly.write(text, count);
    }
    for (let i = 0; i < n; i++) {
      await readers[i]!.runs.finish(shards[i]!.record.files['runs.csv']);
      await readers[i]!.yearly.finish(shards[i]!.record.files['yearly.csv']);
    }
    // the count of failed expectations is not in runs.csv (one cell may hold several): the shards' records sum it
    acc.failedExpectations = shards.reduce((a, s) => a + s.record.failed_expectations, 0);
    const runsHash = await runs.close();
    const yearlyHash = await yearly.close();
    const record: BatchRecord = {
      ...first,
      shard: { k: 1, n: 1 },
      runs: acc.runs,
      failed_runs: acc.failedRuns,
      failed_expectations: acc.failedExpectations,
      files: { 'runs.csv': { records: runs.records, sha256: runsHash }, 'yearly.csv': { records: yearly.records, sha256: yearlyHash } },
    };
    await folder.whole(join(options.outDir, SUMMARY_FILE), renderSummary(record, acc));
    await folder.whole(join(options.outDir, SUMMARY_XLSX_FILE), await renderSummaryXlsx(record, acc));
    await folder.whole(join(options.outDir, RECORD_FILE), renderRecord(record));
    await folder.commit();
    return record;
  } catch (err) {
    await folder.discard();
    throw err;
  } finally {
    closeReaders();
  }
}
