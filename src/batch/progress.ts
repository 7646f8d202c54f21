// A progress bar with an ETA on stderr, drawn only on a terminal (the caller decides: progressEnabled).
import type { OutStream } from '../cli/context.js';

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();
  private drawn = false;
  constructor(
    private readonly stream: OutStream,
    private readonly total: number,
    private readonly label = 'runs',
    private readonly now: () => number = Date.now,
  ) {}

  /** Redraw at most ten times a second (and always at the end). */
  update(done: number): void {
    const t = this.now();
    if (done < this.total && t - this.last < 100) return;
    this.last = t;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 45));
    const frac = this.total === 0 ? 1 : done / this.total;
    const filled = Math.round(frac * width);
    const elapsed = (t - this.started) / 1000;
    const eta = done > 0 && done < this.total ? ` ETA ${clock((elapsed / done) * (this.total - done))}` : done >= this.total ? ` ${clock(elapsed)}` : '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% ${done}/${this.total} ${this.label}${eta}`;
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Remove the bar, leaving the line empty for what follows. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
