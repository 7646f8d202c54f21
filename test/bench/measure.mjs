// Measuring primitives for the benchmark: child processes timed side by side, interleaved and repeated so
// that load on a shared machine falls on both sides of a ratio alike; medians, not means.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOOK = fileURLToPath(new URL('./usage-hook.mjs', import.meta.url));
let serial = 0;

/**
 * Run a command to completion. Resolves { ms, code, signal, stdout, stderr, usage }: wall time measured here;
 * with `usage: true` (the command must be `node`), the child's peak resident memory and CPU time, reported by
 * usage-hook.mjs from inside the child.
 */
export function runTimed(cmd, args, { cwd, env, usage = false, capture = false } = {}) {
  const usageFile = usage ? join(tmpdir(), `placepool-bench-${process.pid}-${serial++}.jsonl`) : undefined;
  const fullArgs = usage ? ['--import', HOOK, ...args] : args;
  const fullEnv = { ...(env ?? process.env), ...(usageFile ? { BENCH_USAGE_FILE: usageFile } : {}) };
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, fullArgs, { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => capture && out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let used;
      if (usageFile && existsSync(usageFile)) {
        const lines = readFileSync(usageFile, 'utf8').trim().split('\n');
        used = JSON.parse(lines[lines.length - 1]);
        rmSync(usageFile, { force: true });
      }
      resolve({ ms, code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), usage: used });
    });
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * Time several commands side by side: after `warmup` untimed rounds, `rounds` rounds each running every
 * command once, the order reversed every other round (AB, BA, AB, ...). Returns, for each command, the median
 * wall time, every time, and the largest peak memory and median CPU time seen (with `usage`). Throws when a
 * command exits with a status other than the expected one (a crashed measurement is not a measurement).
 */
export async function interleave(commands, { rounds = 5, warmup = 1 } = {}) {
  const results = commands.map(() => ({ all: [], cpu: [], maxRssKb: 0 }));
  for (let r = -warmup; r < rounds; r++) {
    const order = commands.map((_, i) => i);
    if (((r % 2) + 2) % 2 === 1) order.reverse();
    for (const i of order) {
      const c = commands[i];
      const res = await runTimed(c.cmd, c.args, c.opts);
      const want = c.expect ?? 0;
      if (res.code !== want) {
        throw new Error(`${c.name}: exit status ${res.code}${res.signal ? ` (${res.signal})` : ''}, expected ${want}\n${res.stderr.slice(-1500)}`);
      }
      if (r < 0) continue;
      results[i].all.push(res.ms);
      if (res.usage) {
        results[i].cpu.push(res.usage.cpuMs);
        results[i].maxRssKb = Math.max(results[i].maxRssKb, res.usage.maxRssKb);
      }
    }
  }
  return results.map((x) => ({ ...x, median: median(x.all), cpuMedian: median(x.cpu) }));
}

/** Time `fn` (which does `n` units of work) until a round takes at least `minMs`; returns that n. */
export function calibrate(fn, { start = 1, minMs = 300, max = 1 << 20 } = {}) {
  let n = start;
  for (;;) {
    const t0 = performance.now();
    fn(n);
    const ms = performance.now() - t0;
    if (ms >= minMs || n >= max) return n;
    n = Math.min(max, Math.max(n * 2, Math.ceil((n * minMs) / Math.max(ms, 1))));
  }
}
