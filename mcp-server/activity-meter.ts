import { AsyncLocalStorage } from 'node:async_hooks';
import type { KeyedMutex } from '../support/index.js';

/**
 * What a strand of work can wait on, each something the server itself knows it is waiting for: a hold point, a
 * refresh in flight it joined, a user's lock (this process's or the store's, shared by replicas), an answer from the
 * provider, or strands it started. Anything else a strand awaits (its store, its own code) counts as running.
 */
export type WaitKind = 'hold' | 'flight' | 'lock' | 'store-lock' | 'provider' | 'children';

/** Whom a strand works for: a window's request or its login's completion (by MCP session), a heartbeat round, upkeep. */
export interface StrandTags {
  via: 'request' | 'login' | 'heartbeat' | 'close' | 'reaper';
  sessionId?: string;
}

export interface WaitingStrand extends StrandTags {
  on: WaitKind;
  /** The user whose lock or store lock it waits for. */
  key?: string;
}

/**
 * What the server is doing now, for a harness that must know when every call it made has either finished, is held,
 * or waits on something held (explore's held steps and gated races), instead of guessing from a quiet period.
 */
export interface ActivityState {
  /** Strands of work that are running (waiting on nothing in WaitKind). */
  running: number;
  /** Strands waiting, each on what it waits for last. */
  waiting: WaitingStrand[];
  /** Requests to the provider not yet answered. */
  providerRequests: number;
  /** Users whose lock in the store a strand of this server holds now (a waiting replica waits on one of these). */
  storeLocks: string[];
}

interface Strand {
  tags: StrandTags;
  waits: Array<{ on: WaitKind; key?: string }>;
  ended: boolean;
  /** Its own work settled; it ends once nothing keeps it alive (`keepAlive`). */
  settled: boolean;
  alive: number;
}

/**
 * The server's account of its own work, in strands: a request from its answer back, a heartbeat round, a device
 * login's poll once woken, a close or a sweep. Off until someone subscribes (AsyncLocalStorage costs every promise a
 * little); in process, the harness subscribes before any window connects. Listeners hear of changes once every
 * promise continuation has run (setImmediate), so a waiter that a release lets go is running again by then.
 */
export class ActivityMeter {
  readonly #als = new AsyncLocalStorage<Strand | undefined>();
  readonly #strands = new Set<Strand>();
  readonly #storeLocks = new Map<string, number>();
  readonly #listeners = new Set<() => void>();
  #provider = 0;
  #on = false;
  #closed = false;
  #scheduled = false;

  subscribe(listener: () => void): () => void {
    this.#on = !this.#closed;
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  state(): ActivityState {
    let running = 0;
    const waiting: WaitingStrand[] = [];
    for (const s of this.#strands) {
      const last = s.waits.at(-1);
      if (!last) running++;
      else waiting.push({ ...s.tags, on: last.on, ...(last.key !== undefined ? { key: last.key } : {}) });
    }
    return { running, waiting, providerRequests: this.#provider, storeLocks: [...this.#storeLocks.keys()] };
  }

  /**
   * Ends the meter with its generation: it counts nothing more, and its AsyncLocalStorage is disabled. Node runs
   * every enabled one on every promise the process makes, and one stays enabled until disabled: with a meter per
   * reset, an exploration's resets piled them up, and each case cost more CPU than the one before it (issue 18).
   */
  close(): void {
    this.#closed = true;
    this.#on = false;
    this.#als.disable();
  }

  /** Runs `work` as a strand of its own (its end is when `work` settles). */
  run<T>(tags: StrandTags, work: () => Promise<T>): Promise<T> {
    if (!this.#on) return work();
    const strand: Strand = { tags, waits: [], ended: false, settled: false, alive: 0 };
    this.#strands.add(strand);
    this.#changed();
    const end = () => {
      strand.settled = true;
      this.#endIfDone(strand);
    };
    try {
      return this.#als.run(strand, work).finally(end);
    } catch (err) {
      end();
      throw err;
    }
  }

  /**
   * Keeps the current strand going until the returned function is called, even once the work it was started with
   * settled: a tool call goes on after its request's answer was cut short (its window closed), and what it still does
   * (a logout's revocation, a refresh's write) is the request's work, not the server standing still.
   */
  keepAlive(): () => void {
    const strand = this.#als.getStore();
    if (!strand || strand.ended) return () => undefined;
    strand.alive++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      strand.alive--;
      this.#endIfDone(strand);
    };
  }

  #endIfDone(strand: Strand): void {
    if (strand.ended || !strand.settled || strand.alive > 0) return;
    strand.ended = true;
    this.#strands.delete(strand);
    this.#changed();
  }

  /** Runs `work` as a new strand for whom the current one works for (a heartbeat's users at once). */
  fork<T>(work: () => Promise<T>): Promise<T> {
    const current = this.#als.getStore();
    return current ? this.run(current.tags, work) : work();
  }

  /** Runs `work` outside any strand: background work (a device login's poll) that begins strands of its own. */
  detached<T>(work: () => Promise<T>): Promise<T> {
    return this.#on ? this.#als.run(undefined, work) : work();
  }

  /** The current strand waits on `on` until `promise` settles. */
  wait<T>(on: WaitKind, promise: Promise<T>, key?: string): Promise<T> {
    const done = this.waiting(on, key);
    return promise.finally(done);
  }

  /** Marks the current strand waiting on `on` until the returned function is called (outside a strand: nothing). */
  waiting(on: WaitKind, key?: string): () => void {
    const strand = this.#als.getStore();
    if (!strand || strand.ended) return () => undefined;
    const mark = { on, ...(key !== undefined ? { key } : {}) };
    strand.waits.push(mark);
    this.#changed();
    return () => {
      const i = strand.waits.indexOf(mark);
      if (i < 0) return;
      strand.waits.splice(i, 1);
      this.#changed();
    };
  }

  /** A request to the provider: counted, and the strand waits on it. */
  provider<T>(request: Promise<T>): Promise<T> {
    if (!this.#on) return request;
    this.#provider++;
    this.#changed();
    return this.wait('provider', request).finally(() => {
      this.#provider--;
      this.#changed();
    });
  }

  /** The current strand holds `userId`'s lock in the store until the returned function is called. */
  holdingStoreLock(userId: string): () => void {
    if (!this.#on) return () => undefined;
    this.#storeLocks.set(userId, (this.#storeLocks.get(userId) ?? 0) + 1);
    this.#changed();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.#storeLocks.get(userId) ?? 1) - 1;
      if (n > 0) this.#storeLocks.set(userId, n);
      else this.#storeLocks.delete(userId);
      this.#changed();
    };
  }

  /** A keyed mutex whose waits are counted as waits on `on` (keyed by the mutex key). */
  lock(mutex: KeyedMutex, on: WaitKind): Pick<KeyedMutex, 'run'> {
    return {
      run: <T>(key: string, work: () => Promise<T>, onWait?: () => void) => {
        let done: (() => void) | undefined;
        return mutex.run(
          key,
          () => {
            done?.();
            return work();
          },
          () => {
            done = this.waiting(on, key);
            onWait?.();
          },
        );
      },
    };
  }

  #changed(): void {
    if (!this.#on || this.#scheduled || !this.#listeners.size) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      for (const l of [...this.#listeners]) l();
    });
  }
}
