import type { Command } from 'commander';
import type { Io } from '../context.js';

// Placeholder until this command is built: it is registered so that --help lists every command.
export function registerTornado(program: Command, _io: Io): void {
  program.command('tornado').description('(not built yet)').action(() => {
    throw new Error('the tornado command is not built yet');
  });
}
