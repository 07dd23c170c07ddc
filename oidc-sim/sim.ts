import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import './quiet-warnings.js';
import Provider from 'oidc-provider';
import { simKeepAlive, type Lifetimes } from './defaults.js';
import { approveDeviceCode, LOGIN_SCOPE, loginWithCode } from './browserless.js';
import { InFlight } from './in-flight.js';
import { withinDeadline } from './login-deadline.js';
import { formErrors } from './request-form.js';
import { controlApi } from './control-api.js';
import { controlRoutes } from './control-routes.js';
import { LoginFlowError, PortInUseError, UnknownUserError } from './errors.js';
import type { ExpireTarget } from './expire.js';
import type { FaultRuleInput } from './faults/fault-effects.js';
import type { FaultHandle } from './faults/fault-layer.js';
import type { MatchInput } from './faults/fault-match.js';
import type { Gate } from './faults/gate.js';
import { buildProfile } from './profiles/profile-registry.js';
import { simControls } from './sim-controls.js';
import type { TamperInput } from './tamper.js';
import { interactionRoute } from './interaction-route.js';
import { allowLoopbackRedirectsOnAnyPort } from './loopback-redirect.js';
import { REGISTRATION_PATH, registrationGuard } from './registration-guard.js';
import { simClients, type SimClients } from './sim-clients.js';
import { issuerPath } from './issuer-path.js';
import { Ledger } from './ledger.js';
import { ledgerTap } from './ledger-tap.js';
import { resolveOptions, type OidcSimOptions, type SimConfig } from './options.js';
import { providerConfig } from './provider-config.js';
import { refreshSerializer } from './refresh-serializer.js';
import { requestTimeoutsAfterReading } from '../support/index.js';
import { RESOURCE_PATH, resourceApi } from './resource-api.js';
import { serviceApi } from './service-api.js';
import { generateSigningKey } from './signing-key.js';
import { TokenClient, type TokenSet } from './token-client.js';
import { TokenStore } from './token-store.js';
import { generateUsers, type SimUser } from './users.js';

export type ClientKind = 'confidential' | 'public';

/** The fault layer as callers see it: rules in front of every endpoint (faults/fault-effects.ts lists the effects). */
export interface Faults {
  add(rule: FaultRuleInput): FaultHandle;
  /** Removes a fault rule, gate (what it holds goes on) or tamper rule by id; false when there is none. */
  remove(id: string): boolean;
  /** Removes every fault rule, gate and tamper rule; returns how many there were. */
  clear(): number;
  /** Active rules, gates and tamper rules with their ids and remaining counts. */
  list(): Array<Record<string, unknown> & { id: string }>;
  getGate(id: string): Gate;
}

export interface OidcSim {
  /** e.g. http://127.0.0.1:53123 — discovery at /.well-known/openid-configuration. */
  readonly issuer: string;
  /**
   * The issuer it names in discovery and in `iss`: its own `issuer`, or the real provider's URL it impersonates
   * (option `impersonate`, for `oidc-session-harness/msw`). Either way it is reached at `issuer`, on loopback.
   */
  readonly presentedIssuer: string;
  /** The protected profile API: GET with a Bearer access token answers the owner's profile. */
  readonly resourceUrl: string;
  readonly controlUrl: string;
  readonly controlToken: string;
  /** RFC 8414 authorization server metadata (the same document as OpenID discovery), what MCP clients look for. */
  readonly metadataUrl: string;
  /** RFC 7591 dynamic client registration; undefined with `registration: 'off'`. */
  readonly registrationEndpoint: string | undefined;
  /** Every static client with its redirect URIs, grant types and authentication method: the two built-in ones and the extras by id. */
  readonly clients: SimClients;
  readonly users: SimUser[];
  /** Effective lifetimes in seconds, after timeScale. */
  readonly lifetimes: Lifetimes;
  readonly config: SimConfig;
  readonly ledger: Ledger;
  user(username: string): SimUser;
  /** Browserless authorization code + PKCE login. */
  login(username: string, options?: { client?: ClientKind }): Promise<TokenSet>;
  /** Device flow end to end: authorize, approve as `username`, poll once. */
  deviceLogin(username: string, options?: { client?: ClientKind }): Promise<TokenSet>;
  /** Approve a user code shown by a device client (an MCP server's `login` tool, say) as `username`. */
  approveDevice(userCode: string, username: string): Promise<void>;
  /** An OAuth client over real HTTP for refresh, revocation, introspection and userinfo calls. */
  client(kind?: ClientKind): TokenClient;
  /** Live records in the provider's storage (tokens, grants, sessions). */
  storedRecords(): number;
  /** Fault rules in front of every endpoint: latency, refuse, reset, hang, outage, commit-then-fail. */
  readonly faults: Faults;
  /** Holds requests that match (default: every token request) until released; see Gate. */
  gate(match?: MatchInput): Gate;
  /** expire-now: ends a token, a family, a user's records or a rotated token's reuse grace. Returns records ended. */
  expire(target: ExpireTarget): number;
  /** The simulator's clock offset in ms (positive: ahead) in what it states about time. */
  readonly skewMs: number;
  setSkew(ms: number): void;
  /** The next matching token answers carry a bad id_token (expired, wrong audience, unknown key, other subject). */
  tamper(rule: TamperInput): FaultHandle;
  /** The provider profile in effect (how refresh token reuse is treated). */
  readonly profile: { name: string; settings: Record<string, unknown> };
  /**
   * Forget every token, grant and ledger event, and every fault, gate (held requests go on) and tamper rule;
   * skew returns to its configured value; hung and delayed requests are let go. Users, clients and keys stay.
   */
  reset(): void;
  /**
   * Resolves once the simulator handles no request. Requests whose client hung up still finish (and reach the ledger):
   * between two worlds on one simulator, reset, await this, and reset again, so the next world starts clean.
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function createOidcSim(options: OidcSimOptions = {}): Promise<OidcSim> {
  const config = resolveOptions(options);
  const users = generateUsers(config.seed, config.users, config.userCount);
  const bySub = new Map(users.map((u) => [u.sub, u]));
  const byName = new Map(users.map((u) => [u.username, u]));
  const ledger = new Ledger(config.ledgerLimit);
  const store = new TokenStore(config.expiredRetentionMs);
  const controlToken = config.controlToken || randomBytes(24).toString('base64url');
  const clients = simClients(config);

  const server = createServer();
  // Longer than any client of ours keeps an idle socket: see simKeepAlive (issue 12).
  server.keepAliveTimeout = simKeepAlive.serverIdleMs;
  // A request that arrived while this process stalled is read before it is judged late (issue 12).
  requestTimeoutsAfterReading(server);
  const port = await listen(server, config.host, config.port);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const issuer = `http://${host}:${port}`;

  const policy = buildProfile(config.profile, config.timeScale);
  const signingKey = await generateSigningKey(config.idTokenAlg);
  const presentedIssuer = config.impersonate || issuer;
  const provider = new Provider(
    presentedIssuer,
    providerConfig({
      config,
      clients,
      users: bySub,
      store,
      signingKey,
      cookieKey: randomBytes(32).toString('base64url'),
      rotateRefreshToken: () => policy.rotate,
    }),
  );
  provider.on('server_error', (_ctx: unknown, err: Error) => process.stderr.write(`oidc-sim: server error: ${err.message}\n`));
  provider.silent = true;
  allowLoopbackRedirectsOnAnyPort(provider);
  // RFC 8628 §3.2: oidc-provider announces no polling interval, and a client that follows the RFC then waits 5 s.
  provider.on('device_authorization.success', (_ctx: unknown, body: Record<string, unknown>) => {
    body.interval = config.deviceInterval;
  });

  const clientOf = (kind: ClientKind = 'confidential') => clients[kind];
  const user = (username: string) => {
    const found = byName.get(username);
    if (!found) throw new UnknownUserError(username, [...byName.keys()]);
    return found;
  };

  const inFlight = new InFlight();
  const controls = simControls({ provider, ledger, store, users, bySub, config, policy, signingKey, user: (who) => bySub.get(who) ?? user(who) });

  const deadlineMs = config.browserlessTimeoutSeconds * 1000;
  // The device flow as a device would run it; its approval is the browserless part (approveDevice).
  const deviceLogin = async (username: string, opts: { client?: ClientKind }): Promise<TokenSet> => {
    const tokens = core.client(opts.client);
    const start = await tokens.deviceAuthorization(LOGIN_SCOPE);
    if (start.status !== 200) throw new LoginFlowError('device.authorize', String(start.body.error_description ?? start.body.error));
    await core.approveDevice(String(start.body.user_code), username);
    const res = await tokens.token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: String(start.body.device_code) });
    if (res.status !== 200) throw new LoginFlowError('device.token', String(res.body.error_description ?? res.body.error));
    return res.body as unknown as TokenSet;
  };

  const core: Omit<OidcSim, keyof typeof controls.api> = {
    issuer,
    presentedIssuer,
    resourceUrl: `${issuer}${RESOURCE_PATH}`,
    controlUrl: `${issuer}/control`,
    controlToken,
    metadataUrl: `${issuer}/.well-known/oauth-authorization-server`,
    registrationEndpoint: config.registration === 'off' ? undefined : `${issuer}${REGISTRATION_PATH}`,
    clients,
    users,
    lifetimes: config.lifetimes,
    config,
    ledger,
    user,
    async login(username, opts = {}) {
      const u = user(username);
      const tokens = await withinDeadline(`login of ${username}`, deadlineMs, (signal) => loginWithCode(issuer, clientOf(opts.client), config.redirectUri, username, signal));
      ledger.record({ type: 'login.completed', endpoint: 'authorization', sub: u.sub, username, clientId: clientOf(opts.client).clientId, detail: { flow: 'code' } });
      return tokens;
    },
    async deviceLogin(username, opts = {}) {
      user(username);
      return withinDeadline(`device login of ${username}`, deadlineMs, () => deviceLogin(username, opts));
    },
    async approveDevice(userCode, username) {
      const u = user(username);
      await withinDeadline(`device approval of ${username}`, deadlineMs, (signal) => approveDeviceCode(issuer, userCode, username, signal));
      ledger.record({ type: 'device.approved', endpoint: 'device', sub: u.sub, username });
    },
    client: (kind) => new TokenClient(issuer, clientOf(kind)),
    storedRecords: () => store.size,
    idle: () => inFlight.idle(),
    reset() {
      controls.reset();
      store.clear();
      ledger.clear();
    },
    async close() {
      controls.close();
      store.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  // Property descriptors, not a spread: skewMs is a getter.
  const sim = Object.defineProperties(core, Object.getOwnPropertyDescriptors(controls.api)) as OidcSim;

  if (config.impersonate) {
    // Behind an in-process reverse proxy (the msw forwarder): X-Forwarded-Host/-Proto make oidc-provider build
    // endpoint URLs under the impersonated origin, the way it does behind any TLS-terminating proxy.
    // The issuer's path comes off before anything else looks at the request.
    provider.proxy = true;
    provider.use(issuerPath(presentedIssuer));
  }
  // Order matters: the control API answers first and is never faulted; the fault layer wraps everything else
  // (gates hold requests before they reach the provider, commit-then-fail sees the provider's answer); the
  // response rewrites (skew, tamper, profile wording) have the last word over the ledger tap; the serializer,
  // with the profile's reuse guard inside it, sits right in front of the provider's token endpoint.
  provider.use(inFlight.middleware);
  provider.use(formErrors);
  provider.use(controlApi(controlToken, controlRoutes(sim)));
  provider.use(controls.middleware.faults);
  provider.use(resourceApi({ provider, ledger, users: bySub, issuer, signingKey }));
  provider.use(serviceApi({ ledger, users: bySub, issuer, signingKey }));
  provider.use(interactionRoute(provider, byName));
  provider.use(registrationGuard(config.registration, ledger));
  provider.use(controls.middleware.rewrite);
  provider.use(controls.middleware.profile);
  provider.use(ledgerTap(provider, ledger, bySub, config.exposeErrorDetail));
  provider.use(refreshSerializer('/token', controls.middleware.reuseGuard));
  server.on('request', provider.callback());
  return sim;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, port) : err));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
