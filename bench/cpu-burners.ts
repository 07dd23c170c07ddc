import { spawn, type ChildProcess } from 'node:child_process';

// Spins until its deadline or until its parent goes away: a burner never outlives the benchmark that started it.
const BURN = `const end = Date.now() + Number(process.argv[1]);
const parent = Number(process.argv[2]);
let n = 0;
while (Date.now() < end) {
  if (++n % 1e5 === 0) { try { process.kill(parent, 0); } catch { process.exit(0); } }
}`;

/** `count` child processes that each keep one core busy for at most `maxMs`; `stop()` ends them at once. */
export function startCpuBurners(count: number, maxMs: number): { stop: () => Promise<void> } {
  const children: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ['-e', BURN, String(maxMs), String(process.pid)], { stdio: 'ignore' }));
  return {
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
