// placepool schema scenario|manifest: print the JSON Schema of scenario or manifest files, for editors.
import type { Command } from 'commander';
import { helpAfter } from '../help.js';
import { UsageError, suggest } from '../../errors.js';
import type { Io } from '../../io-types.js';

interface SchemaOptions {
  output?: string;
}

const KINDS = ['scenario', 'manifest'] as const;

export function registerSchema(program: Command, io: Io): void {
  const cmd = program
    .command('schema')
    .argument('<kind>', 'scenario or manifest')
    .summary('print the JSON Schema of scenario or manifest files, for editors')
    .description(
      'Print the JSON Schema (draft 2020-12) of scenario files or of batch manifests: every field with its ' +
        'description, default and valid range. Editors that use the YAML language server complete and ' +
        'check a file as it is typed when its first line names the schema: ' +
        '`# yaml-language-server: $schema=scenario.schema.json`.',
    )
    .option('-o, --output <file>', 'write the schema to FILE instead of stdout');
  cmd.addHelpText('after', helpAfter(io, '\nExample:\n  placepool schema scenario -o scenario.schema.json'));
  cmd.action(async (kind: string, opts: SchemaOptions) => {
    if (!(KINDS as readonly string[]).includes(kind)) {
      const guess = suggest(kind, KINDS);
      throw new UsageError({ message: `unknown schema \`${kind}\``, hint: `${guess ? `Did you mean \`${guess}\`? ` : ''}Write \`placepool schema scenario\` or \`placepool schema manifest\`.` });
    }
    await (await import('../schemas.js')).emitSchema(io, kind as (typeof KINDS)[number], opts.output);
  });
}
