import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const bin = new URL('./bin.js', import.meta.url).pathname;
const fixture = new URL('./fixtures/hanging-target.mjs', import.meta.url).pathname;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Polls a condition until it holds; bounded, so a harness that never gets there fails instead of hanging. */
async function until(what: string, holds: () => boolean, boundMs = 120_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dir: string | undefined;
let stray: number | undefined;
afterEach(async () => {
  if (stray !== undefined && alive(stray)) process.kill(stray, 'SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = stray = undefined;
});

describe('a harness stopped while it drives a target started by command', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the target before it exits on ${signal}`, { timeout: 300_000 }, async () => {
      dir = await mkdtemp(join(tmpdir(), 'harness-reaper-'));
      const pidFile = join(dir, 'target.pid');
      const harness = spawn(process.execPath, [bin, 'run', 'dual-windows-same-user', '--server-cmd', `"${process.execPath}" "${fixture}" "${pidFile}"`], { stdio: 'ignore' });
      await until('the target wrote its pid', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
      const target = Number(readFileSync(pidFile, 'utf8'));
      stray = target;
      expect(alive(target)).toBe(true);
      const exited = once(harness, 'exit');
      harness.kill(signal);
      const [code, bySignal] = await exited;
      expect({ code, bySignal }).toEqual({ code: signal === 'SIGINT' ? 130 : 143, bySignal: null });
      await until('the target is gone', () => !alive(target));
    });
  }
});
