import type { Command } from 'commander';
import type { Io } from '../context.js';

// Placeholder until this command is built: it is registered so that --help lists every command.
export function registerExample(program: Command, _io: Io): void {
  program.command('example').description('(not built yet)').action(() => {
    throw new Error('the example command is not built yet');
  });
}
