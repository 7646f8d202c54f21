// What the program needs from the outside world, passed in so that tests can run the CLI in-process. On the
// ground floor so that the readers and writers (src/io) and batch runs can take it as the CLI does.
import type { Readable, Writable } from 'node:stream';

export type OutStream = Writable & { isTTY?: boolean; columns?: number };

export interface Io {
  stdin: Readable;
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** the file descriptor of stdin when it is the process's own (0): to tell the file it was redirected from */
  stdinFd?: number;
}
