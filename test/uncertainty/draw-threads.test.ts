// A worker thread that cannot be made (no memory, a limit of threads): the threads already made are ended, not
// left to keep the process alive, and the failure is the clear usage error, not a crash.
import { describe, expect, it, vi } from 'vitest';

const made: { terminate: ReturnType<typeof vi.fn> }[] = [];
vi.mock('node:worker_threads', async (actual) => {
  const real = await actual<typeof import('node:worker_threads')>();
  class Worker {
    terminate = vi.fn(async () => 0);
    constructor() {
      if (made.length === 1) throw Object.assign(new Error('Worker initialization failure: 11'), { code: 'ERR_WORKER_INIT_FAILED' });
      made.push(this);
    }
    on(): this {
      return this;
    }
  }
  return { ...real, Worker };
});

const { DrawThreads } = await import('../../src/uncertainty/pool.js');

describe('starting draw threads', () => {
  it('ends the threads made when one cannot be made, and says to use fewer', async () => {
    await expect(DrawThreads.start(3, 100_000)).rejects.toThrow(/cannot start 2 worker threads/);
    expect(made).toHaveLength(1);
    expect(made[0]!.terminate).toHaveBeenCalledOnce();
  });
});
