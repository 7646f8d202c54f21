// placepool batch MANIFEST [--jobs J] [--shard K/N] [-o DIR]: many runs (scenarios x sweep points x places)
// with expectations, for CI. The work lives in src/batch/; this file reads the options and reports.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ExpectationError, InputError, UsageError } from '../../errors.js';
import { progressEnabled, type ColorMode } from '../context.js';
import type { Io } from '../../io-types.js';
import { commandContext, emitWarnings, intOption, type CommonOptions } from '../options.js';

interface BatchOptions {
  output?: string;
  jobs?: string;
  shard?: string;
  color: ColorMode;
  quiet?: boolean;
  strict?: boolean;
}

export const DEFAULT_BATCH_DIR = 'placepool-batch';

export function registerBatch(program: Command, io: Io): void {
  const cmd = program
    .command('batch')
    .argument('<manifest>', 'batch manifest (YAML or JSON); its paths are relative to it')
    .summary('many runs (places x scenarios x parameter sweeps) with expectations, for CI')
    .description(
      'Run every scenario of a manifest at every point of its sweep grid for every place, check the ' +
        "manifest's expectations on each run, and write runs.csv, yearly.csv, summary.md and batch.json to " +
        'a folder. Exits 1 (after writing everything) when any expectation fails.',
    )
    .option('-o, --output <dir>', `output folder (default: ./${DEFAULT_BATCH_DIR}); its files are replaced whole`)
    .option('--jobs <n>', 'worker threads (default: the number of CPU cores)')
    .option('--shard <k/n>', 'do only the runs with (run_id - 1) mod N = K - 1; `placepool merge` joins the N folders')
    .addOption(new Option('--color <when>', 'colour: auto, always or never (NO_COLOR also turns it off)').choices(['auto', 'always', 'never']).default('auto'))
    .option('-q, --quiet', 'print no warnings, progress or closing line')
    .option('--strict', 'treat warnings as errors (exit 65)');
  cmd.addHelpText(
    'after',
    '\nManifest (see INTERFACE.md):\n' +
      '  budgets: budgets.csv\n' +
      '  scenarios: [whole-place.yaml, cautious-health-care.yaml]\n' +
      '  places: [Lambridge, Eastmoor]                       # optional; default every place\n' +
      '  sweep: { investment.reinvest: [0, 0.25, 0.5] }       # optional; every combination\n' +
      '  simulate: { draws: 2000, seed: 7 }                   # optional; adds percentiles\n' +
      '  expect: { npv_cashable: ">= 0", payback_t: "<= 6" }  # optional; checked for every run\n' +
      '\nExamples:\n' +
      '  placepool batch manifest.yaml -o results\n' +
      '  placepool batch manifest.yaml --shard 2/4 -o shard-2   (then: placepool merge shard-* -o results)',
  );
  cmd.action(async (manifestArg: string, opts: BatchOptions) => {
    const quiet = opts.quiet === true;
    // batch writes no report to stdout: the context serves only for messages, warnings and --strict
    const common: CommonOptions = { layout: 'wide', color: opts.color, ...(opts.quiet ? { quiet: true } : {}), ...(opts.strict ? { strict: true } : {}) };
    const ctx = commandContext(io, common, ['table']);
    const msg = ctx.msg;
    const jobs = intOption('--jobs', opts.jobs, 1, 1024) ?? Math.max(1, availableParallelism());
    const { parseShard } = await import('../../batch/grid.js');
    const shard = opts.shard === undefined ? { k: 1, n: 1 } : parseShard(opts.shard);
    if (typeof shard === 'string') throw new UsageError({ message: shard, hint: 'Write --shard 1/4 for the first of four shards.' });
    if (opts.output === '' || opts.output === '-') throw new UsageError({ message: 'batch writes a folder of files, not to stdout', hint: 'Give -o DIR.' });
    const outShown = opts.output ?? DEFAULT_BATCH_DIR;

    const { loadPlan } = await import('../../batch/plan.js');
    const plan = await loadPlan(manifestArg, io, {
      onGrid: (text) => msg.info(`placepool: batch of ${text}${shard.n > 1 ? `; shard ${shard.k}/${shard.n}` : ''}`),
    });
    emitWarnings(ctx, plan.warnings);

    const { runBatch } = await import('../../batch/runner.js');
    const { ProgressBar } = await import('../progress.js');
    let bar: InstanceType<typeof ProgressBar> | undefined;
    const onProgress = (done: number, total: number): void => (bar ??= new ProgressBar(io.stderr, total, { label: 'runs' })).update(done);
    let outcome;
    try {
      outcome = await runBatch(plan, {
        jobs,
        shard,
        outShown,
        outDir: resolve(io.cwd, outShown),
        cwd: io.cwd,
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
      message: `${w.code} in ${w.runs} of ${n} run${n === 1 ? '' : 's'}; the first, run ${w.first.id}: ${w.first.message}`,
    }));
    if (opts.strict && warnings.length) {
      throw new InputError(warnings, `${warnings.length === 1 ? 'a warning' : `${warnings.length} kinds of warning`} in the runs, treated as errors under --strict (the files are written)`);
    }
    for (const w of warnings) msg.warn(w);
    msg.info(`${n} run${n === 1 ? '' : 's'}, ${m} failed expectation${m === 1 ? '' : 's'}, written to ${outShown}`);
    if (m > 0) {
      throw new ExpectationError({
        message: `${record.failed_runs} of ${n} run${n === 1 ? '' : 's'} did not meet the manifest's expectations`,
        hint: `See ${outShown}/summary.md, and the \`expectations\` column of ${outShown}/runs.csv.`,
      });
    }
  });
}
