import { createOidcSim, type Gate, type GateWait, type LedgerEvent, type OidcSim, type OidcSimOptions } from '../oidc-sim/index.js';
import { historyEventOf } from './ledger-event.js';
import { History } from './history.js';
import type { HistoryEvent } from './result-types.js';
import { sessionHash } from './session-hash.js';
import { seededRandom } from '../support/index.js';
import type { HeartbeatTiming, ServerFactory, ServerFact, ServerHandle } from './server-handle.js';
import { Window } from './window.js';
import { harnessDefaults } from './defaults.js';
import type { ScenarioDefinition } from './define-scenario.js';
import type { Powers } from './world-powers.js';

/**
 * A world's clock never decides a verdict: refresh tokens outlive any scenario, however busy the machine, and
 * scenarios end tokens with expire-now when expiry is the point. Access tokens keep the seed's 10 s, so tool calls
 * still refresh on demand when a run is slow. The device authorization answer announces a 1 s polling interval (the
 * least RFC 8628's whole seconds allow) instead of the RFC's default 5 s: a server that honours it, as an external
 * target must, then finishes each device login about 4 s sooner. Nothing is judged on how soon it polls.
 */
export const WORLD_SIM_DEFAULTS: OidcSimOptions = { userCount: 2, timeScale: 1, deviceInterval: 1, lifetimes: { refreshToken: 600 } };

export interface WorldOptions {
  seed: number;
  flaws: string[];
  server: ServerFactory;
  scenario: ScenarioDefinition;
  sim?: OidcSimOptions;
  /**
   * A simulator to reuse instead of starting one (explore: many short worlds in a row). It is reset when the world
   * starts and when it closes, never closed by the world: every token, grant, ledger event, fault and gate goes;
   * users, clients and keys stay. Its options are the caller's (see `createWorldSim`).
   */
  reuseSim?: OidcSim;
}

/**
 * A reused simulator after its world closed: reset (gates open, hung requests let go), then, once every request that
 * world left in flight has finished, reset again, so nothing of it reaches the next world's ledger.
 */
async function cleanSlate(sim: OidcSim): Promise<void> {
  sim.reset();
  await sim.idle();
  sim.reset();
}

/** A simulator with a world's defaults, for callers that reuse one across worlds (`WorldOptions.reuseSim`). */
export function createWorldSim(seed: number, options: OidcSimOptions = {}): Promise<OidcSim> {
  return createOidcSim({ ...WORLD_SIM_DEFAULTS, seed, ...options });
}

/**
 * Everything a scenario touches: the simulator, the server, windows, faults, and the one history they all
 * write into. Everything listens on port 0; every random choice comes from `random`.
 */
export class World {
  readonly history = new History();
  readonly random: () => number;
  readonly windows = new Map<string, Window>();
  #unsubscribe: Array<() => void> = [];
  #cycle = 0;
  #subByUser = new Map<string, string>();
  /** Set when the server refused the scenario's options (see `serverMayRefuse`): the server's own answer. */
  refusedServerConfig: string | undefined;
  /** Attached to a simulator and server its caller started (and closes): close() ends only the windows. */
  #borrowed = false;

  private constructor(
    readonly sim: OidcSim,
    public server: ServerHandle,
    private readonly options: { seed: number; reuseSim?: OidcSim },
  ) {
    this.random = seededRandom(options.seed);
    for (const u of sim.users) this.#subByUser.set(u.sub, u.username);
    this.#unsubscribe.push(sim.ledger.subscribe((e) => this.#fromLedger(e)));
    this.#watchServer();
    const off = server.onExit?.((exit) => this.mark('target.exited', { code: exit.code, signal: exit.signal }));
    if (off) this.#unsubscribe.push(off);
  }

  /**
   * The scenario could not form what it is about (a race, a precondition): the run is inconclusive, never a pass.
   * Only the first reason is reported; later calls add to the history.
   */
  inconclusive(reason: string): void {
    this.mark('inconclusive', { reason });
  }

  /** Whether `heartbeat()` can start a round now (in process); otherwise a round is awaited, if the target declared one. */
  get canHeartbeatOnDemand(): boolean {
    return this.server.heartbeatOnce !== undefined;
  }

  /**
   * The heartbeat timing the server runs with, where it declares it (in process), or undefined: what a lever that
   * stands in for the wall clock (a heartbeat round slowed by the network) measures a delay against.
   */
  get heartbeatTiming(): HeartbeatTiming | undefined {
    return this.server.heartbeatTiming;
  }

  /**
   * The target's own heartbeat period as it declared it (`--target-heartbeat`), or undefined. A declared heartbeat is
   * what lets a black-box scenario hold one of the server's own rounds at the provider's gate.
   */
  get declaredHeartbeatMs(): number | undefined {
    return this.server.heartbeatOnce ? undefined : this.server.heartbeatPeriodMs;
  }

  /** How long to wait for the declared heartbeat's next round: two periods, plus the slack a busy machine needs. */
  get roundWaitMs(): number {
    return 2 * (this.declaredHeartbeatMs ?? 0) + harnessDefaults.secondRequestWaitMs;
  }

  /**
   * The next request `gate` holds (recorded after history event `after`) that `match` accepts, or undefined after
   * `ms` (noted in the history, never inconclusive by itself: the caller decides what a missing request means).
   */
  nextAtGate(gate: Gate, after: number, ms: number, what: string, match: (e: HistoryEvent) => boolean = () => true): Promise<HistoryEvent | undefined> {
    return this.within(ms, (e) => e.seq > after && e.type === 'fault.gate.held' && e.detail?.gate === gate.id && match(e), what, { optional: true });
  }

  /**
   * Waits for a second request at `gate` (a race that formed), or for `settled` (e.g. the server's own word that the
   * other call joined the refresh in flight). Proving the second never comes needs a bound, and a fixed one from the
   * first request would let a slow flawed server pass unseen: `secondRequestWaitMs` counts from the moment
   * `contenders` events matching `refused` (each contender finding its token dead at the simulator) are in the
   * history after event `after`, and `raceFormWaitMs` bounds the whole wait when they never are. Says which ended it.
   */
  async secondAtGate(
    gate: Gate,
    { after, refused, contenders, settled }: { after: number; refused: (e: HistoryEvent) => boolean; contenders: number; settled?: (e: HistoryEvent) => boolean },
  ): Promise<'second' | 'settled' | 'bound'> {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    let fire!: () => void;
    const bound = new Promise<'bound'>((resolve) => (fire = () => resolve('bound')));
    const arm = (ms: number) => {
      if (done) return;
      clearTimeout(timer);
      timer = setTimeout(fire, ms);
    };
    arm(harnessDefaults.raceFormWaitMs);
    let refusals = 0;
    void this.history.until((e) => e.seq > after && refused(e) && ++refusals >= contenders).then(() => arm(harnessDefaults.secondRequestWaitMs));
    let held = 0;
    const second = this.history.until((e) => e.seq > after && e.type === 'fault.gate.held' && e.detail?.gate === gate.id && ++held >= 2).then(() => 'second' as const);
    const quiet = settled ? this.history.until((e) => e.seq > after && settled(e)).then(() => 'settled' as const) : new Promise<never>(() => {});
    try {
      const how = await Promise.race([second, quiet, bound]);
      this.mark('gate.second', { gate: gate.id, how, refusals });
      return how;
    } finally {
      done = true;
      clearTimeout(timer);
    }
  }

  /** A copy of `items` in an order the seed chooses (Fisher-Yates over the world's one random source). */
  shuffle<T>(items: T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /**
   * Lets what `gate` holds through one at a time in an order the seed chooses (so `--repeat` explores release
   * orders and a replay reproduces one), then removes the gate. The order goes into the history.
   */
  async releaseInSeededOrder(gate: Gate): Promise<void> {
    const order = this.shuffle(gate.held.map((r) => r.index));
    this.mark('gate.release-order', { gate: gate.id, order });
    if (order.length) await gate.releaseInOrder(order);
    await gate.remove();
  }

  /** Evidence the scenario needs from the history (usually the ledger); without it the run is inconclusive. */
  requireLedger(match: (e: HistoryEvent) => boolean, missing: string): boolean {
    const found = this.history.events.some((e) => e.source.kind === 'sim' && match(e));
    if (!found) this.inconclusive(missing);
    return found;
  }

  /**
   * Waits until `n` requests are held at `gate`. A race that never formed makes the run inconclusive (with what did
   * arrive), unless `optional`: then the answer only says so and the scenario carries on.
   */
  async waitAtGate(gate: Gate, n: number, what: string, { timeoutMs = 10_000, optional = false } = {}): Promise<GateWait> {
    const wait = await gate.waitFor(n, { timeout: timeoutMs });
    this.mark('gate.wait', { gate: gate.id, wanted: n, arrived: wait.arrived, ok: wait.ok, what });
    if (!wait.ok && !optional) this.inconclusive(`${what}: ${wait.arrived} of ${n} request(s) reached the gate within ${timeoutMs} ms`);
    return wait;
  }

  /**
   * A world around a simulator and a server the caller started and will close (the vitest fixtures): the same history,
   * windows and levers as a scenario's world; `close()` ends the windows and leaves the simulator and server running.
   */
  static attach(parts: { sim: OidcSim; server: ServerHandle; seed: number }): World {
    const world = new World(parts.sim, parts.server, { seed: parts.seed });
    world.#borrowed = true;
    return world;
  }

  static async create(options: WorldOptions): Promise<World> {
    const simOptions = options.scenario.world?.sim ?? {};
    if (options.reuseSim) options.reuseSim.reset();
    const sim = options.reuseSim ?? (await createWorldSim(options.seed, { ...options.sim, ...simOptions }));
    const ctx = { sim, flaws: options.flaws, seed: options.seed, options: options.scenario.world?.server ?? {} };
    try {
      let refused: string | undefined;
      const server = await options.server(ctx).catch(async (err: Error) => {
        if (!options.scenario.world?.serverMayRefuse) throw err;
        refused = err.message;
        return options.server({ ...ctx, options: {} });
      });
      const world = new World(sim, server, options);
      if (refused) {
        world.refusedServerConfig = refused;
        world.mark('config.refused', { reason: refused });
      }
      return world;
    } catch (err) {
      if (options.reuseSim) await cleanSlate(sim);
      else await sim.close();
      throw err;
    }
  }

  /** A browser window: an MCP client with its own session, meant for `user`. `sessionId`: see `Window` (hostile). */
  window(name: string, { user, replica = 0, sessionId }: { user: string; replica?: number; sessionId?: string }): Window {
    if (this.windows.has(name)) throw new Error(`window '${name}' already exists`);
    this.sim.user(user);
    const urls = [this.server.url, ...(this.server.replicaUrls ?? [])];
    if (!urls[replica]) throw new Error(`window '${name}': no replica ${replica} (this world has ${urls.length})`);
    const w = new Window(name, user, {
      history: this.history,
      serverUrl: () => [this.server.url, ...(this.server.replicaUrls ?? [])][replica]!,
      // In process, the server polls at once instead of at its next interval: the approval is what it waits for.
      approveDevice: async (code, u) => {
        await this.sim.approveDevice(code, u);
        this.server.pollDeviceLoginsNow?.();
      },
      loginSettled: this.server.onEvent ? (sid, since) => this.#loginSettled(sid, since) : undefined,
    }, sessionId);
    this.windows.set(name, w);
    return w;
  }

  /**
   * One heartbeat round, three ways, most exact first. In process: a round on demand, bracketed in the history so
   * `bounded` can count refreshes per round. A target that declared its heartbeat period (`--target-heartbeat S`):
   * the server's own round is awaited through the ledger, until every logged-in user's refresh reached the provider
   * or twice the period passed. Any other server: a forced round, black-box: the provider ends each logged-in user's
   * access tokens and one window per user makes a data call, so every user refreshes now. `optional`: where the
   * round only adds to a scenario, a black-box target skips it (noted in the history).
   */
  async heartbeat({ optional = false } = {}): Promise<void> {
    const cycle = ++this.#cycle;
    if (this.server.heartbeatOnce) {
      this.mark('heartbeat.cycle', { cycle });
      await this.server.heartbeatOnce();
      this.mark('heartbeat.cycle.end', { cycle });
      return;
    }
    if (optional) {
      this.mark('heartbeat.unavailable');
      return;
    }
    const live = this.#liveWindowsByUser();
    if (this.server.heartbeatPeriodMs) {
      const start = this.mark('heartbeat.awaited', { cycle, users: [...live.keys()] });
      const refreshed = (user: string) => (e: HistoryEvent) => e.seq > start.seq && e.source.kind === 'sim' && e.source.endpoint === 'token' && e.user === user && /^(token\.refreshed|refresh\.rejected|reuse\.detected|expired\.use)$/.test(e.type);
      const bound = new Promise<'bound'>((resolve) => setTimeout(() => resolve('bound'), 2 * this.server.heartbeatPeriodMs!).unref());
      await Promise.race([Promise.all([...live.keys()].map((u) => this.until(refreshed(u)))), bound]);
      this.mark('heartbeat.awaited.end', { cycle });
      return;
    }
    this.mark('heartbeat.forced', { cycle, users: [...live.keys()] });
    await Promise.all(
      [...live].map(async ([user, window]) => {
        this.sim.expire({ accessTokensOf: user });
        await window.getProfile();
      }),
    );
    this.mark('heartbeat.forced.end', { cycle });
  }

  /** One window per user that is logged in now (first by name), for forced rounds. */
  #liveWindowsByUser(): Map<string, Window> {
    const byUser = new Map<string, Window>();
    for (const w of this.windows.values()) if (w.user && !byUser.has(w.user)) byUser.set(w.user, w);
    return byUser;
  }

  /** Whether the server has hold points (the in-process reference server): a refinement, never the only way. */
  get canHold(): boolean {
    return this.server.hold !== undefined;
  }

  /**
   * A white-box power as an optional refinement: present on the in-process reference server, undefined elsewhere,
   * so the black-box path is always the one that runs first in the scenario's own code.
   */
  refine<C extends keyof Powers>(capability: C): Powers[C] | undefined {
    const has = {
      heartbeat: this.canHeartbeatOnDemand,
      holds: this.canHold,
      restart: this.server.restart !== undefined,
      replicas: (this.server.replicaUrls?.length ?? 0) > 0,
      rounds: this.canHeartbeatOnDemand || this.declaredHeartbeatMs !== undefined,
    }[capability];
    return has ? (this as unknown as Powers[C]) : undefined;
  }

  /** A heartbeat round now, unbracketed (needs: heartbeat). */
  async heartbeatNow(): Promise<void> {
    if (!this.server.heartbeatOnce) throw new Error('this server cannot run a heartbeat on demand');
    await this.server.heartbeatOnce();
  }

  /** Servers sharing one store in this world (needs: replicas). */
  get replicaCount(): number {
    return 1 + (this.server.replicaUrls?.length ?? 0);
  }

  /**
   * Holds the server at a named point (white-box: the in-process reference server only). Returns what reached
   * it, with the username filled in. `replica`: with replicas on one store, the one held (default 0).
   */
  hold(point: string, match?: (info: { userId?: string; sessionId?: string; trigger?: string }) => boolean, replica?: number) {
    if (!this.server.hold) throw new Error(`this server has no hold points; scenario needs the reference server (hold '${point}')`);
    const h = this.server.hold(point, match as never, replica);
    return {
      reached: h.reached.then((info) => {
        const i = info as { userId?: string };
        this.mark('hold.reached', { point, user: this.usernameOf(i.userId) });
        return { ...i, username: this.usernameOf(i.userId) };
      }),
      release: () => {
        this.mark('hold.released', { point });
        h.release();
      },
    };
  }

  /** In process: what the server is working on and waiting for (needs: holds; see scenarios/server-still.ts). */
  get activity(): ServerHandle['activity'] {
    return this.server.activity;
  }

  /** Resolves at the first server event of `type` (past or future) that matches. */
  serverEvent(type: string, match: (e: HistoryEvent) => boolean = () => true): Promise<HistoryEvent> {
    return this.history.until((e) => e.source.kind === 'server' && e.type === type && match(e));
  }

  /** Resolves once `n` events (past or future) match. */
  untilCount(n: number, match: (e: HistoryEvent) => boolean): Promise<HistoryEvent> {
    let seen = 0;
    return this.history.until((e) => match(e) && ++seen >= n);
  }

  /** The window whose user is `username` (first one), for "log out whoever the heartbeat is holding". */
  windowOf(username: string): Window {
    const w = [...this.windows.values()].find((x) => x.user === username);
    if (!w) throw new Error(`no window is logged in as ${username}`);
    return w;
  }

  /** Restarts the server on the same store; windows keep their session ids and carry on. */
  async restartServer(): Promise<void> {
    if (!this.server.restart) throw new Error('this server cannot be restarted by the harness');
    this.mark('server.restart');
    await this.server.restart();
    this.mark('server.restarted');
  }

  /** A runner note in the history (e.g. outage.end with what to expect). */
  mark(type: string, detail: Record<string, unknown> = {}) {
    return this.history.add({ source: { kind: 'runner' }, type, detail });
  }

  until = (match: Parameters<History['until']>[0]) => this.history.until(match);

  /** `until`, bounded: without the event in `ms` the run is inconclusive (`missing` says what never came). */
  async within(ms: number, match: (e: HistoryEvent) => boolean, missing: string, { optional = false } = {}): Promise<HistoryEvent | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    const found = await Promise.race([this.history.until(match), bound]).finally(() => clearTimeout(timer));
    if (!found && !optional) this.inconclusive(`${missing} within ${ms} ms`);
    if (!found && optional) this.mark('wait.ended', { missing, ms });
    return found;
  }

  /** Username of a subject, for events that carry only the sub. */
  usernameOf(sub: string | undefined): string | undefined {
    return sub ? (this.#subByUser.get(sub) ?? sub) : undefined;
  }

  /** Records which users the server still holds tokens for, and which ones should be gone. */
  async snapshotStore(expectGone: { users?: string[]; sessions?: string[] } = {}): Promise<void> {
    if (!this.server.usersWithTokens) return;
    const subs = await this.server.usersWithTokens();
    const sessions = (await this.server.sessionIds?.()) ?? [];
    this.mark('store.snapshot', {
      usersWithTokens: subs.map((s) => this.usernameOf(s)),
      sessions: sessions.map(sessionHash),
      expectGone: { users: expectGone.users ?? [], sessions: (expectGone.sessions ?? []).map(sessionHash) },
    });
  }

  async close(): Promise<void> {
    for (const off of this.#unsubscribe) off();
    await Promise.all([...this.windows.values()].map((w) => w.close()));
    if (this.#borrowed) return;
    await this.server.close().catch(() => undefined);
    if (this.options.reuseSim) await cleanSlate(this.sim);
    else await this.sim.close();
  }

  #fromLedger(e: LedgerEvent) {
    this.history.add(historyEventOf(e));
  }

  #watchServer() {
    if (!this.server.onEvent) return;
    this.#unsubscribe.push(
      this.server.onEvent((fact: ServerFact) => {
        const { type, at, userId, sessionId, ...rest } = fact;
        this.history.add({ at, source: { kind: 'server' }, type, user: this.usernameOf(userId), sessionId: sessionId && sessionHash(sessionId), detail: rest });
      }),
    );
  }

  #loginSettled(sessionId: string, since: number): Promise<void> {
    return this.history
      .until((e) => e.source.kind === 'server' && e.sessionId === sessionHash(sessionId) && (e.type === 'login.succeeded' || e.type === 'login.failed'), since)
      .then(() => undefined);
  }
}
