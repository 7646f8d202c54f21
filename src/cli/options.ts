// Options shared by the commands (README.md, "Commands"), and turning them into a context.
import { Chalk, type ChalkInstance } from 'chalk';
import { Option, type Command } from 'commander';
import { Messenger, colorEnabled, type ColorMode } from './context.js';
import type { Io } from '../io-types.js';
import { InputError, UsageError, suggest, type Warning } from '../errors.js';
import { workerLimit } from '../workers.js';
import type { Budgets } from '../model/types.js';
import { chooseFormat, type Format } from './output.js';
import { MAX_WIDTH, MIN_WIDTH, terminalWidth } from './help.js';

export interface CommonOptions {
  format?: string;
  output?: string;
  layout: 'wide' | 'long';
  place?: string[];
  color: ColorMode;
  quiet?: boolean;
  strict?: boolean;
  width?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export interface CommonSpec {
  formats: readonly Format[];
  /** whether --place applies */
  place?: boolean;
  /** whether --layout applies (commands with CSV output) */
  layout?: boolean;
}

export function addCommonOptions(cmd: Command, spec: CommonSpec): Command {
  cmd.addOption(new Option('-f, --format <format>', `report format (default: from -o's extension, else table)`).choices(spec.formats as string[]));
  cmd.option('-o, --output <file>', 'write the report to FILE (- for stdout); written whole or not at all');
  if (spec.layout !== false && spec.formats.includes('csv')) {
    cmd.addOption(new Option('--layout <layout>', 'CSV layout: wide (years across) or long (one value a row)').choices(['wide', 'long']).default('wide'));
  }
  if (spec.place) cmd.option('--place <name>', 'model this place (repeatable); replaces the scenario\'s places', collect);
  if (spec.formats.includes('table')) cmd.option('--width <n>', "width of terminal tables in characters, 40 or more (default: the terminal's width, else 80)");
  cmd.addOption(new Option('--color <when>', 'colour: auto, always or never (NO_COLOR also turns it off)').choices(['auto', 'always', 'never']).default('auto'));
  cmd.option('-q, --quiet', 'print no warnings or progress');
  cmd.option('--strict', 'treat warnings as errors (exit 65)');
  return cmd;
}

export interface CommandContext {
  io: Io;
  msg: Messenger;
  format: Format;
  /** colour for the report itself (stdout, table format only) */
  color: boolean;
  /** chalk for the report: colourless unless `color` */
  chalk: ChalkInstance;
  /** a table report going straight to a terminal (its warnings are then part of it, not repeated on stderr) */
  reportOnTerminal: boolean;
  opts: CommonOptions;
  /**
   * the width terminal tables and their notes keep to: `--width`, else the terminal's when the report goes to
   * one, else 80 (a stable width for pipes and files)
   */
  width: number;
  /** the files the inputs named when last read (a scenario's unit-cost library and deflators): --watch watches them too */
  named?: string[];
}

export function commandContext(io: Io, opts: CommonOptions, formats: readonly Format[]): CommandContext {
  const format = chooseFormat(opts.format, opts.output, formats);
  const toStdout = opts.output === undefined || opts.output === '-';
  const color = format === 'table' && toStdout && colorEnabled(opts.color, io.stdout, io.env);
  const msg = new Messenger(io, opts.quiet === true, colorEnabled(opts.color, io.stderr, io.env));
  const reportOnTerminal = format === 'table' && toStdout && io.stdout.isTTY === true;
  const width = intOption('--width', opts.width, MIN_WIDTH, MAX_WIDTH) ?? terminalWidth(io, toStdout);
  return { io, msg, format, color, chalk: new Chalk({ level: color ? 1 : 0 }), reportOnTerminal, width, opts };
}

export { MAX_WIDTH, MIN_WIDTH, STABLE_WIDTH, terminalWidth } from './help.js';

/** Parse a positive integer option, or throw a usage error naming the option. */
export function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new UsageError({ message: `${name} must be a whole number from ${min} to ${max}, not "${value}"` });
  }
  return Number(value);
}

/**
 * `--jobs N` (1 to `max`), no more than the machine can run (its cores, its memory limit): a larger N is
 * lowered, with a warning saying why. Without the option, the machine's own bound.
 */
export function jobsOption(ctx: CommandContext, value: string | undefined, max: number): number {
  const asked = intOption('--jobs', value, 1, max);
  const limit = workerLimit();
  if (asked === undefined) return limit.jobs;
  if (asked <= limit.jobs) return asked;
  ctx.msg.warn({ code: 'jobs-lowered', message: `--jobs ${asked} is more threads than can run here (${limit.why}): using ${limit.jobs}` });
  return limit.jobs;
}

/** Print warnings on stderr, or under --strict raise them together as an error (exit 65). */
export function emitWarnings(ctx: CommandContext, warnings: readonly Warning[]): void {
  if (warnings.length === 0) return;
  if (ctx.opts.strict) {
    throw new InputError(
      warnings.map((w) => ({ message: w.message, ...(w.loc ? { loc: w.loc } : {}) })),
      warnings.length === 1 ? undefined : `${warnings.length} warnings, treated as errors under --strict`,
    );
  }
  for (const w of warnings) ctx.msg.warn(w);
}

/**
 * Check `--place` names against the places of the budgets (exact after trimming): returns them trimmed, in
 * the order given, each once; an unknown name is a usage error (exit 2) with a did-you-mean.
 */
export function checkPlaces(names: readonly string[], budgets: Pick<Budgets, 'places'>): string[] {
  const known = new Set(budgets.places);
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!known.has(name)) {
      const near = suggest(name, budgets.places);
      const list = budgets.places.length <= 12 ? budgets.places.join(', ') : `${budgets.places.slice(0, 12).join(', ')}, ... (${budgets.places.length} in all)`;
      throw new UsageError({
        message: `unknown place "${name}"${near ? `; did you mean "${near}"?` : ''}`,
        hint: `Places in ${budgets.places.length === 1 ? 'the budgets: ' : 'the budgets (exact names): '}${list}.`,
      });
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
