import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TokenSet } from '../oidc-sim/index.js';
import type { TargetInfo } from './bench-target.js';
import type { Throughput } from './measure.js';
import type { HostRequest, HostStats, ServerSpec } from './server-spec.js';

const HOST = fileURLToPath(new URL('./server-host.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** A token server running in its own process (see server-host.ts), reached over HTTP for load and IPC for the rest. */
export class ServerProcess<I = TargetInfo> {
  #next = 0;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    readonly child: ChildProcess,
    readonly info: I,
  ) {
    child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const waiter = this.#pending.get(m.id);
      if (!waiter) return;
      this.#pending.delete(m.id);
      if (m.ok) waiter.resolve(m.value);
      else waiter.reject(new Error(`bench server process: ${m.error}`));
    });
    child.on('exit', (code) => {
      for (const w of this.#pending.values()) w.reject(new Error(`bench server process exited with ${code}`));
      this.#pending.clear();
    });
  }

  /** Starts a hosted server; `nodeFlags` go to its node (e.g. --expose-gc). */
  static start<I = TargetInfo>(spec: ServerSpec, nodeFlags: string[] = []): Promise<ServerProcess<I>> {
    const child = fork(HOST, [JSON.stringify(spec)], { execArgv: ['--import', 'tsx', ...nodeFlags], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`bench: ${spec.kind} did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bench: ${spec.kind} exited with ${code} before it was ready`));
      });
      child.once('message', (m: { ready?: I }) => {
        clearTimeout(timer);
        if (m.ready) resolve(new ServerProcess<I>(child, m.ready));
        else reject(new Error(`bench: ${spec.kind} sent ${JSON.stringify(m)} before it was ready`));
      });
    });
  }

  #call<T>(req: HostRequest): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, req });
    });
  }

  login = () => this.#call<TokenSet>({ op: 'login' });
  timeLogins = (maxOps: number, maxMs: number) => this.#call<Throughput>({ op: 'timeLogins', maxOps, maxMs });
  stats = () => this.#call<HostStats>({ op: 'stats' });
  approveDevice = (userCode: string, username: string) => this.#call<void>({ op: 'approveDevice', userCode, username });
  gc = () => this.#call<boolean>({ op: 'gc' });
  counters = () => this.#call<Record<string, number>>({ op: 'counters' });
  /** Writes a V8 heap snapshot of the server's process to `path` (slow; for profiling scripts, not timed figures). */
  heapSnapshot = (path: string) => this.#call<string>({ op: 'heapSnapshot', path });

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.#call({ op: 'close' }).catch(() => this.child.kill());
    await exited;
  }
}
