// Colour, messages on stderr and whether progress may be drawn: what a command makes of the outside world (Io).
import { Chalk, type ChalkInstance } from 'chalk';
import type { Warning } from '../errors.js';
import { formatLocation } from '../errors.js';
import type { Io, OutStream } from '../io-types.js';
import { visibleControls } from '../terminal-text.js';

export type ColorMode = 'auto' | 'always' | 'never';

/** Colour only on a terminal, never with NO_COLOR (any value) or TERM=dumb, unless forced with --color=always. */
export function colorEnabled(mode: ColorMode, stream: OutStream, env: Io['env']): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export class Messenger {
  readonly chalk: ChalkInstance;
  private warned = new Set<string>();
  constructor(
    private readonly io: Io,
    readonly quiet: boolean,
    color: boolean,
  ) {
    this.chalk = new Chalk({ level: color ? 1 : 0 });
  }
  /** Forget the warnings given, so that a run again (--watch) gives them again. */
  forget(): void {
    this.warned.clear();
  }
  /** An informational line on stderr (suppressed by --quiet). */
  info(message: string): void {
    if (!this.quiet) this.io.stderr.write(`${visibleControls(message)}\n`);
  }
  /** A warning on stderr (suppressed by --quiet); each distinct text once. */
  warn(w: Warning | string): void {
    const text = typeof w === 'string' ? w : (w.loc ? `${formatLocation(w.loc)}: ` : '') + w.message;
    if (this.quiet || this.warned.has(text)) return;
    this.warned.add(text);
    this.io.stderr.write(`${this.chalk.yellow('placepool: warning:')} ${visibleControls(text)}\n`);
  }
}

/** Whether progress bars may be drawn on stderr. */
export function progressEnabled(io: Io, quiet: boolean): boolean {
  return !quiet && io.stderr.isTTY === true && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb' && io.env.CI === undefined;
}
