// A progress bar for long simulations: on stderr, only where the caller allows it (a terminal, not --quiet),
// and only once a run has taken more than a second, so quick runs print nothing.
import type { Writable } from 'node:stream';

export interface Progress {
  update(done: number, total: number): void;
  /** erase the bar (if drawn) */
  finish(): void;
}

const WIDTH = 30;

export function progressBar(stream: Writable, enabled: boolean, label: string, delayMs = 1000, now: () => number = () => performance.now()): Progress {
  const start = now();
  let drawn = false;
  let lastPercent = -1;
  return {
    update(done, total) {
      if (!enabled || now() - start < delayMs) return;
      const percent = Math.floor((100 * done) / total);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const filled = Math.round((WIDTH * done) / total);
      stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% (${done} of ${total})`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
