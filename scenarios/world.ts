import { createOidcSim, type LedgerEvent, type OidcSim, type OidcSimOptions } from '../oidc-sim/index.js';
import { History } from './history.js';
import type { HistoryEvent } from './result-types.js';
import { sessionHash } from './session-hash.js';
import { seededRandom } from '../support/index.js';
import type { ServerFactory, ServerFact, ServerHandle } from './server-handle.js';
import { Window } from './window.js';
import type { ScenarioDefinition } from './define-scenario.js';

/**
 * A world's clock never decides a verdict: refresh tokens outlive any scenario, however busy the machine, and
 * scenarios end tokens with expire-now when expiry is the point. Access tokens keep the seed's 10 s, so tool calls
 * still refresh on demand when a run is slow.
 */
const WORLD_SIM_DEFAULTS: OidcSimOptions = { userCount: 2, timeScale: 1, lifetimes: { refreshToken: 600 } };

export interface WorldOptions {
  seed: number;
  flaws: string[];
  server: ServerFactory;
  scenario: ScenarioDefinition;
  sim?: OidcSimOptions;
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

  private constructor(
    readonly sim: OidcSim,
    public server: ServerHandle,
    private readonly options: WorldOptions,
  ) {
    this.random = seededRandom(options.seed);
    for (const u of sim.users) this.#subByUser.set(u.sub, u.username);
    this.#unsubscribe.push(sim.ledger.subscribe((e) => this.#fromLedger(e)));
    this.#watchServer();
  }

  static async create(options: WorldOptions): Promise<World> {
    const simOptions = options.scenario.world?.sim ?? {};
    const sim = await createOidcSim({ ...WORLD_SIM_DEFAULTS, seed: options.seed, ...options.sim, ...simOptions });
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
      await sim.close();
      throw err;
    }
  }

  /** A browser window: an MCP client with its own session, meant for `user`. */
  window(name: string, { user, replica = 0 }: { user: string; replica?: number }): Window {
    if (this.windows.has(name)) throw new Error(`window '${name}' already exists`);
    this.sim.user(user);
    const urls = [this.server.url, ...(this.server.replicaUrls ?? [])];
    if (!urls[replica]) throw new Error(`window '${name}': no replica ${replica} (this world has ${urls.length})`);
    const w = new Window(name, user, {
      history: this.history,
      serverUrl: () => [this.server.url, ...(this.server.replicaUrls ?? [])][replica]!,
      approveDevice: (code, u) => this.sim.approveDevice(code, u),
      loginSettled: this.server.onEvent ? (sid) => this.#loginSettled(sid) : undefined,
    });
    this.windows.set(name, w);
    return w;
  }

  /**
   * One heartbeat round, bracketed in the history so `bounded` can count refreshes per round. `optional`: where the
   * round only adds to a scenario, a server that cannot run one on demand skips it (noted in the history).
   */
  async heartbeat({ optional = false } = {}): Promise<void> {
    if (!this.server.heartbeatOnce && optional) {
      this.mark('heartbeat.unavailable');
      return;
    }
    if (!this.server.heartbeatOnce) throw new Error('this server cannot run a heartbeat on demand');
    const cycle = ++this.#cycle;
    this.mark('heartbeat.cycle', { cycle });
    await this.server.heartbeatOnce();
    this.mark('heartbeat.cycle.end', { cycle });
  }

  /**
   * Holds the server at a named point (white-box: the in-process reference server only). Returns what reached
   * it, with the username filled in.
   */
  hold(point: string, match?: (info: { userId?: string; sessionId?: string; trigger?: string }) => boolean) {
    if (!this.server.hold) throw new Error(`this server has no hold points; scenario needs the reference server (hold '${point}')`);
    const h = this.server.hold(point, match as never);
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
    await this.server.close().catch(() => undefined);
    await this.sim.close();
  }

  #fromLedger(e: LedgerEvent) {
    const isFault = e.type.startsWith('fault.');
    this.history.add({
      at: e.at,
      source: isFault ? { kind: 'fault' } : { kind: 'sim', endpoint: e.endpoint },
      type: e.type,
      user: e.username,
      grantId: e.grantId,
      tokenHash: e.tokenHash,
      parent: e.parent,
      detail: { ledgerSeq: e.seq, ...e.detail },
    });
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

  #loginSettled(sessionId: string): Promise<void> {
    return this.history
      .until((e) => e.source.kind === 'server' && e.sessionId === sessionHash(sessionId) && (e.type === 'login.succeeded' || e.type === 'login.failed'))
      .then(() => undefined);
  }
}
