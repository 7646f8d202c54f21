// The command-line program: commander wiring only. Each command lives in src/cli/commands/ and loads its
// heavy modules lazily, so `--help` stays fast. Exit codes come from src/cli/errors.ts.
//
// Start-up: a command line that names a command loads that command's module only; one that names none
// (`placepool --help`, `--version`, a mistyped command) lists the commands from the table below without
// loading any of them. test/cli/commands-table.test.ts checks the table against the modules.
import { Command, CommanderError, Help } from 'commander';
import { helpAfter, terminalWidth } from './help.js';
import { EXIT } from '../errors.js';
import { VERSION } from '../package-files.js';
import type { Io } from '../io-types.js';
import { reportError } from './errors.js';
import { noteRawArguments, visibleControls } from '../terminal-text.js';
import { readFileSync } from 'node:fs';

type Register = (program: Command, io: Io) => void;

export interface CommandEntry {
  name: string;
  /** the command as the program's help lists it: name, `[options]`, arguments */
  term: string;
  /** its one-line description in that list */
  summary: string;
  load: () => Promise<Register>;
}

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    term: 'run [options] [budgets]',
    summary: 'project one scenario: flows by silo, summary, who pays and who benefits',
    load: async () => (await import('./commands/run.js')).registerRun,
  },
  {
    name: 'baseline',
    term: 'baseline [options] <budgets>',
    summary: "the place's budgets by silo and stage, with totals and the reactive and preventive shares",
    load: async () => (await import('./commands/baseline.js')).registerBaseline,
  },
  {
    name: 'validate',
    term: 'validate [options] <budgets>',
    summary: 'check inputs; list every problem with its file, line and column; change nothing',
    load: async () => (await import('./commands/validate.js')).registerValidate,
  },
  {
    name: 'compare',
    term: 'compare [options] <budgets>',
    summary: "compare scenarios' summaries side by side",
    load: async () => (await import('./commands/compare.js')).registerCompare,
  },
  {
    name: 'simulate',
    term: 'simulate [options] <budgets>',
    summary: 'Monte Carlo over the uncertain values',
    load: async () => (await import('./commands/simulate.js')).registerSimulate,
  },
  {
    name: 'tornado',
    term: 'tornado [options] <budgets>',
    summary: 'one-at-a-time sensitivity of an NPV (npv_cashable by default)',
    load: async () => (await import('./commands/tornado.js')).registerTornado,
  },
  {
    name: 'breakeven',
    term: 'breakeven [options] <budgets>',
    summary: 'switching value of one scenario field',
    load: async () => (await import('./commands/breakeven.js')).registerBreakeven,
  },
  {
    name: 'batch',
    term: 'batch [options] <manifest>',
    summary: 'many runs (places x scenarios x parameter sweeps) with expectations, for CI',
    load: async () => (await import('./commands/batch.js')).registerBatch,
  },
  {
    name: 'merge',
    term: 'merge [options] <dirs...>',
    summary: "combine the output folders of a batch's shards into what the unsharded batch writes",
    load: async () => (await import('./commands/merge.js')).registerMerge,
  },
  {
    name: 'example',
    term: 'example [options] [dir]',
    summary: 'write the bundled example (budgets, scenarios, batch manifest) to DIR',
    load: async () => (await import('./commands/example.js')).registerExample,
  },
  {
    name: 'costs',
    term: 'costs [options] [words...]',
    summary: 'list or search a unit-cost library, values converted to a price base',
    load: async () => (await import('./commands/costs.js')).registerCosts,
  },
  {
    name: 'schema',
    term: 'schema [options] <kind>',
    summary: 'print the JSON Schema of scenario or manifest files, for editors',
    load: async () => (await import('./commands/schema.js')).registerSchema,
  },
];

/** How to mend a missing argument or required option, by its name as the option parser gives it. */
const MISSING_HINTS: Record<string, string> = {
  budgets: 'Name the budgets file (CSV, or book.xlsx; - reads standard input). `placepool example DIR` writes example budgets and scenarios to DIR to start from.',
  manifest: 'Name the batch manifest (YAML or JSON). `placepool example DIR` writes an example, DIR/manifest.yaml.',
  dirs: 'Name the output folders of every shard of the batch (`placepool batch --shard K/N -o DIR`).',
  kind: 'Write `placepool schema scenario` or `placepool schema manifest`.',
  '-s, --scenario <file>': 'Give two or more scenario files: -s A.yaml -s B.yaml. `placepool example DIR` writes example scenarios to DIR.',
  '-o, --output <dir>': 'Give the folder to write the merged batch to: -o DIR.',
};

/** The option parser's message about a missing argument or option, with how to mend it. */
function withHint(message: string): string {
  const m = /missing required argument '([^']+)'|required option '([^']+)' not specified/.exec(message);
  const hint = m ? MISSING_HINTS[m[1] ?? m[2]!] : undefined;
  return hint ? `${message.replace(/\n$/, '')}\n    ${hint}\n` : message;
}

/**
 * The command an argument list runs: its first operand (or the one after `help`), unless a program option
 * (`--help`, `--version`) comes first, which shows the program's own help or version.
 */
export function namedCommand(argv: readonly string[]): CommandEntry | undefined {
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    if (['-h', '--help', '--version'].includes(argv[i]!)) return undefined;
    i++;
  }
  const name = argv[i] === 'help' ? argv[i + 1] : argv[i];
  return COMMANDS.find((c) => c.name === name);
}

export function processIo(): Io {
  return {
    // made when first read: Node builds the stream (and loads its modules) on first use, which `--help` skips
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdinFd: 0,
  };
}

/**
 * The program with the commands `argv` needs: the command it names, fully; or, when it names none, every
 * command as a name and summary for the help (none loaded). Without `argv`, every command fully.
 */
export async function buildProgram(io: Io, argv?: readonly string[]): Promise<Command> {
  // help wraps at the terminal's width, else at a stable 80 columns
  const helpWidth = terminalWidth(io);
  const program = new Command('placepool')
    .description(
      'Model pooled place-based budgets (health, social care, employment support, childcare) and the cashable ' +
        'savings of shifting spend from reaction to prevention: who invests, who saves, when it pays back.',
    )
    .version(VERSION, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureHelp({ helpWidth })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // an unknown option or a bad value is the user's text: shown with its control characters escaped
      writeErr: (s) => io.stderr.write(visibleControls(s)),
      outputError: (s, write) => write(withHint(s.replace(/^error: /, 'placepool: usage error: '))),
    })
    .addHelpText('after', helpAfter(io, '\nExit codes: 0 success, 1 expectation not met, 2 usage, 65 invalid data, 66 cannot open input,\n' +
        '73 cannot write output, 70 internal error.\n\nStart here: `placepool run` runs the bundled example; `placepool example DIR` writes its files.'));
  const named = argv === undefined ? undefined : namedCommand(argv);
  if (named) (await named.load())(program, io);
  else if (argv === undefined) for (const c of COMMANDS) (await c.load())(program, io);
  else {
    for (const c of COMMANDS) program.command(c.name).summary(c.summary);
    const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
    program.configureHelp({
      helpWidth,
      subcommandTerm(cmd: Command): string {
        return terms.get(cmd.name()) ?? Help.prototype.subcommandTerm.call(this, cmd); // `help [command]`
      },
    });
  }
  // subcommands inherit the error and output behaviour
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(add --help for usage)');
  }
  return program;
}

/**
 * `-#Sheet` (a workbook on standard input, and its sheet) starts with a dash, so the option parser would take
 * it for an unknown option: it is hidden behind a mark the parser reads as an operand, and restored before
 * the command runs (`restoreStdinSheets`). No option starts with `-#`.
 */
const STDIN_SHEET_MARK = '\u0000stdin';

function hideStdinSheets(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((a, i) => (a.startsWith('-#') && (end < 0 || i < end) ? STDIN_SHEET_MARK + a : a));
}

function restored<T>(value: T): T {
  if (typeof value === 'string') return (value.startsWith(STDIN_SHEET_MARK) ? value.slice(STDIN_SHEET_MARK.length) : value) as T;
  if (Array.isArray(value)) return value.map(restored) as T;
  return value;
}

function restoreStdinSheets(_program: Command, action: Command): void {
  action.processedArgs = action.processedArgs.map(restored);
  action.args = action.args.map(restored);
  for (const [key, value] of Object.entries(action.opts())) action.setOptionValue(key, restored(value));
}

/** Run the CLI with the given arguments; returns the exit code (and sets process.exitCode for the real process). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    // loading the command named is part of running it: an error there is reported as any other
    const program = await buildProgram(io, argv);
    program.hook('preAction', restoreStdinSheets);
    await program.parseAsync(hideStdinSheets(argv), { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(io, err);
  }
}

/**
 * The arguments as typed, in bytes (Linux's /proc/self/cmdline): Node decodes them as UTF-8, so a file name in
 * another encoding (Latin-1 `caf\xe9.csv`) would otherwise name no file.
 */
function noteArgumentBytes(argv: readonly string[]): void {
  if (!argv.some((a) => a.includes('\ufffd'))) return;
  let cmdline: Buffer;
  try {
    cmdline = readFileSync('/proc/self/cmdline');
  } catch {
    return;
  }
  const parts: Buffer[] = [];
  for (let start = 0; start < cmdline.length; ) {
    const end = cmdline.indexOf(0, start);
    parts.push(cmdline.subarray(start, end < 0 ? cmdline.length : end));
    start = end < 0 ? cmdline.length : end + 1;
  }
  noteRawArguments(argv, parts.slice(parts.length - argv.length));
}

export async function main(argv: string[]): Promise<void> {
  // the build is bundled: a stack trace (PLACEPOOL_DEBUG=1) names the source files through its source maps
  if (process.env.PLACEPOOL_DEBUG === '1') process.setSourceMapsEnabled(true);
  noteArgumentBytes(argv);
  const io = processIo();
  // A closed stdout (`placepool ... | head`) ends quietly with status 0.
  let pipeClosed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // other write errors reach the writer through its callback (src/io/output.ts writeStdout): exit 73
    if (err.code === 'EPIPE') pipeClosed = true;
  });
  // stderr that cannot be written (closed, a full disk) must not turn the run's own exit code into a crash:
  // there is nowhere left to say anything, so its errors are ignored
  process.stderr.on('error', () => undefined);
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
  // Interrupted (Ctrl-C, kill): the process stops at once, by the signal; while reports are being written
  // their temporary files are removed first (src/io/temps.ts). Only a command writes any (not the help).
  try {
    if (namedCommand(argv)) (await import('../io/temps.js')).handleInterruptions();
  } catch (err) {
    // (too few file descriptors to load even that: said as reportError says it)
    process.exitCode = reportError(io, err);
    return;
  }
  const code = await runCli(argv, io);
  process.exitCode = crashed ? EXIT.internal : pipeClosed ? EXIT.ok : code;
}
