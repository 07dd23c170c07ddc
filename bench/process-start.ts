import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./exit-usage.mjs', import.meta.url));
const LIMIT_MS = 60_000;

/** What one start of a process cost, seen from outside it. */
export interface StartSample {
  /** From spawn until the ready line (or, without one, until the process exited), in ms. */
  ms: number;
  /** Peak RSS until ready (Linux: VmHWM read at the ready line), else over the whole life, in KiB. */
  peakKiB: number;
  /** CPU time over the whole life (start, rest, shutdown), in ms; missing when the process died of our SIGTERM. */
  cpuMs?: number;
  /** CPU time until the ready line (Linux: /proc/PID/stat read at the ready line), in ms. */
  cpuReadyMs?: number;
  /** RSS `restMs` after the ready line, in KiB, when asked for. */
  restKiB?: number;
}

export interface StartOptions {
  /** A stdout line that says the process is ready; without it, the process is timed until it exits. */
  ready?: RegExp;
  /** Sample RSS this long after the ready line, then stop the process (SIGTERM). */
  restMs?: number;
}

/**
 * Starts `node [args]` with bench/exit-usage.mjs preloaded, times it until its ready line or its exit, and reads
 * its peak memory and CPU time. A process that fails (exit code other than 0) is an error, not a sample.
 */
export async function timeStart(args: string[], options: StartOptions = {}): Promise<StartSample> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const what = `node ${args.join(' ')}`;
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
  const usage = readAll(child.stdio[3] as Readable);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  try {
    let readyMs: number | undefined;
    let hwmKiB: number | undefined;
    let cpuReadyMs: number | undefined;
    let restKiB: number | undefined;
    if (options.ready) {
      const lines = createInterface({ input: child.stdout! });
      await Promise.race([
        new Promise<void>((resolve) => lines.on('line', (l) => options.ready!.test(l) && resolve())),
        exited.then(({ code }) => Promise.reject(new Error(`bench: ${what} exited ${code} before it was ready: ${stderr.trim()}`))),
      ]);
      readyMs = performance.now() - started;
      hwmKiB = procStatus(child.pid!, 'VmHWM');
      cpuReadyMs = procCpuMs(child.pid!);
      if (options.restMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, options.restMs));
        restKiB = procStatus(child.pid!, 'VmRSS') ?? psRss(child.pid!);
      }
      child.kill('SIGTERM');
    } else {
      child.stdout!.resume();
    }
    const { code, signal } = await exited;
    const endMs = performance.now() - started;
    // A server that prints its ready line and only then installs its SIGTERM handler can die of our SIGTERM in
    // between: its figures until ready stand, only its exit report (CPU time) is missing.
    const killedByUs = readyMs !== undefined && signal === 'SIGTERM';
    if (code !== 0 && !killedByUs) throw new Error(`bench: ${what} exited ${code ?? signal}: ${stderr.trim()}`);
    const report = JSON.parse((await usage).trim() || 'null') as { maxRssKiB: number; cpuMs: number } | null;
    const peakKiB = hwmKiB ?? report?.maxRssKiB;
    if (peakKiB === undefined) throw new Error(`bench: ${what} exited without its usage report (bench/exit-usage.mjs)`);
    return { ms: readyMs ?? endMs, peakKiB, ...(report ? { cpuMs: report.cpuMs } : {}), ...(cpuReadyMs !== undefined ? { cpuReadyMs } : {}), ...(restKiB !== undefined ? { restKiB } : {}) };
  } finally {
    clearTimeout(limit);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (d: Buffer) => (text += d.toString()));
    stream.once('end', () => resolve(text));
    stream.once('error', reject);
  });
}

/** A field of /proc/PID/status in KiB (Linux), or undefined elsewhere. */
function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return undefined;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

let ticksPerSecond: number | undefined;

/** User + system CPU time of a live process in ms, from /proc/PID/stat (Linux), or undefined elsewhere. */
function procCpuMs(pid: number): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  const stat = readFileSync(file, 'utf8');
  // Fields after "pid (comm) ": state is the first, utime the 12th and stime the 13th (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
}

/** RSS in KiB through ps(1), where there is no /proc. */
function psRss(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}
