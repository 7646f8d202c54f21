// What `placepool batch` does once its options are read (src/cli/commands/batch.ts registers it).
import { resolve } from 'node:path';
import { parseShard } from '../../batch/grid.js';
import { loadPlan } from '../../batch/plan.js';
import { runBatch } from '../../batch/runner.js';
import { ExpectationError, InputError, UsageError } from '../../errors.js';
import { progressEnabled, type ColorMode } from '../context.js';
import { emitWarnings, jobsOption, type CommandContext } from '../options.js';
import { ProgressBar } from '../progress.js';
import { count } from '../../words.js';

export interface BatchOptions {
  output?: string;
  jobs?: string;
  shard?: string;
  color: ColorMode;
  quiet?: boolean;
  strict?: boolean;
}

/** `opts.output` is the folder given, or the command's default. */
export async function batch(ctx: CommandContext, manifestArg: string, opts: BatchOptions & { output: string }): Promise<void> {
  const io = ctx.io;
  const msg = ctx.msg;
  const quiet = opts.quiet === true;
  const jobs = jobsOption(ctx, opts.jobs, 1024);
  const shard = opts.shard === undefined ? { k: 1, n: 1 } : parseShard(opts.shard);
  if (typeof shard === 'string') throw new UsageError({ message: shard, hint: 'Write --shard 1/4 for the first of four shards.' });
  if (opts.output === '' || opts.output === '-') throw new UsageError({ message: 'batch writes a folder of files, not to stdout', hint: 'Give -o DIR.' });
  const outShown = opts.output;

  const plan = await loadPlan(manifestArg, io, {
    onGrid: (text) => msg.info(`placepool: batch of ${text}${shard.n > 1 ? `; shard ${shard.k}/${shard.n}` : ''}`),
  });
  emitWarnings(ctx, plan.warnings);

  let bar: ProgressBar | undefined;
  const onProgress = (done: number, total: number): void => (bar ??= new ProgressBar(io.stderr, total, { label: 'runs' })).update(done);
  let outcome;
  try {
    outcome = await runBatch(plan, {
      jobs,
      shard,
      outShown,
      outDir: resolve(io.cwd, outShown),
      cwd: io.cwd,
      ...(io.stdinFd !== undefined ? { stdinFd: io.stdinFd } : {}),
      ...(progressEnabled(io, quiet) ? { onProgress } : {}),
    });
  } finally {
    bar?.clear();
  }
  const { record, runWarnings } = outcome;
  const n = record.runs;
  const m = record.failed_expectations;
  // one line per kind of warning, not one per run: a batch may have many thousands
  const warnings = runWarnings.map((w) => ({
    code: w.code,
    message: `${w.code} in ${w.runs} of ${count(n, 'run')}; the first, run ${w.first.id}: ${w.first.message}`,
  }));
  if (opts.strict && warnings.length) {
    throw new InputError(warnings, `${warnings.length === 1 ? 'a warning' : `${warnings.length} kinds of warning`} in the runs, treated as errors under --strict (the files are written)`);
  }
  for (const w of warnings) msg.warn(w);
  msg.info(`${count(n, 'run')}, ${count(m, 'failed expectation')}, written to ${outShown}`);
  if (m > 0) {
    throw new ExpectationError({
      message: `${record.failed_runs} of ${count(n, 'run')} did not meet the manifest's expectations`,
      hint: `See ${outShown}/summary.md, and the \`expectations\` column of ${outShown}/runs.csv.`,
    });
  }
}
