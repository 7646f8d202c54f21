// The one progress bar (batch runs, simulate's draws): on stderr, drawn only where the caller allows it (a
// terminal, not --quiet: progressEnabled), at most ten times a second, with the time left once it can be told.
// `delayMs` keeps quick work silent: nothing is drawn until it has taken that long.
import type { OutStream } from '../io-types.js';

/** `m:ss`, or `h:mm:ss` from an hour. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

export interface ProgressOptions {
  /** what is counted: `runs`, `draws` */
  label: string;
  /** draw nothing until this long after the start (default 0) */
  delayMs?: number;
  /** the clock, in milliseconds (for tests) */
  now?: () => number;
}

export class ProgressBar {
  private readonly label: string;
  private readonly delayMs: number;
  private readonly now: () => number;
  private readonly started: number;
  private last = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: OutStream,
    private readonly total: number,
    options: ProgressOptions,
  ) {
    this.label = options.label;
    this.delayMs = options.delayMs ?? 0;
    this.now = options.now ?? Date.now;
    this.started = this.now();
  }

  /** `done` of the total are done. Redraws at most ten times a second, and always at the end once drawn. */
  update(done: number): void {
    const t = this.now();
    if (t - this.started < this.delayMs) return;
    if (done < this.total && t - this.last < 100) return;
    this.last = t;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 45));
    const frac = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const filled = Math.round(frac * width);
    const elapsed = (t - this.started) / 1000;
    const time = done > 0 && done < this.total ? ` ETA ${clock((elapsed / done) * (this.total - done))}` : done >= this.total ? ` ${clock(elapsed)}` : '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% ${done}/${this.total} ${this.label}${time}`;
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Remove the bar (if drawn), leaving the line empty for what follows. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
