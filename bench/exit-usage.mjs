// Preloaded (`node --import`) into every process the start-up benchmark starts, its baseline `node -e 0` too: at
// exit, writes the process's peak RSS (KiB) and CPU time (ms) as one JSON line to file descriptor 3, a pipe the
// benchmark opened. Plain JavaScript, so it adds no loader of its own to what it measures.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  try {
    writeSync(3, `${JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })}\n`);
  } catch {
    // No pipe on fd 3: started by something other than the benchmark.
  }
});
