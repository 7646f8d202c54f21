// `--watch` (run, compare, simulate): run the command, then again each time one of its input files is saved,
// until Ctrl-C. On a terminal the screen is cleared before each report; a run that fails (a broken edit) shows
// its error and waits for the next save. Ctrl-C ends it as it ends any command (src/cli/main.ts): temporary
// files removed, and the process stopped by the signal (exit status 130 in a shell).
import { watch as watchFolder, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from '../io-types.js';
import { visibleControls } from '../terminal-text.js';
import { splitXlsxArg } from '../io/args.js';
import { reportError } from './errors.js';
import type { CommandContext } from './options.js';

/** How long after the last change to a watched file the command runs again (editors save in several writes). */
const DEBOUNCE_MS = 150;

/**
 * The files a command watches: its budgets and scenario arguments (a workbook without its `#Sheet`), and
 * `named`, the files the inputs themselves name (a scenario's unit-cost library or deflators file). Standard
 * input and the bundled files cannot change, so are not watched.
 */
export function watchedPaths(args: readonly (string | undefined)[], named: readonly string[] = []): string[] {
  const files = [...args, ...named]
    .filter((a): a is string => a !== undefined)
    .map((a) => splitXlsxArg(a).file)
    .filter((f) => f !== '-' && !f.startsWith('-#') && !f.startsWith('example:') && !f.startsWith('bundled:'));
  return [...new Set(files)];
}

export interface WatchOptions {
  /** the files to watch, as given (relative to `io.cwd`); a function is asked again after each run */
  paths: readonly string[] | (() => readonly string[]);
  /** one run of the command: its report on stdout or -o, its messages on stderr */
  once: () => Promise<void>;
  /** ends the watch (tests); otherwise it runs until the process is stopped */
  signal?: AbortSignal;
}

/** Run `once`, then again after each change to a watched file; resolves only when `signal` aborts. */
export async function watchInputs(io: Io, options: WatchOptions): Promise<void> {
  const pathsNow = (): readonly string[] => (typeof options.paths === 'function' ? options.paths() : options.paths);
  if (pathsNow().length === 0) {
    throw new UsageError({
      message: '--watch has no input file to watch',
      hint: 'Standard input and the bundled example do not change: give the budgets and scenario as files.',
    });
  }
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let changed = false;
  const onChange = (): void => {
    changed = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => wake?.(), DEBOUNCE_MS);
  };
  let watchers: FSWatcher[] = [];
  let shown = '';
  /** watch these files (again, when the inputs name others after an edit) */
  const watchFiles = (paths: readonly string[]): void => {
    if (paths.join(', ') === shown) return;
    for (const w of watchers) w.close();
    watchers = [];
    shown = paths.join(', ');
    // each file's folder is watched, not the file: an editor that saves by writing a new file and renaming it
    // over the old one would leave a watch on the file itself watching nothing
    const folders = new Map<string, Set<string>>();
    for (const f of paths.map((p) => resolve(io.cwd, p))) {
      const names = folders.get(dirname(f)) ?? new Set<string>();
      names.add(basename(f));
      folders.set(dirname(f), names);
    }
    for (const [folder, names] of folders) {
      const w = watchFolder(folder, (_event, name) => {
        if (name === null || names.has(String(name))) onChange();
      });
      w.on('error', () => undefined); // a folder removed: nothing more to see there
      watchers.push(w);
    }
  };
  watchFiles(pathsNow());
  try {
    for (;;) {
      changed = false;
      if (io.stdout.isTTY) io.stdout.write('\x1b[2J\x1b[3J\x1b[H');
      try {
        await options.once();
      } catch (err) {
        // a broken edit: say what is wrong, and wait for the next save
        reportError(io, err);
      }
      watchFiles(pathsNow());
      io.stderr.write(`placepool: watching ${visibleControls(shown)} for changes (Ctrl-C to stop)\n`);
      if (options.signal?.aborted) return;
      await new Promise<void>((resolveWait) => {
        wake = resolveWait;
        if (changed) onChange(); // saved while the command ran
        options.signal?.addEventListener('abort', () => resolveWait(), { once: true });
      });
      wake = undefined;
      if (options.signal?.aborted) return;
    }
  } finally {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  }
}

/**
 * A command's action, run once, or (with --watch) again after each change to its inputs: `inputs` are the
 * command's budgets and scenario arguments, `once` the action itself.
 */
export async function runOrWatch(ctx: CommandContext, watch: boolean | undefined, inputs: readonly (string | undefined)[], once: () => Promise<void>): Promise<void> {
  if (!watch) return once();
  return watchInputs(ctx.io, {
    paths: () => watchedPaths(inputs, ctx.named),
    once: async () => {
      ctx.msg.forget();
      await once();
    },
  });
}
