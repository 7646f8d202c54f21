// Shared helpers of the hardening tests: scratch folders, real processes behind a shell pipe, large inputs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';

export const EXAMPLE = join(ROOT, 'fixtures', 'example');
export const HARD = join(ROOT, 'test', 'fixtures', 'hardening');

/** A fresh scratch folder; `cleanup` removes it. */
export function scratch(prefix = 'placepool-hardening-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every entry of a folder (hidden ones too), sorted: to see that no temporary file was left behind. */
export function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Names that look like a temporary or partial file. */
export function leftovers(dir: string): string[] {
  return entries(dir).filter((n) => n.startsWith('.') || n.endsWith('.tmp') || n.includes('.tmp.'));
}

/** The bundled example budgets repeated for `n` places (Lambridge 001, Eastmoor 001, ...): a report of a few MB. */
export function manyPlacesBudgets(n: number): string {
  const lines = readFileSync(join(EXAMPLE, 'budgets.csv'), 'utf8').trimEnd().split('\n');
  const out = [lines[0]!];
  for (let i = 1; i <= n; i++) {
    const suffix = ` ${String(i).padStart(3, '0')}`;
    for (const line of lines.slice(1)) out.push(line.replace(/^([^,]+),/, `$1${suffix},`));
  }
  return `${out.join('\n')}\n`;
}

export interface PipeResult {
  /** placepool's exit status (not head's) */
  code: number;
  /** what reached the reader */
  head: string;
  /** placepool's stderr */
  stderr: string;
}

/** `placepool ARGS | head -1` through a real shell: placepool's status and stderr, and what head printed. */
export function pipedToHead(args: string[], cwd: string): PipeResult {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const script = `"${process.execPath}" "${BIN}" ${quoted} 2>"$ERR" | head -1; exit "\${PIPESTATUS[0]}"`;
  const { dir, cleanup } = scratch('placepool-pipe-');
  try {
    const err = join(dir, 'stderr.txt');
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd, env: { PATH: process.env.PATH, ERR: err }, maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status ?? -1, head: r.stdout.toString('utf8'), stderr: readFileSync(err, 'utf8') };
  } finally {
    cleanup();
  }
}

/** A stack trace line, as Node prints one. */
export const STACK_LINE = /^\s+at .+(\(|:\d+:\d+)/m;
