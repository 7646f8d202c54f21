// The error catalogue (docs/errors.md) is executable: every entry's console block is run and must give the exit
// code and the message shown, so that the documentation cannot drift from the tool.
//
// An entry is a `### ` heading followed by one console block:
//
//     ```console
//     $ placepool validate test/fixtures/budgets/negative.csv
//     placepool: error: test/fixtures/budgets/negative.csv:2:6: the amount "-100" is negative
//         Amounts are annual spend and cannot be negative; ...
//     $ echo $?
//     65
//     ```
//
// The lines between the command and `$ echo $?` are stderr from its first error line (`placepool: error:`,
// `placepool: usage error:` or `placepool: internal error:`) to the end; a line `...` stands for any number of
// lines. `<cwd>` stands for the folder the command runs in, `<pid>` for this test's process id. The command may read stdin (`< FILE`) or write
// stdout to a full disk (`> /dev/full`). `<!-- setup: ... -->` lines before the block prepare the folder:
// `mkdir DIR`, `sparse-1gb FILE` (a sparse file just over the input limit, 128 MB), `fault json` (JSON.stringify fails, as a bug
// would), `placepool ARGS` (run the tool first, e.g. to write batch shards), `rm PATH`, `symlink TARGET PATH`,
// `lock DIR` (DIR held by a running placepool: this test's own process). Commands run in a scratch folder holding links to the repository's `test/` and `fixtures/`.
//
// UPDATE_CATALOGUE=1 rewrites each block's message and exit code from what the tool prints now; read the
// diff before committing it.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../../src/batch/files.js';
import { MAX_INPUT_BYTES } from '../../src/io/input.js';
import { BIN, cli, ROOT, type CliResult } from '../helpers/cli.js';
import { scratch, STACK_LINE } from './helpers.js';

const DOC = join(ROOT, 'docs', 'errors.md');
const UPDATE = process.env.UPDATE_CATALOGUE === '1';
const EXIT_CODES = [1, 2, 65, 66, 70, 73];

interface Entry {
  section: string;
  title: string;
  setup: string[];
  command: string;
  expected: string[];
  exit: number;
  /** line numbers (0-based) in the document of the block's first output line and of the exit code */
  outputStart: number;
  exitLine: number;
}

function parseCatalogue(text: string): { entries: Entry[]; problems: string[] } {
  const lines = text.split('\n');
  const entries: Entry[] = [];
  const problems: string[] = [];
  let section = '';
  let title: string | undefined;
  let setup: string[] = [];
  let blocks = 0;
  const close = (): void => {
    if (title !== undefined && blocks !== 1) problems.push(`"${title}" has ${blocks} console blocks (one is needed)`);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) {
      close();
      section = line.slice(3).trim();
      title = undefined;
    } else if (line.startsWith('### ')) {
      close();
      title = line.slice(4).trim();
      setup = [];
      blocks = 0;
    } else if (/^<!-- setup: .* -->$/.test(line)) {
      setup.push(line.replace(/^<!-- setup: /, '').replace(/ -->$/, ''));
    } else if (line === '```console') {
      if (title === undefined) {
        problems.push(`a console block at line ${i + 1} is not under a ### entry`);
        continue;
      }
      blocks++;
      const command = lines[i + 1] ?? '';
      if (!command.startsWith('$ ')) problems.push(`"${title}": the block must start with "$ placepool ..."`);
      let j = i + 2;
      const expected: string[] = [];
      while (j < lines.length && lines[j] !== '$ echo $?' && lines[j] !== '```') expected.push(lines[j++]!);
      if (lines[j] !== '$ echo $?') {
        problems.push(`"${title}": the block must end with "$ echo $?" and the exit code`);
        continue;
      }
      const exit = Number(lines[j + 1]);
      if (lines[j + 2] !== '```') problems.push(`"${title}": the exit code must be the block's last line`);
      entries.push({ section, title, setup: [...setup], command: command.slice(2), expected, exit, outputStart: i + 2, exitLine: j + 1 });
      i = j + 2;
    }
  }
  close();
  return { entries, problems };
}

/** Split a command line as a POSIX shell would for the simple forms used here (quotes, no expansion). */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      cur += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; text[j] !== '"'; j++) cur += text[j] === '\\' ? text[++j] : text[j];
      i = j;
      inWord = true;
    } else if (c === ' ') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

interface Command {
  env: Record<string, string>;
  args: string[];
  stdin?: string;
  devFull: boolean;
}

function parseCommand(text: string): Command {
  const words = shellWords(text);
  const env: Record<string, string> = {};
  while (words.length && /^[A-Z_]+=/.test(words[0]!)) {
    const w = words.shift()!;
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  if (words.shift() !== 'placepool') throw new Error(`not a placepool command: ${text}`);
  const cmd: Command = { env, args: [], devFull: false };
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '<') cmd.stdin = words[++i]!;
    else if (words[i] === '>' && words[i + 1] === '/dev/full') {
      cmd.devFull = true;
      i++;
    } else cmd.args.push(words[i]!);
  }
  return cmd;
}

/** Expected lines (with `...` for any lines) against actual lines. */
function matches(expected: readonly string[], actual: readonly string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [head, ...rest] = expected;
  if (head === '...') {
    for (let k = 0; k <= actual.length; k++) if (matches(rest, actual.slice(k))) return true;
    return false;
  }
  return actual.length > 0 && actual[0] === head && matches(rest, actual.slice(1));
}

const ERROR_LINE = /^placepool: (error|usage error|internal error): /;

async function runEntry(entry: Entry, cwd: string): Promise<CliResult> {
  const cmd = parseCommand(entry.command);
  for (const s of entry.setup) {
    const [what, arg] = s.split(/\s+/, 2);
    if (what === 'mkdir') mkdirSync(join(cwd, arg!), { recursive: true });
    else if (what === 'sparse-1gb') {
      writeFileSync(join(cwd, arg!), '');
      truncateSync(join(cwd, arg!), MAX_INPUT_BYTES + 1);
    } else if (what === 'placepool') {
      const prepared = await cli(parseCommand(s).args, { cwd });
      if (![0, 1].includes(prepared.code)) throw new Error(`setup "${s}" failed: ${prepared.stderr}`);
    } else if (what === 'rm') rmSync(join(cwd, arg!), { recursive: true, force: true });
    else if (what === 'symlink') {
      const [target, link] = s.split(/\s+/).slice(1);
      symlinkSync(target!, join(cwd, link!));
    } else if (what === 'lock') {
      mkdirSync(join(cwd, arg!), { recursive: true });
      writeFileSync(join(cwd, arg!, LOCK_FILE), `${process.pid}\n`);
    } else if (what !== 'fault') throw new Error(`unknown setup "${s}" in "${entry.title}"`);
  }
  // a folder on stdin is the binary's own descriptor: it cannot be read into a buffer here
  if (cmd.stdin !== undefined && statSync(join(cwd, cmd.stdin)).isDirectory()) {
    const folder = openSync(join(cwd, cmd.stdin), 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, ...cmd.args], { cwd, env: { PATH: process.env.PATH, ...cmd.env }, stdio: [folder, 'pipe', 'pipe'] });
      return { code: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), bytes: r.stdout };
    } finally {
      closeSync(folder);
    }
  }
  if (cmd.devFull) {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...cmd.args], { cwd, env: { PATH: process.env.PATH, ...cmd.env }, stdio: ['ignore', full, 'pipe'] });
      return { code: r.status ?? -1, stdout: '', stderr: r.stderr.toString('utf8'), bytes: Buffer.alloc(0) };
    } finally {
      closeSync(full);
    }
  }
  const fault = entry.setup.includes('fault json')
    ? vi.spyOn(JSON, 'stringify').mockImplementation(() => {
        throw new TypeError('injected fault');
      })
    : undefined;
  try {
    return await cli(cmd.args, { cwd, env: cmd.env, ...(cmd.stdin !== undefined ? { stdin: readFileSync(join(cwd, cmd.stdin)) } : {}) });
  } finally {
    fault?.mockRestore();
  }
}

/** stderr from its first error line, without the final newline. */
function messageLines(stderr: string): string[] {
  const lines = stderr.replace(/\n$/, '').split('\n');
  const first = lines.findIndex((l) => ERROR_LINE.test(l));
  return first < 0 ? lines : lines.slice(first);
}

const text = readFileSync(DOC, 'utf8');
const { entries, problems } = parseCatalogue(text);

describe('docs/errors.md', () => {
  it('is well formed: one console block per entry, each with a command and an exit code', () => {
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(80);
    for (const e of entries) expect(EXIT_CODES, e.title).toContain(e.exit);
  });

  it('names every exit code a user can meet', () => {
    expect([...new Set(entries.map((e) => e.exit))].sort((a, b) => a - b)).toEqual(EXIT_CODES);
  });

  it('gives every entry its own title', () => {
    const titles = entries.map((e) => `${e.section} / ${e.title}`);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });

  it('catalogues every bad-input fixture', () => {
    const dirs = ['test/fixtures/budgets', 'test/fixtures/scenarios/bad', 'test/fixtures/batch/bad', 'test/fixtures/hardening/budgets', 'test/fixtures/hardening/scenarios', 'test/fixtures/hardening/manifests', 'test/fixtures/hardening/xlsx', 'test/fixtures/costs'];
    // fixtures that are valid on purpose (read by the tests of what must succeed)
    const valid = new Set(['bom.csv', 'crlf.csv', 'odd-header.csv', 'utf-16be.csv', 'utf-16le.csv', 'horizon-1.yaml', 'horizon-100.yaml']);
    const commands = entries.map((e) => e.command).join('\n');
    const missing: string[] = [];
    for (const d of dirs) {
      for (const f of readdirSync(join(ROOT, d))) {
        if (!valid.has(f) && !commands.includes(`${d}/${f}`)) missing.push(`${d}/${f}`);
      }
    }
    expect(missing).toEqual([]);
  });

  describe('every entry gives its exit code and message', () => {
    let cwd: string;
    let cleanup: () => void;
    const updates = new Map<number, { output: string[]; exit: number; outputEnd: number }>();
    beforeAll(() => {
      ({ dir: cwd, cleanup } = scratch('placepool-catalogue-'));
      symlinkSync(join(ROOT, 'test'), join(cwd, 'test'));
      symlinkSync(join(ROOT, 'fixtures'), join(cwd, 'fixtures'));
    });
    afterAll(() => {
      cleanup();
      if (UPDATE && updates.size) {
        const lines = text.split('\n');
        for (const [start, u] of [...updates].sort((a, b) => b[0] - a[0])) {
          lines.splice(start, u.outputEnd - start, ...u.output, '$ echo $?', String(u.exit));
        }
        writeFileSync(DOC, lines.join('\n'));
      }
    });

    it.each(entries.map((e) => [`${e.section} / ${e.title}`, e] as const))('%s', async (_name, entry) => {
      const r = await runEntry(entry, cwd);
      const actual = messageLines(r.stderr.replaceAll(cwd, '<cwd>').replaceAll(`(process ${process.pid})`, '(process <pid>)'));
      if (UPDATE) {
        updates.set(entry.outputStart, { output: actual, exit: r.code, outputEnd: entry.exitLine + 1 });
        return;
      }
      expect(r.code, r.stderr).toBe(entry.exit);
      expect(matches(entry.expected, actual), `expected:\n${entry.expected.join('\n')}\n\nactual:\n${actual.join('\n')}`).toBe(true);
      expect(actual[0]).toMatch(ERROR_LINE);
      if (entry.exit !== 70) expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stdout, 'no report on stdout when a command fails').toBe('');
      // nothing written into the folder beside what the entry set up or named (no partial or temporary files)
      const stray = readdirSync(cwd).filter((f) => f.startsWith('.') || f.endsWith('.tmp'));
      expect(stray).toEqual([]);
    });
  });

  it('refers only to fixtures that exist (apart from the entries about missing files)', () => {
    for (const e of entries) {
      if (e.exit === 66 && /no such (file|folder)/.test(e.expected.join('\n'))) continue;
      const args = parseCommand(e.command).args;
      for (const [i, arg] of args.entries()) {
        if (args[i - 1] === '-o') continue;
        if (/^test\/fixtures\//.test(arg)) expect(existsSync(join(ROOT, arg.replace(/#[^/]*$/, ''))), `${e.title}: ${arg}`).toBe(true);
      }
    }
    expect(relative(ROOT, DOC)).toBe(join('docs', 'errors.md'));
  });
});
