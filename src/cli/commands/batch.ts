// placepool batch MANIFEST [--jobs J] [--shard K/N] [-o DIR]: many runs (scenarios x sweep points x places)
// with expectations, for CI. The work lives in src/batch/; this file reads the options and reports.
import { Option, type Command } from 'commander';
import { helpAfter } from '../help.js';
import type { Io } from '../../io-types.js';
import type { BatchOptions } from '../actions/batch.js';
import { commandContext, type CommonOptions } from '../options.js';

export const DEFAULT_BATCH_DIR = 'placepool-batch';

export function registerBatch(program: Command, io: Io): void {
  const cmd = program
    .command('batch')
    .argument('<manifest>', 'batch manifest (YAML or JSON); its paths are relative to it')
    .summary('many runs (places x scenarios x parameter sweeps) with expectations, for CI')
    .description(
      'Run every scenario of a manifest at every point of its sweep grid for every place, check the ' +
        "manifest's expectations on each run, and write runs.csv, yearly.csv, summary.md, summary.xlsx and batch.json to " +
        'a folder. Exits 1 (after writing everything) when any expectation fails.',
    )
    .option('-o, --output <dir>', `output folder (default: ./${DEFAULT_BATCH_DIR}); its files are replaced whole`)
    .option('--jobs <n>', 'worker threads (default: the number of CPU cores)')
    .option('--shard <k/n>', 'do only the runs with (run_id - 1) mod N = K - 1; `placepool merge` joins the N folders')
    .addOption(new Option('--color <when>', 'colour: auto, always or never (NO_COLOR also turns it off)').choices(['auto', 'always', 'never']).default('auto'))
    .option('-q, --quiet', 'print no warnings, progress or closing line')
    .option('--strict', 'treat warnings as errors (exit 65)');
  cmd.addHelpText('after', helpAfter(io, '\nManifest (see docs/ci.md, "The manifest"):\n' +
      '  budgets: budgets.csv\n' +
      '  scenarios: [whole-place.yaml, cautious-health-care.yaml]\n' +
      '  places: [Lambridge, Eastmoor]                  # optional; default all\n' +
      '  sweep: { investment.reinvest: [0, 0.25, 0.5] }  # optional; every value\n' +
      '  simulate: { draws: 2000, seed: 7 }              # optional; percentiles\n' +
      '  expect: { npv_cashable: ">= 0" }                # optional; every run\n' +
      '\nExamples:\n' +
      '  placepool batch manifest.yaml -o results\n' +
      '  placepool batch manifest.yaml --shard 2/4 -o shard-2   (then: placepool merge shard-* -o results)'));
  cmd.action(async (manifestArg: string, opts: BatchOptions) => {
    // batch writes no report to stdout: the context serves only for messages, warnings and --strict
    const common: CommonOptions = { layout: 'wide', color: opts.color, ...(opts.quiet ? { quiet: true } : {}), ...(opts.strict ? { strict: true } : {}) };
    const ctx = commandContext(io, common, ['table']);
    await (await import('../actions/batch.js')).batch(ctx, manifestArg, { ...opts, output: opts.output ?? DEFAULT_BATCH_DIR });
  });
}
