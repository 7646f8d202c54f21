// The command-line program: commander wiring only. Each command lives in src/cli/commands/ and loads its
// heavy modules lazily, so `--help` stays fast. Exit codes come from src/cli/errors.ts.
import { Command, CommanderError } from 'commander';
import { EXIT } from '../errors.js';
import { VERSION } from '../version.js';
import type { Io } from './context.js';
import { reportError } from './errors.js';
import { registerBaseline } from './commands/baseline.js';
import { registerBatch } from './commands/batch.js';
import { registerBreakeven } from './commands/breakeven.js';
import { registerCompare } from './commands/compare.js';
import { registerExample } from './commands/example.js';
import { registerMerge } from './commands/merge.js';
import { registerRun } from './commands/run.js';
import { registerSimulate } from './commands/simulate.js';
import { registerTornado } from './commands/tornado.js';
import { registerValidate } from './commands/validate.js';

export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export function buildProgram(io: Io): Command {
  const program = new Command('placepool')
    .description(
      'Model pooled place-based budgets (health, social care, employment support, childcare) and the cashable ' +
        'savings of shifting spend from reaction to prevention: who invests, who saves, when it pays back.',
    )
    .version(VERSION, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    // wrap help at 100 columns (or the terminal's width if narrower) rather than at commander's 80
    .configureHelp({ helpWidth: Math.min(100, io.stdout.columns ?? 100) })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'placepool: usage error: ')),
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 expectation not met, 2 usage, 65 invalid data, 66 cannot open input,\n' +
        '73 cannot write output, 70 internal error.\n\nStart here: `placepool run` runs the bundled example; `placepool example DIR` writes its files.',
    );
  registerRun(program, io);
  registerBaseline(program, io);
  registerValidate(program, io);
  registerCompare(program, io);
  registerSimulate(program, io);
  registerTornado(program, io);
  registerBreakeven(program, io);
  registerBatch(program, io);
  registerMerge(program, io);
  registerExample(program, io);
  // subcommands inherit the error and output behaviour
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(add --help for usage)');
  }
  return program;
}

/** Run the CLI with the given arguments; returns the exit code (and sets process.exitCode for the real process). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(io, err);
  }
}

export async function main(argv: string[]): Promise<void> {
  const io = processIo();
  // A closed stdout (`placepool ... | head`) ends quietly with status 0.
  let pipeClosed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // other write errors reach the writer through its callback (src/cli/output.ts writeStdout): exit 73
    if (err.code === 'EPIPE') pipeClosed = true;
  });
  // An error thrown outside the command's promise (in a stream or timer callback) is still a bug: the same
  // short message and exit 70 as any other, not Node's stack trace and exit 1.
  let crashed = false;
  const crash = (err: unknown): void => {
    if (!crashed) reportError(io, err);
    crashed = true;
    process.exitCode = EXIT.internal;
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const code = await runCli(argv, io);
  process.exitCode = crashed ? EXIT.internal : pipeClosed ? EXIT.ok : code;
}
