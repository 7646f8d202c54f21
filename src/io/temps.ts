// Temporary files being written (reports go to a temporary file, renamed into place when complete). A signal
// handler removes the ones still pending, so Ctrl-C leaves no half-written file behind. Kept apart from
// output.ts so that starting the CLI (which installs the handler) loads nothing more.
import { rmSync } from 'node:fs';

/**
 * Temporary files not yet renamed into place. If the run is interrupted (Ctrl-C, SIGTERM), the CLI removes
 * them before it stops (src/cli/main.ts), so an interrupted run leaves no partial file either.
 */
const pendingTemps = new Set<string>();

/** Note a temporary file; returns the function to call once it is renamed or removed. */
export function trackTemp(path: string): () => void {
  pendingTemps.add(path);
  return () => pendingTemps.delete(path);
}

/** Remove every temporary file still pending (synchronously: called from a signal handler). */
export function removePendingTemps(): void {
  for (const path of pendingTemps) {
    try {
      rmSync(path, { force: true });
    } catch {
      // nothing more can be done while stopping
    }
  }
  pendingTemps.clear();
}

