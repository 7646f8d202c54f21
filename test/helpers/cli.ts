// Run the CLI in-process (fast, always the current source) or as the real binary (for pipes and exit codes).
import { spawnSync } from 'node:child_process';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/io-types.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/placepool.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as raw bytes (for binary formats) */
  bytes: Buffer;
}

class Capture extends Writable {
  chunks: Buffer[] = [];
  isTTY: boolean;
  columns = 100;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    cb();
  }
  get buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export interface RunOptions {
  stdin?: string | Buffer;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** pretend stdout/stderr are terminals */
  tty?: boolean;
}

/** Run `placepool ARGS` in this process with captured streams. */
export async function cli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const stdin = options.stdin === undefined ? Readable.from([]) : Readable.from([Buffer.from(options.stdin)]);
  const io: Io = {
    stdin: stdin as unknown as PassThrough,
    stdout,
    stderr,
    env: { ...(options.env ?? {}) },
    cwd: options.cwd ?? ROOT,
  };
  const code = await runCli(args, io);
  return { code, stdout: stdout.buffer.toString('utf8'), stderr: stderr.buffer.toString('utf8'), bytes: stdout.buffer };
}

/** Run the built binary (`bin/placepool.js`, using dist/) as a child process. */
export function cliProcess(args: string[], options: RunOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.stdin,
    env: { PATH: process.env.PATH, ...(options.env ?? {}) },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), bytes: r.stdout };
}

/**
 * stderr without the warnings that benefits fall after the horizon (code `after-horizon`), which nearly every
 * scenario that invests in its last years gives: for tests about other messages.
 */
export function otherThanAfterHorizon(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !/^placepool: warning: .* would fall after \d{4}\/\d{2} and (is|are) not counted; a longer horizon would count (it|them)$/.test(l))
    .join('\n');
}
