import { spawn, type ChildProcess } from 'node:child_process';
import { cliBin } from './matrix-column-process.js';

/** The hidden CLI command a child runs (cli.ts): `oidc-harness world-worker <command> <that command's options>`. */
export const WORLD_WORKER_COMMAND = 'world-worker';

/** What a child answers: one message per job, by the job's id; `ready` once it can take jobs. */
export type WorkerMessage = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  pending: Map<number, { resolve(value: unknown): void; reject(error: Error): void }>;
  /** The last lines it wrote on stderr, for the error when it dies. */
  tail: string[];
  /** Set once it died: why. */
  dead?: Error;
}

/**
 * Child processes that run a command's worlds (`run`'s scenarios, `explore`'s drawn cases) for it: one Node process
 * runs its JavaScript on one core, so a run spreads its worlds over processes as the matrix spreads its columns over
 * `oidc-harness run` children (matrix-column-process.ts). Each child is `oidc-harness world-worker <command>
 * <options>` with the parent's own command and options: it resolves the same target, flaws and simulator options
 * from them, and runs each job it is sent as the parent would in process, on simulators and servers it reuses.
 *
 * Jobs on lane `l` go to child `l % count`; a child starts with its first job and takes several at once (the lanes
 * that share it). Results come back by structured clone, exactly as the child made them.
 */
export class WorldProcesses<Job, Result> {
  #children: Array<Child | undefined>;
  #next = 0;
  #closed = false;

  readonly count: number;
  readonly argv: string[];
  #bin: string;
  #stderr: (chunk: string) => void;

  constructor(options: {
    count: number;
    /** The parent's command and options, e.g. ['run', '--seed', '3', 'double-logout']. */
    argv: string[];
    /** The CLI entry the children run (default: the one beside this module; a benchmark may name the bundle's). */
    bin?: string;
    /** Where what the children print goes (default: this process's stderr). */
    stderr?: (chunk: string) => void;
  }) {
    this.count = options.count;
    this.argv = options.argv;
    this.#bin = options.bin ?? cliBin;
    this.#stderr = options.stderr ?? ((chunk) => void process.stderr.write(chunk));
    this.#children = Array.from({ length: this.count }, () => undefined);
  }

  /** Runs `job` in the child of `lane`; rejects when the child reports an exception or dies. */
  async run(lane: number, job: Job): Promise<Result> {
    if (this.#closed) throw new Error('world processes: closed');
    const child = this.#child(lane % this.count);
    await child.ready;
    if (child.dead) throw child.dead;
    const id = this.#next++;
    return new Promise<Result>((resolve, reject) => {
      child.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.process.send({ id, job }, (err) => {
        if (!err || !child.pending.delete(id)) return;
        reject(child.dead ?? new Error(`world process ${(lane % this.count) + 1}/${this.count}: the job could not be sent (${err.message})`));
      });
    });
  }

  /** Process ids of the children started so far (for diagnostics and tests). */
  get pids(): number[] {
    return this.#children.flatMap((c) => (c?.process.pid === undefined ? [] : [c.process.pid]));
  }

  /** Lets every child finish and exit (a child exits once its channel closes). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(
      this.#children.map(async (child) => {
        if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
        const exited = new Promise((resolve) => child.process.once('exit', resolve));
        child.process.disconnect();
        await exited;
      }),
    );
  }

  #child(index: number): Child {
    const existing = this.#children[index];
    if (existing) return existing;
    const proc = spawn(process.execPath, [this.#bin, WORLD_WORKER_COMMAND, ...this.argv], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const child: Child = { process: proc, ready: Promise.resolve(), pending: new Map(), tail: [] };
    const keep = (chunk: Buffer) => {
      const text = String(chunk);
      this.#stderr(text);
      child.tail = [...child.tail, ...text.split('\n').filter(Boolean)].slice(-5);
    };
    // Whatever a child prints is the parent's to show (stdout too: the parent's stdout may carry --json results).
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    const died = (why: string) => {
      const error = new Error(`world process ${index + 1}/${this.count} (${this.argv[0]}) ${why}${child.tail.length ? `: ${child.tail.join(' | ')}` : ''}`);
      child.dead ??= error;
      for (const waiter of child.pending.values()) waiter.reject(error);
      child.pending.clear();
      return error;
    };
    child.ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (m: WorkerMessage) => {
        if ('ready' in m) return resolve();
        const waiter = child.pending.get(m.id);
        if (!waiter) return;
        child.pending.delete(m.id);
        if (m.ok) waiter.resolve(m.value);
        else waiter.reject(new Error(`world process ${index + 1}/${this.count}: ${m.error}`));
      });
      proc.once('error', (err) => reject(died(`could not start (${err.message})`)));
      // 'close', not 'exit': by then the last lines it printed are in `tail`.
      proc.once('close', (code, signal) => reject(died(`exited with ${signal ?? code}`)));
    });
    // A child that dies after it was ready rejects what it still owed (above); the ready promise is then settled.
    child.ready.catch(() => undefined);
    this.#children[index] = child;
    return child;
  }
}
