// The table of commands in src/cli/main.ts lets `placepool --help` list every command without loading any
// command module (start-up time, issue 8). These tests keep it true to the modules it stands for.
import { Command, Help } from 'commander';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/io-types.js';
import { COMMANDS, buildProgram, namedCommand } from '../../src/cli/main.js';

function io(): Io {
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  return { stdin: process.stdin, stdout: Object.assign(sink, { columns: 100 }), stderr: sink, env: {}, cwd: process.cwd() };
}

describe('the table of commands', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('lists %s as its module registers it', async (name, entry) => {
    const program = new Command('placepool');
    (await entry.load())(program, io());
    expect(program.commands.map((c) => c.name())).toEqual([name]);
    const help = new Help();
    expect(help.subcommandTerm(program.commands[0]!)).toBe(entry.term);
    expect(help.subcommandDescription(program.commands[0]!)).toBe(entry.summary);
  });

  it('gives the same program help, byte for byte, as the program with every command loaded', async () => {
    const listed = (await buildProgram(io(), ['--help'])).helpInformation();
    const loaded = (await buildProgram(io())).helpInformation();
    expect(listed).toBe(loaded);
    expect(listed).toMatch(/^ {2}help \[command\] /m);
  });

  it('loads only the command a command line names', () => {
    expect(namedCommand(['run', 'budgets.csv', '-s', 'a.yaml'])?.name).toBe('run');
    expect(namedCommand(['help', 'simulate'])?.name).toBe('simulate');
    expect(namedCommand(['batch', '--help'])?.name).toBe('batch');
    expect(namedCommand(['--help'])).toBeUndefined();
    expect(namedCommand(['-h', 'run'])).toBeUndefined();
    expect(namedCommand(['--version'])).toBeUndefined();
    expect(namedCommand(['frobnicate'])).toBeUndefined();
    expect(namedCommand([])).toBeUndefined();
  });
});
