// placepool merge DIR... -o DIR: join the folders of a batch's shards into what the unsharded batch writes.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { helpAfter } from '../help.js';
import { ExpectationError } from '../../errors.js';
import type { ColorMode } from '../context.js';
import type { Io } from '../../io-types.js';
import { commandContext, type CommonOptions } from '../options.js';
import { count } from '../../words.js';

interface MergeOptions {
  output: string;
  color: ColorMode;
  quiet?: boolean;
}

export function registerMerge(program: Command, io: Io): void {
  const cmd = program
    .command('merge')
    .argument('<dirs...>', 'the output folders of every shard of one batch (`placepool batch --shard K/N -o DIR`)')
    .summary("combine the output folders of a batch's shards into what the unsharded batch writes")
    .description(
      "Check that the folders are the N shards of one batch (the same manifest and inputs, every K once, each " +
        'complete and unchanged) and write runs.csv, yearly.csv, summary.md, summary.xlsx and batch.json exactly as the ' +
        'unsharded batch would. Exits 1 (after writing everything) when any expectation failed.',
    )
    .requiredOption('-o, --output <dir>', 'the folder to write the merged batch to')
    .addOption(new Option('--color <when>', 'colour: auto, always or never (NO_COLOR also turns it off)').choices(['auto', 'always', 'never']).default('auto'))
    .option('-q, --quiet', 'print no closing line');
  cmd.addHelpText('after', helpAfter(io, '\nExample:\n  placepool merge shard-1 shard-2 shard-3 -o results'));
  cmd.action(async (dirs: string[], opts: MergeOptions) => {
    const common: CommonOptions = { layout: 'wide', color: opts.color, ...(opts.quiet ? { quiet: true } : {}) };
    const { msg } = commandContext(io, common, ['table']);
    const { mergeShards } = await import('../../batch/merge.js');
    const record = await mergeShards(dirs, { cwd: io.cwd, outShown: opts.output, outDir: resolve(io.cwd, opts.output) });
    const n = record.runs;
    const m = record.failed_expectations;
    msg.info(`${count(n, 'run')}, ${count(m, 'failed expectation')}, written to ${opts.output}`);
    if (m > 0) {
      throw new ExpectationError({
        message: `${record.failed_runs} of ${count(n, 'run')} did not meet the manifest's expectations`,
        hint: `See ${opts.output}/summary.md, and the \`expectations\` column of ${opts.output}/runs.csv.`,
      });
    }
  });
}
