// The one place where an error becomes a message on stderr and an exit code.
import { EXIT, PlacepoolError, formatProblem, type ExitCode } from '../errors.js';
import type { Io } from '../io-types.js';
import { visibleControls } from '../terminal-text.js';

export function reportError(io: Io, err: unknown): ExitCode {
  const debug = io.env.PLACEPOOL_DEBUG === '1';
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
