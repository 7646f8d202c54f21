// Where a worker thread's module is, and how many threads the machine can start. Worker threads load the
// build (dist/uncertainty/worker.js, dist/batch/worker.js), also when the code runs from src/ (the tests run the
// TypeScript directly, and a worker thread cannot load a .ts file).
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { packagePath } from './package-files.js';
import { UsageError, type PlacepoolError } from './errors.js';

/** The built worker module `path` (in dist/, e.g. `batch/worker.js`), or undefined when not built. */
export function workerFile(path: string): string | undefined {
  const file = packagePath('dist', path);
  return existsSync(file) ? file : undefined;
}

/** A thread's memory reservation, and the main thread's, as V8 makes them (measured under `ulimit -v`). */
export const THREAD_RESERVE = 512 * 1024 ** 2;
const MAIN_RESERVE = 1.5 * 1024 ** 3;

/** The process's limit of virtual memory (`ulimit -v`), from /proc/self/limits; undefined when none or unknown. */
function addressSpaceLimit(): number | undefined {
  try {
    const line = /^Max address space\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line && /^\d+$/.test(line[1]!) ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How many worker threads this machine can run at once: no more than its cores, and no more than its limit of
 * virtual memory leaves room for (each thread reserves about 512 MB; past the limit V8 stops the whole process
 * with no message). `why` says which bound it is.
 */
export function workerLimit(): { jobs: number; why: string } {
  const cores = Math.max(1, availableParallelism());
  const limit = addressSpaceLimit();
  const byMemory = limit === undefined ? Infinity : Math.max(1, Math.floor((limit - MAIN_RESERVE) / THREAD_RESERVE));
  return byMemory < cores
    ? { jobs: byMemory, why: `the limit of virtual memory (ulimit -v, ${(limit! / 1024 ** 3).toFixed(1)} GB) leaves room for ${byMemory}` }
    : { jobs: cores, why: `the machine has ${cores} CPU core${cores === 1 ? '' : 's'}` };
}

/**
 * A worker thread that could not start (out of memory, a resource limit) as a clear error, not a crash;
 * undefined for any other error.
 */
export function workerStartFailure(err: unknown, jobs: number): PlacepoolError | undefined {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string' || !/^ERR_WORKER_(OUT_OF_MEMORY|INIT_FAILED|INVALID_EXEC_ARGV)$/.test(code)) return undefined;
  return new UsageError({
    message: `cannot start ${jobs} worker threads: ${(err as Error).message}`,
    hint: 'Run with fewer threads (--jobs 1 computes in one thread), or raise the memory limit.',
  });
}
