// Temporary files being written (reports go to a temporary file, renamed into place when complete), and what an
// interruption must remove. Kept apart from output.ts so that starting the CLI loads nothing more.
//
// Ctrl-C and SIGTERM: while nothing needs cleaning up (reading inputs, computing), the CLI installs no signal
// handler at all, so a signal stops the process at once, however long the synchronous work it interrupts (a
// handler in JavaScript runs only when the main thread is free). Only while a temporary file is pending is a
// handler installed: it removes the pending files and re-raises the signal, so the process still ends by the
// signal (status 130 for SIGINT, 143 for SIGTERM in a shell). Work done while files are pending (a batch on the
// main thread) yields to the event loop between chunks, so that the handler runs soon.
import { closeSync, openSync, rmdirSync, rmSync, writeSync } from 'node:fs';

/** Temporary files not yet renamed into place, removed if the run is interrupted. */
const pendingTemps = new Set<string>();

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** whether signal handlers may be installed (the real CLI process only: not the tests' in-process runs) */
let handling = false;
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  removePendingTemps();
  uninstall();
  // with no handler left the signal has its default action: the process ends by it
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed || !handling) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, onSignal);
}

/**
 * Let this process handle interruptions (src/cli/main.ts): from now on a signal that arrives while temporary
 * files are pending removes them before the process stops.
 */
export function handleInterruptions(): void {
  handling = true;
  if (pendingTemps.size > 0) install();
}

/** Folders made for files still pending (a batch's -o folder), removed (if empty) after the files. */
const pendingFolders = new Set<string>();

/** Note folders made for pending files, outermost first; returns the function to call once they are kept. */
export function trackFolders(made: readonly string[]): () => void {
  for (const d of made) pendingFolders.add(d);
  return () => {
    for (const d of made) pendingFolders.delete(d);
  };
}

/** Note a temporary file; returns the function to call once it is renamed or removed. */
export function trackTemp(path: string): () => void {
  pendingTemps.add(path);
  install();
  return () => {
    pendingTemps.delete(path);
    if (pendingTemps.size === 0) uninstall();
  };
}

/**
 * Make a new, empty file (failing if the name is taken) and note it, in one synchronous step: no signal can come
 * between making it and noting it, and none finds it still being made on another thread (where removing it
 * would come before it exists). `content` is written into it at once (a lock's process id). Open it again with
 * the flag `r+` to write it: never a flag that would make it again once removed. Returns the `trackTemp` untrack.
 */
export function createTracked(path: string, content = ''): () => void {
  const fd = openSync(path, 'wx');
  const untrack = trackTemp(path);
  try {
    if (content) writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return untrack;
}

/** Whether a signal handler is installed now (for tests). */
export function interruptHandlerInstalled(): boolean {
  return installed;
}

/** Remove every temporary file still pending, then the folders made for them (synchronously: called from a signal handler). */
export function removePendingTemps(): void {
  for (const path of pendingTemps) {
    try {
      rmSync(path, { force: true });
    } catch {
      // nothing more can be done while stopping
    }
  }
  pendingTemps.clear();
  for (const dir of [...pendingFolders].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty, or already gone
    }
  }
  pendingFolders.clear();
}
