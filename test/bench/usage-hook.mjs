// Preloaded into a measured Node process (`node --import ./usage-hook.mjs ...`): at exit, appends the
// process's peak resident memory and CPU time (all threads) as one JSON line to $BENCH_USAGE_FILE.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(file, `${JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
  });
}
