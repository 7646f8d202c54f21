// Internal errors (issue 7, item 6): a bug gives exit 70 and a short message asking for a report; the stack
// only with PLACEPOOL_DEBUG=1. Errors a user can cause get their own exit code and no stack (under
// PLACEPOOL_DEBUG=1 the stack follows the same message). Faults are injected through test-only hooks loaded
// with `node --import` (test/fixtures/hardening/hooks/), so the tool itself carries no fault switch.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { Io } from '../../src/io-types.js';
import { reportError } from '../../src/cli/errors.js';
import { FileOpenError, InputError, OutputError, UsageError } from '../../src/errors.js';
import { BIN, cli, cliProcess } from '../helpers/cli.js';
import { HARD, STACK_LINE } from './helpers.js';

function captureIo(env: Record<string, string> = {}): { io: Io; stderr: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString('utf8');
      cb();
    },
  });
  const io = { stdin: process.stdin, stdout: sink, stderr: sink, env, cwd: process.cwd() } as unknown as Io;
  return { io, stderr: () => text };
}

const ASK = 'This is a bug in placepool, not in your files. Please report it with the command you ran';

describe('reportError', () => {
  it('a bug: exit 70, two short lines, no stack', () => {
    const { io, stderr } = captureIo();
    expect(reportError(io, new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(70);
    expect(stderr()).toBe(
      "placepool: internal error: Cannot read properties of undefined (reading 'x')\n" +
        `${ASK} and the output of the same command run with PLACEPOOL_DEBUG=1.\n`,
    );
  });

  it('a bug under PLACEPOOL_DEBUG=1: the same message, then the stack', () => {
    const { io, stderr } = captureIo({ PLACEPOOL_DEBUG: '1' });
    const err = new RangeError('boom');
    expect(reportError(io, err)).toBe(70);
    const lines = stderr().split('\n');
    expect(lines[0]).toBe('placepool: internal error: boom');
    expect(lines[1]).toBe(`${ASK}.`);
    expect(lines[2]).toBe('RangeError: boom');
    expect(stderr()).toMatch(STACK_LINE);
  });

  it("out of file descriptors loading placepool's own code: exit 66 and the hint to raise the limit, not a bug", () => {
    const { io, stderr } = captureIo();
    const err = Object.assign(new Error("EMFILE: too many open files, open '/opt/placepool/dist/chunk-ABC.js'"), {
      code: 'EMFILE',
      path: '/opt/placepool/dist/chunk-ABC.js',
    });
    expect(reportError(io, err)).toBe(66);
    expect(stderr()).toBe(
      "placepool: error: cannot open placepool's own files: too many open files (/opt/placepool/dist/chunk-ABC.js)\n" +
        '    Raise the limit of open files (`ulimit -n 64` or more).\n',
    );
    const debug = captureIo({ PLACEPOOL_DEBUG: '1' });
    expect(reportError(debug.io, err)).toBe(66);
    expect(debug.stderr()).toMatch(STACK_LINE);
  });

  it('something thrown that is not an Error is still an internal error', () => {
    const { io, stderr } = captureIo();
    expect(reportError(io, 'a string')).toBe(70);
    expect(reportError(io, undefined)).toBe(70);
    expect(stderr()).toContain('placepool: internal error: a string\n');
    expect(stderr()).toContain('placepool: internal error: undefined\n');
    expect(stderr()).not.toMatch(STACK_LINE);
  });

  it.each([
    ['InputError', new InputError({ message: 'bad', loc: { file: 'b.csv', line: 2, column: 3 }, hint: 'Mend it.' }), 65, 'placepool: error: b.csv:2:3: bad\n    Mend it.\n'],
    ['FileOpenError', new FileOpenError('cannot open x'), 66, 'placepool: error: cannot open x\n'],
    ['OutputError', new OutputError('cannot write y'), 73, 'placepool: error: cannot write y\n'],
    ['UsageError', new UsageError('bad option'), 2, 'placepool: usage error: bad option\n'],
  ])('a typed %s: its own exit code, no stack, and no request for a report', (_name, err, code, text) => {
    const { io, stderr } = captureIo();
    expect(reportError(io, err)).toBe(code);
    expect(stderr()).toBe(text);
    const debug = captureIo({ PLACEPOOL_DEBUG: '1' });
    expect(reportError(debug.io, err)).toBe(code);
    expect(debug.stderr().startsWith(text)).toBe(true);
    expect(debug.stderr()).toMatch(STACK_LINE);
  });

  it('PLACEPOOL_DEBUG must be exactly 1', () => {
    const { io, stderr } = captureIo({ PLACEPOOL_DEBUG: '0' });
    reportError(io, new Error('x'));
    expect(stderr()).not.toMatch(STACK_LINE);
  });
});

describe('a bug inside a command', () => {
  it('in-process: exit 70, no stack, nothing on stdout', async () => {
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation(() => {
      throw new TypeError('injected fault');
    });
    let r;
    try {
      r = await cli(['run', '-f', 'json', '-q']);
    } finally {
      spy.mockRestore();
    }
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`placepool: internal error: injected fault\n${ASK} and the output of the same command run with PLACEPOOL_DEBUG=1.\n`);
  });

  const hook = (name: string): Record<string, string> => ({ NODE_OPTIONS: `--import ${join(HARD, 'hooks', name)}` });

  it('the real binary: exit 70 and the short message', () => {
    const r = cliProcess(['run', '-f', 'json', '-q'], { env: hook('json-fault.mjs') });
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`placepool: internal error: injected fault\n${ASK} and the output of the same command run with PLACEPOOL_DEBUG=1.\n`);
  });

  it('the real binary with PLACEPOOL_DEBUG=1: the stack follows', () => {
    const r = cliProcess(['run', '-f', 'json', '-q'], { env: { ...hook('json-fault.mjs'), PLACEPOOL_DEBUG: '1' } });
    expect(r.code).toBe(70);
    expect(r.stderr.startsWith(`placepool: internal error: injected fault\n${ASK}.\nTypeError: injected fault\n`)).toBe(true);
    expect(r.stderr).toMatch(STACK_LINE);
  });

  it('an exception outside the command (a timer callback) is an internal error too, not a Node crash', () => {
    const r = cliProcess(['run', '-f', 'csv', '-q'], { env: hook('async-fault.mjs') });
    expect(r.code).toBe(70);
    expect(r.stderr).toBe(`placepool: internal error: injected asynchronous fault\n${ASK} and the output of the same command run with PLACEPOOL_DEBUG=1.\n`);
    const debug = cliProcess(['run', '-f', 'csv', '-q'], { env: { ...hook('async-fault.mjs'), PLACEPOOL_DEBUG: '1' } });
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(STACK_LINE);
  });

  it('stdout redirected to a full disk is an output error (73), not a crash', () => {
    const full = openSync('/dev/full', 'w');
    let r;
    try {
      r = spawnSync(process.execPath, [BIN, 'run', '-f', 'csv', '-q'], { env: { PATH: process.env.PATH }, stdio: ['ignore', full, 'pipe'] });
    } finally {
      closeSync(full);
    }
    expect(r.status).toBe(73);
    expect(r.stderr.toString('utf8')).toBe('placepool: error: cannot write the report to standard output: the disk is full\n    Choose a writable -o path.\n');
  });

  it('stderr on a full disk keeps the exit code of the error (66), not an internal error', () => {
    const full = openSync('/dev/full', 'w');
    let r;
    try {
      r = spawnSync(process.execPath, [BIN, 'validate', 'no-such-budgets.csv'], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', full] });
    } finally {
      closeSync(full);
    }
    expect(r.status).toBe(66);
  });
});
