// The one progress bar of batch and simulate: drawn at most ten times a second, after an optional delay, with
// the time left, and erased at the end.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProgressBar, clock } from '../../src/cli/progress.js';

class Sink extends Writable {
  text = '';
  columns = 85;
  override _write(c: Buffer, _e: string, cb: () => void): void {
    this.text += c.toString();
    cb();
  }
}

describe('ProgressBar', () => {
  it('draws the share done, the count and the time left, at most ten times a second', () => {
    let now = 0;
    const sink = new Sink();
    const bar = new ProgressBar(sink, 100, { label: 'runs', now: () => now });
    now = 1000;
    bar.update(25);
    // 25 done in 1 s: 75 more take 3 s; a 40-wide bar (85 columns - 45), a quarter filled
    expect(sink.text).toBe(`\r[${'#'.repeat(10)}${'.'.repeat(30)}]  25% 25/100 runs ETA 0:03\x1b[K`);
    now = 1050;
    bar.update(30); // within a tenth of a second of the last: not drawn
    expect(sink.text).not.toContain('30/100');
    now = 2000;
    bar.update(100); // the end is always drawn, with the time taken
    expect(sink.text).toContain(`\r[${'#'.repeat(40)}] 100% 100/100 runs 0:02\x1b[K`);
    bar.clear();
    expect(sink.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('draws nothing until the delay has passed, and clears nothing it did not draw', () => {
    let now = 0;
    const sink = new Sink();
    const bar = new ProgressBar(sink, 100, { label: 'draws', delayMs: 1000, now: () => now });
    now = 500;
    bar.update(10);
    bar.clear();
    expect(sink.text).toBe('');
    now = 1500;
    bar.update(50);
    expect(sink.text).toContain(' 50% 50/100 draws ETA 0:02');
  });

  it('keeps a narrow terminal readable and counts nothing to do as done', () => {
    const sink = new Sink();
    sink.columns = 20;
    const bar = new ProgressBar(sink, 0, { label: 'runs', now: () => 0 });
    bar.update(0);
    expect(sink.text).toBe(`\r[${'#'.repeat(10)}] 100% 0/0 runs 0:00\x1b[K`);
  });
});

describe('clock', () => {
  it('writes minutes and seconds, and hours from an hour', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(59.6)).toBe('1:00');
    expect(clock(754)).toBe('12:34');
    expect(clock(3600 + 62)).toBe('1:01:02');
  });
});
