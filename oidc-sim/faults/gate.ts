import { InvalidOptionError } from '../errors.js';
import { resetConnection, type FaultRun, type Next } from './fault-effect.js';

/** A request a gate holds (or held): what it was, never a token value. */
export interface HeldRequest {
  /** `<gate id>#<index>`. */
  id: string;
  /** Arrival order at this gate, from 0. */
  index: number;
  endpoint: string;
  grantType?: string;
  clientId?: string;
  tokenHash?: string;
  sub?: string;
  username?: string;
}

/**
 * What `waitFor` saw. On timeout `ok` is false and `arrived` says how many came — so a test of a
 * single-flight server asserts `arrived === 1` instead of catching a timeout error.
 */
export interface GateWait {
  ok: boolean;
  wanted: number;
  /** Held right now. */
  held: number;
  /** Matched this gate since it was set (held, released or dropped). */
  arrived: number;
  requests: HeldRequest[];
}

interface Ticket {
  request: HeldRequest;
  go: (pass: boolean) => void;
  passed: Promise<void>;
  done: () => void;
}

export const DEFAULT_GATE_TIMEOUT_MS = 5000;

/**
 * Holds matching requests until released, which turns "heartbeat and tool call refresh at the same instant"
 * from luck into a choice: both are held, then released in the order a test names.
 */
export class Gate {
  #held: Ticket[] = [];
  #arrived = 0;
  /** Pending `waitFor`s: `check` on every arrival, `end` when the gate closes (nothing more can arrive). */
  #watchers = new Map<() => void, () => void>();
  #closed = false;

  constructor(
    readonly id: string,
    private readonly onRemove: (gate: Gate) => void,
  ) {}

  get held(): HeldRequest[] {
    return this.#held.map((t) => t.request);
  }

  get arrived(): number {
    return this.#arrived;
  }

  /**
   * Resolves once `n` requests are held, or after `timeout` ms with `ok: false` and what did arrive. A gate removed
   * (or dropped) meanwhile holds nothing more: the wait ends then with `ok: false`, and its timer with it, so a wait
   * nobody needs any more keeps no process alive to its timeout.
   */
  waitFor(n: number, { timeout = DEFAULT_GATE_TIMEOUT_MS }: { timeout?: number } = {}): Promise<GateWait> {
    if (!Number.isInteger(n) || n < 1) throw new InvalidOptionError('n', 'must be a positive integer');
    if (!(timeout >= 0)) throw new InvalidOptionError('timeout', 'must be 0 or more milliseconds');
    const report = (ok: boolean): GateWait => ({ ok, wanted: n, held: this.#held.length, arrived: this.#arrived, requests: this.held });
    if (this.#held.length >= n) return Promise.resolve(report(true));
    if (this.#closed) return Promise.resolve(report(false));
    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.#watchers.delete(check);
        resolve(report(ok));
      };
      const check = () => this.#held.length >= n && finish(true);
      const timer = setTimeout(() => finish(false), timeout);
      this.#watchers.set(check, () => finish(false));
    });
  }

  /** The gate closed: every pending wait ends now, with what was held and had arrived. */
  #endWaits(): void {
    for (const end of [...this.#watchers.values()]) end();
  }

  /** Lets the oldest held request through; resolves when the provider has answered it. */
  async release(): Promise<HeldRequest | undefined> {
    const ticket = this.#held[0];
    return ticket && this.#let(ticket);
  }

  /**
   * Lets held requests through one at a time, in the order given (arrival indexes or ids); each goes only after
   * the previous one's answer is complete, so the order at the provider is exactly this one.
   */
  async releaseInOrder(order: Array<number | string>): Promise<HeldRequest[]> {
    const tickets = order.map((key, i) => {
      const t = this.#held.find((h) => h.request.index === key || h.request.id === key);
      if (!t) throw new InvalidOptionError(`order[${i}]`, `no request ${JSON.stringify(key)} is held at gate ${this.id}`);
      return t;
    });
    if (new Set(tickets).size !== tickets.length) throw new InvalidOptionError('order', 'names a request twice');
    const released: HeldRequest[] = [];
    for (const t of tickets) released.push(await this.#let(t));
    return released;
  }

  /** Lets every held request through at once; resolves when all are answered. */
  releaseAll(): Promise<HeldRequest[]> {
    return Promise.all([...this.#held].map((t) => this.#let(t)));
  }

  /** Stops matching and lets everything held go on. */
  async remove(): Promise<void> {
    this.#closed = true;
    this.onRemove(this);
    this.#endWaits();
    await this.releaseAll();
  }

  /** The simulator is closing: held requests are dropped without an answer. */
  drop(): void {
    this.#closed = true;
    this.#endWaits();
    for (const t of this.#held.splice(0)) t.go(false);
  }

  /** The gate's effect: hold this request until released. */
  async pass(f: FaultRun, next: Next): Promise<unknown> {
    if (this.#closed) return next();
    const summary = await f.facts.summary();
    const index = this.#arrived++;
    const request: HeldRequest = { id: `${this.id}#${index}`, index, ...summary };
    let go!: (pass: boolean) => void;
    let done!: () => void;
    const released = new Promise<boolean>((resolve) => (go = resolve));
    const ticket: Ticket = { request, go, done: () => done(), passed: new Promise<void>((r) => (done = r)) };
    this.#held.push(ticket);
    f.record('fault.gate.held', { gate: this.id, request: request.id, index, held: this.#held.length });
    // A caller that gives up while held (its own timeout) is recorded, so a test can release only once the
    // simulator knows the answer has nowhere to go.
    const socket = f.ctx.req.socket;
    const abandoned = () => f.record('fault.gate.abandoned', { gate: this.id, request: request.id, index });
    if (socket.destroyed) abandoned();
    else socket.once('close', abandoned);
    for (const watch of [...this.#watchers.keys()]) watch();
    const pass = await released;
    socket.off('close', abandoned);
    if (!pass) {
      ticket.done();
      return resetConnection(f.ctx);
    }
    f.record('fault.gate.released', { gate: this.id, request: request.id, index });
    try {
      return await next();
    } finally {
      ticket.done();
    }
  }

  #let(ticket: Ticket): Promise<HeldRequest> {
    const at = this.#held.indexOf(ticket);
    if (at >= 0) this.#held.splice(at, 1);
    ticket.go(true);
    return ticket.passed.then(() => ticket.request);
  }
}
