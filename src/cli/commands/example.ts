// placepool example [DIR]: write the bundled example to start from.
import { Option, type Command } from 'commander';
import type { Io } from '../../io-types.js';
import { Messenger, colorEnabled, type ColorMode } from '../context.js';
import { count } from '../../words.js';

interface ExampleOptions {
  force?: boolean;
  quiet?: boolean;
  color: ColorMode;
}

export function registerExample(program: Command, io: Io): void {
  program
    .command('example')
    .argument('[dir]', 'folder to write into (created if missing)', 'placepool-example')
    .option('--force', 'overwrite files that already exist')
    .option('-q, --quiet', 'print nothing on success')
    .addOption(new Option('--color <when>', 'colour: auto, always or never (NO_COLOR also turns it off)').choices(['auto', 'always', 'never']).default('auto'))
    .summary('write the bundled example (budgets, scenarios, batch manifest) to DIR')
    .description(
      'Write the bundled example to DIR: budgets.csv (two London-style boroughs, five silos), three scenarios ' +
        '(a cautious health-and-care pool, a whole-place pool, and one with uncertain values) and a batch ' +
        'manifest, as working files to start from. Existing files are kept unless --force.',
    )
    .action(async (dir: string, opts: ExampleOptions) => {
      const { writeExample } = await import('../example.js');
      const written = await writeExample(io, dir, opts.force === true);
      const msg = new Messenger(io, opts.quiet === true, colorEnabled(opts.color, io.stderr, io.env));
      msg.info(`placepool: wrote ${count(written.length, 'file')} to ${dir}: ${written.join(', ')}`);
      msg.info(`Next: placepool run ${dir}/budgets.csv -s ${dir}/whole-place.yaml`);
    });
}
