import { authorizeAs, createOidcSim, type LedgerEvent, type OidcSim, type OidcSimOptions } from '../../oidc-sim/index.js';
import { historyEventOf } from '../ledger-event.js';
import { History } from '../history.js';
import type { HistoryEvent } from '../result-types.js';
import type { ServerFactory, ServerHandle } from '../server-handle.js';
import { REVOCATIONS } from './invariants/revocation-honoured.js';
import { OAuthWindow, type OAuthWindowOptions } from './oauth-window.js';
import { SharedTokenStore } from './shared-token-store.js';
import { WINDOW_REDIRECT_URI } from './window-auth-provider.js';
import { SERVICE_CLIENT, RESOURCE_WORLD_SIM } from './resource-targets.js';

export interface ResourceWorldOptions {
  seed: number;
  flaws: string[];
  server: ServerFactory;
  sim?: OidcSimOptions;
  /**
   * The target's declared validation-cache lifetime (`--target-revocation-cache`): a revoked token must be refused
   * this long after the revocation at the latest. Undefined: none declared, revocation is judged at expiry only.
   */
  revocationCacheSeconds?: number;
}

/**
 * The world of a resource-server scenario: the simulator (authorization server and upstream API), the MCP server
 * under test, OAuth-client windows with one shared token store per user, and the one history they all write into.
 */
export class ResourceWorld {
  readonly history = new History();
  readonly windows = new Map<string, OAuthWindow>();
  readonly #stores = new Map<string, SharedTokenStore>();
  readonly #subs = new Map<string, string>();
  readonly #unsubscribe: Array<() => void> = [];

  private constructor(
    readonly sim: OidcSim,
    readonly server: ServerHandle,
    readonly revocationCacheSeconds: number | undefined,
  ) {
    if (revocationCacheSeconds !== undefined) this.mark('target.declared', { revocationCacheSeconds });
    for (const u of sim.users) this.#subs.set(u.sub, u.username);
    this.#unsubscribe.push(sim.ledger.subscribe((e) => this.#fromLedger(e)));
    const off = server.onExit?.((exit) => this.mark('target.exited', { code: exit.code, signal: exit.signal }));
    if (off) this.#unsubscribe.push(off);
  }

  static async create(options: ResourceWorldOptions): Promise<ResourceWorld> {
    const sim = await createOidcSim({ ...RESOURCE_WORLD_SIM, seed: options.seed, ...options.sim, extraClients: [SERVICE_CLIENT] });
    try {
      const server = await options.server({ sim, flaws: options.flaws, seed: options.seed, options: {} });
      return new ResourceWorld(sim, server, options.revocationCacheSeconds);
    } catch (err) {
      await sim.close();
      throw err;
    }
  }

  /** The token store every window of `user` shares (one per user, as one machine keeps one). */
  store(user: string): SharedTokenStore {
    let store = this.#stores.get(user);
    if (!store) {
      store = new SharedTokenStore(user, (saved) =>
        this.history.add({ source: { kind: 'window', window: `${user}'s token store` }, type: 'client.token', user, tokenHash: saved.tokenHash, detail: { ...saved } }),
      );
      this.#stores.set(user, store);
    }
    return store;
  }

  /** A window of `user`. With `resourceOverride` it gets its own store: its tokens are for another resource. */
  window(name: string, { user, ...options }: { user: string } & OAuthWindowOptions): OAuthWindow {
    if (this.windows.has(name)) throw new Error(`window '${name}' already exists`);
    this.sim.user(user);
    const store = options.resourceOverride ? new SharedTokenStore(user, (saved) => this.history.add({ source: { kind: 'window', window: name }, type: 'client.token', user, tokenHash: saved.tokenHash, detail: { ...saved, foreignAudience: true } })) : this.store(user);
    const w = new OAuthWindow(name, user, store, {
      history: this.history,
      serverUrl: this.server.url,
      authorize: async (url, who) => {
        const back = await authorizeAs(url.href, WINDOW_REDIRECT_URI, who);
        const code = back.searchParams.get('code');
        if (!code) throw new Error(`authorization of ${who} ended with ${back.searchParams.get('error') ?? 'no code'}: ${back.searchParams.get('error_description') ?? ''}`);
        return code;
      },
      usernameOfSub: (sub) => this.#subs.get(sub),
    }, options);
    this.windows.set(name, w);
    return w;
  }

  mark(type: string, detail?: Record<string, unknown>): HistoryEvent {
    return this.history.add({ source: { kind: 'runner' }, type, ...(detail ? { detail } : {}) });
  }

  /** The scenario could not form what it is about: the run is inconclusive, never a pass. */
  inconclusive(reason: string): void {
    this.mark('inconclusive', { reason });
  }

  /**
   * Resolves once the access token the window holds now has passed its `exp` by the server's clock (the same
   * machine's): a deadline the token itself names, not a guess at how long something takes.
   */
  async untilExpired(window: OAuthWindow): Promise<number | undefined> {
    const exp = [...this.history.events].reverse().find((e) => e.type === 'client.token' && e.user === window.user && typeof e.detail?.exp === 'number')?.detail?.exp as number | undefined;
    if (exp === undefined) return undefined;
    const wait = exp * 1000 + 5 - Date.now();
    this.mark('await.token-expiry', { user: window.user, exp });
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.mark('token.expired-by-clock', { user: window.user, exp });
    return exp;
  }

  /**
   * The user logs out in the client: it revokes its refresh token at the authorization server (RFC 7009), which
   * ends the grant and every token of it. Resolves with the ledger's record of the revocation.
   */
  async revoke(window: OAuthWindow): Promise<HistoryEvent | undefined> {
    const clientId = window.store.clientInformation?.client_id;
    const refreshToken = window.store.tokens?.refresh_token;
    if (!clientId || !refreshToken) return undefined;
    const res = await fetch(`${this.sim.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, token: refreshToken, token_type_hint: 'refresh_token' }).toString(),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`revocation of ${window.user}'s refresh token at ${this.sim.issuer}/token/revocation answered HTTP ${res.status}`);
    return this.#lastRevocationOf(window.user);
  }

  /** The provider ends every token and grant of `user` (an administrator, or a logout everywhere). */
  endGrants(user: string): HistoryEvent | undefined {
    this.sim.expire({ user });
    return this.#lastRevocationOf(user);
  }

  /**
   * Resolves once the declared cache lifetime has passed since `revocation` on the history's clock: from then on a
   * request with the revoked token must be refused. A deadline the declaration names, not a guess at a duration.
   */
  async untilRevocationBound(revocation: HistoryEvent): Promise<boolean> {
    if (this.revocationCacheSeconds === undefined) return false;
    const bound = revocation.at + this.revocationCacheSeconds * 1000;
    const now = this.mark('await.revocation-bound', { user: revocation.user, revokedAt: revocation.at, bound }).at;
    if (bound + 5 > now) await new Promise((resolve) => setTimeout(resolve, bound + 5 - now));
    this.mark('revocation-bound.passed', { user: revocation.user, bound });
    return true;
  }

  #lastRevocationOf(user: string): HistoryEvent | undefined {
    return [...this.history.events].reverse().find((e) => e.source.kind === 'sim' && REVOCATIONS.has(e.type) && e.user === user);
  }

  async close(): Promise<void> {
    for (const off of this.#unsubscribe) off();
    await Promise.all([...this.windows.values()].map((w) => w.close()));
    await this.server.close().catch(() => undefined);
    await this.sim.close();
  }

  #fromLedger(e: LedgerEvent) {
    this.history.add(historyEventOf(e));
  }
}
