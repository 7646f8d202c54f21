// The one place where an error becomes a message on stderr and an exit code.
import { EXIT, FileOpenError, PlacepoolError, formatProblem, type ExitCode } from '../errors.js';
import type { Io } from '../io-types.js';
import { visibleControls } from '../terminal-text.js';

/**
 * Out of file descriptors with no file of the user's named: the readers and writers say which of the user's
 * files could not be opened, so such an error comes from Node opening placepool's own code (a command's modules
 * are loaded when it runs, several files side by side). Not a bug: the limit of open files is too low.
 */
function ownFilesError(err: unknown): FileOpenError | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e?.code !== 'EMFILE' && e?.code !== 'ENFILE') return undefined;
  return new FileOpenError({
    message: `cannot open placepool's own files: too many open files${e.path ? ` (${e.path})` : ''}`,
    hint: 'Raise the limit of open files (`ulimit -n 64` or more).',
  });
}

export function reportError(io: Io, err: unknown): ExitCode {
  const debug = io.env.PLACEPOOL_DEBUG === '1';
  const own = ownFilesError(err);
  if (own) {
    if (debug && err instanceof Error && err.stack) own.stack = err.stack;
    return reportError(io, own);
  }
  if (err instanceof PlacepoolError) {
    // usage errors read like the option parser's own, so every exit-2 message starts the same way
    const label = err.exitCode === EXIT.usage ? 'usage error' : 'error';
    const lines =
      err.problems.length === 1
        ? [`placepool: ${label}: ${formatProblem(err.problems[0]!)}`]
        : [`placepool: ${label}: ${err.message}:`, ...err.problems.map((p) => `  ${formatProblem(p).replace(/\n/g, '\n  ')}`)];
    io.stderr.write(`${visibleControls(lines.join('\n'))}\n`);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(
    `placepool: internal error: ${visibleControls(message)}\n` +
      'This is a bug in placepool, not in your files. Please report it with the command you ran' +
      (debug ? '.\n' : ' and the output of the same command run with PLACEPOOL_DEBUG=1.\n'),
  );
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT.internal;
}
