// Running a batch: the shard's run ids in order, computed in chunks on the main thread (--jobs 1) or on worker
// threads, and written in run order as they complete. A window of chunks is in flight at once and the oldest is
// always written first, so results that arrive early wait in memory only until the chunks before them are
// done: memory stays bounded however many runs the batch has (yearly rows are never all held at once).
import { join, resolve } from 'node:path';
import { VERSION } from '../package-files.js';
import { workerFile, workerStartFailure } from '../workers.js';
import { linesByPlace } from '../model/series.js';
import { formatLocation } from '../errors.js';
import { assertNotInput } from '../io/output.js';
import { csvRecord, text } from '../report/csv.js';
import { RunComputer, YEARLY_HEADER, placeLines, placesOfRuns, raiseFailure, runsHeader, runsRecord, type BatchData, type RunFailure, type RunOutput, type RunTask } from './compute.js';
import { ensureFolder, FolderWriter } from './files.js';
import { shardCount, shardIds, type Shard } from './grid.js';
import type { BatchPlan } from './plan.js';
import { moneyToPlain } from '../io/scenario-money.js';
import { SUMMARY_XLSX_FILE, renderSummaryXlsx } from './summary-xlsx.js';
import { RECORD_FILE, RUNS_FILE, SUMMARY_FILE, SummaryAccumulator, YEARLY_FILE, renderRecord, renderSummary, type BatchRecord } from './summary.js';
import { simulateStatistics } from './simulate.js';
import { scenarioPriceText } from '../report/price-text.js';

export interface BatchOptions {
  jobs: number;
  shard: Shard;
  /** the output folder as given (for messages) and resolved */
  outShown: string;
  outDir: string;
  cwd: string;
  /** stdin's file descriptor, when it is the process's own (to refuse writing over the file it reads) */
  stdinFd?: number;
  /**
   * Told how many of the shard's runs are written, from 0 to `total`, as they are written (the CLI draws its
   * progress bar with it): the batch itself shows nothing.
   */
  onProgress?: (done: number, total: number) => void;
}

export interface BatchOutcome {
  record: BatchRecord;
  /** the runs' warnings by code: how many runs had one, and the first */
  runWarnings: RunWarning[];
}

export interface RunWarning {
  code: string;
  runs: number;
  first: { id: number; message: string };
}

type Result = RunOutput | RunFailure;

interface Executor {
  run(ids: number[]): Promise<Result[]>;
  close(): Promise<void>;
}

export function batchData(plan: BatchPlan): BatchData {
  const { lines: _lines, ...budgets } = plan.budgets;
  const data: BatchData = {
    budgets,
    scenarios: plan.scenarios.map((s) => ({ source: s.doc.source, format: s.doc.format, root: s.doc.root, ...(s.money ? { money: moneyToPlain(s.money) } : {}) })),
    sweep: plan.manifest.sweep.map((k) => ({ path: k.path, values: k.values.map((v) => v.value.toString()) })),
    places: plan.places,
    shape: plan.shape,
    expect: plan.manifest.expect.map((e) => ({ measure: e.measure, ...(e.statistic ? { statistic: e.statistic } : {}), op: e.op, value: e.value.toString(), text: e.text })),
  };
  if (plan.manifest.simulate) data.simulate = { draws: plan.manifest.simulate.draws, seed: plan.manifest.simulate.seed };
  return data;
}

function inProcess(plan: BatchPlan, data: BatchData): Executor {
  const computer = new RunComputer(data, data.simulate ? simulateStatistics : undefined, plan.budgets);
  return {
    run: async (ids) => ids.map((id) => computer.run(id)),
    close: async () => undefined,
  };
}

/**
 * Worker threads: each task carries the lines of the places its runs model (a chunk of a few dozen runs, places
 * varying fastest), so a thread holds only those, never a copy of the whole budgets file.
 */
async function workerPool(plan: BatchPlan, data: BatchData, jobs: number, filename: string): Promise<Executor> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename, workerData: data, minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
  const byPlace = linesByPlace(plan.budgets.lines);
  return {
    run: (ids) => {
      const task: RunTask = { ids, lines: placesOfRuns(data, ids).map((p) => placeLines(p, byPlace.get(p) ?? [])) };
      return (pool.run(task) as Promise<Result[]>).catch((err: unknown) => {
        throw workerStartFailure(err, jobs) ?? err;
      });
    },
    close: () => pool.destroy(),
  };
}

/** How many runs a task carries: enough to keep the overhead of a task small, few enough to balance the threads. */
function chunkSize(count: number, jobs: number, simulated: boolean): number {
  if (simulated || jobs <= 1) return jobs <= 1 ? 8 : 1;
  return Math.max(1, Math.min(32, Math.ceil(count / (jobs * 16))));
}

function* chunks(ids: Iterable<number>, size: number): Generator<number[]> {
  let cur: number[] = [];
  for (const id of ids) {
    cur.push(id);
    if (cur.length === size) {
      yield cur;
      cur = [];
    }
  }
  if (cur.length) yield cur;
}

export async function runBatch(plan: BatchPlan, options: BatchOptions): Promise<BatchOutcome> {
  const { shard } = options;
  const data = batchData(plan);
  const header = runsHeader(data);
  const count = shardCount(plan.total, shard);

  const targets = [RUNS_FILE, YEARLY_FILE, SUMMARY_FILE, RECORD_FILE, SUMMARY_XLSX_FILE].map((f) => join(options.outDir, f));
  // assertNotInput reads `book.xlsx#Sheet` both as the workbook and as a file of that name
  const inputArgs = [plan.budgetsArg, ...plan.scenarios.map((s) => s.arg), plan.manifest.source.name];
  for (const t of targets) assertNotInput(t, inputArgs, options.cwd, options.stdinFd);

  const folder = new FolderWriter(await ensureFolder(options.outDir, options.outShown));
  let executor: Executor | undefined;
  try {
    await folder.lock(options.outDir, options.outShown);
    // worker threads when asked for and built (the tests run the sources; a thread needs the compiled module)
    const script = options.jobs > 1 && count > 1 ? workerFile('batch/worker.js') : undefined;
    executor = script ? await workerPool(plan, data, Math.min(options.jobs, count), script) : inProcess(plan, data);
    const runs = await folder.file(resolve(targets[0]!));
    const yearly = await folder.file(resolve(targets[1]!));
    await runs.write(csvRecord(header.map(text)));
    await yearly.write(csvRecord(YEARLY_HEADER.map(text)));
    const acc = new SummaryAccumulator(header);
    // warnings already given before the runs (the scenarios' own) are not repeated
    const known = new Set(plan.warnings.map((w) => (w.loc ? `${formatLocation(w.loc)}: ` : '') + w.message));
    const runWarnings = new Map<string, RunWarning>();

    const size = chunkSize(count, options.jobs, data.simulate !== undefined);
    const window = Math.max(2, options.jobs * 4);
    const pending: Promise<Result[]>[] = [];
    const source = chunks(shardIds(plan.total, shard), size);
    const submit = (): boolean => {
      const next = source.next();
      if (next.done) return false;
      const p = executor!.run(next.value);
      p.catch(() => undefined); // awaited in order below; a rejection must not go unhandled meanwhile
      pending.push(p);
      return true;
    };
    while (pending.length < window && submit());
    let done = 0;
    options.onProgress?.(0, count);
    while (pending.length > 0) {
      const results = await pending.shift()!;
      submit();
      for (const r of results) {
        if ('error' in r) raiseFailure(r);
        await runs.write(runsRecord(r.cells), 1);
        await yearly.write(r.yearly, r.yearlyRecords);
        acc.add(r.cells, r.failed);
        const codes = new Set<string>();
        for (const w of r.warnings ?? []) {
          if (known.has(w.message) || codes.has(w.code)) continue;
          codes.add(w.code);
          const seen = runWarnings.get(w.code);
          if (seen) seen.runs++;
          else runWarnings.set(w.code, { code: w.code, runs: 1, first: { id: r.id, message: w.message } });
        }
        done++;
      }
      options.onProgress?.(done, count);
      // the runs of the main thread (--jobs 1) would keep it busy from the first chunk to the last: between
      // chunks let the event loop run, so that Ctrl-C removes the pending files at once (src/io/temps.ts)
      if (!script) await new Promise((resolve) => setImmediate(resolve));
    }

    const runsHash = await runs.close();
    const yearlyHash = await yearly.close();
    const record: BatchRecord = {
      tool: 'placepool',
      version: VERSION,
      manifest: plan.manifest.source,
      inputs: plan.inputs.slice(1),
      shard,
      runs_total: plan.total,
      runs: acc.runs,
      failed_runs: acc.failedRuns,
      failed_expectations: acc.failedExpectations,
      expectations: plan.manifest.expect.map((e) => e.text),
      prices: plan.scenarios.map((s) => ({ scenario: s.name, price_base: s.scenario.priceBase ?? null, text: scenarioPriceText(s.scenario) })),
      files: { 'runs.csv': { records: runs.records, sha256: runsHash }, 'yearly.csv': { records: yearly.records, sha256: yearlyHash } },
    };
    await folder.whole(resolve(targets[2]!), renderSummary(record, acc));
    await folder.whole(resolve(targets[4]!), await renderSummaryXlsx(record, acc));
    await folder.whole(resolve(targets[3]!), renderRecord(record));
    await folder.commit();
    return { record, runWarnings: [...runWarnings.values()] };
  } catch (err) {
    await folder.discard();
    throw err;
  } finally {
    await executor?.close();
  }
}
