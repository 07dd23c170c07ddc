import type { ProfileOption } from './profiles/profile-registry.js';

/**
 * Every option of the simulator, its default, and why. This is the one place defaults live;
 * the README's configuration table is written from it.
 */
export const simDefaults = {
  /** Interface to listen on. Loopback only: the simulator is a test double, never a public service. Example: '::1'. */
  host: '127.0.0.1',
  /** TCP port; 0 asks the OS for a free one (what tests and the runner use). Example: 4400. */
  port: 0,
  /** Seed for the generated users; same seed, same users. Example: 42. */
  seed: 1,
  /** How many users faker generates besides the named ones. Example: 50. */
  userCount: 4,
  /** Users created by name (login_hint / device approval use the username). Example: ['alice', 'bob', 'carol']. */
  users: ['alice', 'bob'] as string[],
  /**
   * Multiplies every lifetime below. The seeds' numbers stay recognisable (refresh 30 s) while a run takes
   * seconds: 0.2 makes the refresh token live 6 s. oidc-provider counts whole seconds, so each scaled
   * lifetime is rounded up to at least 1 s. Example: 1 for real time.
   */
  timeScale: 0.2,
  /** Lifetimes in seconds before `timeScale`. Seed 001: refresh token 30 s, heartbeat 25 s. */
  lifetimes: {
    accessToken: 10,
    refreshToken: 30,
    idToken: 10,
    authorizationCode: 30,
    deviceCode: 120,
    /** Login sessions and grants at the provider outlive the tokens they back. */
    session: 3600,
    grant: 3600,
    interaction: 300,
  },
  /**
   * Leeway when checking expiry. oidc-provider's own default of 15 s keeps expired tokens alive, which hides
   * exactly the expiry races this tool exists to show; 0 makes expiry exact.
   */
  clockTolerance: 0,
  /**
   * Put the provider's reason (e.g. 'refresh token already used') in `error_description`. oidc-provider
   * answers a bare 'grant request is invalid' and keeps the detail for its events. Example: false to see
   * exactly what a real provider would send.
   */
  exposeErrorDetail: true,
  /** Signing algorithm for id_tokens; ES256 signs several times faster than RS256 (bench/). Example: 'RS256'. */
  idTokenAlg: 'ES256' as 'ES256' | 'RS256',
  /** The confidential client (client_secret_basic or client_secret_post). */
  confidentialClient: { clientId: 'harness-confidential', clientSecret: 'harness-secret-change-me' },
  /** The public client: PKCE, no secret. */
  publicClient: { clientId: 'harness-public' },
  /**
   * Where authorization responses are sent; the browserless login reads the code off the redirect, nobody listens.
   * Registered for both clients above. A loopback redirect URI matches on any port (RFC 8252 §7.3), so
   * http://127.0.0.1:3000/callback is accepted too.
   */
  redirectUri: 'http://127.0.0.1/callback',
  /** More redirect URIs for both clients above, e.g. your app's own (`sim --redirect-uri`). Example: ['http://127.0.0.1:3000/auth/callback']. */
  extraRedirectUris: [] as string[],
  /**
   * More clients, each with its own redirect URIs: a secret makes it confidential (client_secret_basic), none makes it
   * public (PKCE). Grant types default to those of the clients above. Example:
   * [{ clientId: 'my-app', redirectUris: ['http://127.0.0.1:3000/cb'], grantTypes: ['authorization_code', 'refresh_token'] }].
   */
  extraClients: [] as Array<{ clientId: string; clientSecret?: string; redirectUris: string[]; grantTypes?: string[] }>,
  /**
   * Dynamic client registration (RFC 7591) at /reg, as MCP clients expect. 'loopback' accepts a client only when
   * every redirect URI it registers is on 127.0.0.1, ::1 or localhost (what MCP clients on a desktop register);
   * 'open' accepts any; 'off' disables the endpoint. Registered clients live until `reset()`. Example: 'off'.
   */
  registration: 'loopback' as 'loopback' | 'open' | 'off',
  /**
   * Format of an access token issued for a resource (RFC 8707). 'jwt' (RFC 9068) is checked locally and cannot be
   * revoked or introspected (oidc-provider does not store it); 'opaque' is stored, so a resource server validates it
   * by introspection (RFC 7662) and sees its revocation. Example: 'opaque'.
   */
  resourceTokenFormat: 'jwt' as 'jwt' | 'opaque',
  /**
   * The device authorization response's `interval` in seconds before `timeScale` (RFC 8628's default of 5), rounded
   * up to at least 1 s: a client that honours it polls every second at the default scale. Example: 1.
   */
  deviceInterval: 5,
  /** Expired records are kept this many (scaled) seconds for "expired use" evidence, then evicted. */
  expiredRetention: 30,
  /**
   * How the provider treats refresh token rotation and reuse (profiles/profile-registry.ts). 'strict' is
   * oidc-provider's own rule: any reuse revokes the grant. Also 'no-rotation', `{ kind: 'grace', windowSeconds }`
   * (window scaled by timeScale), `{ kind: 'max-reuse', n }`, and the presets 'auth0', 'okta', 'keycloak',
   * 'hydra', 'entra', 'google' (their documented defaults and invalid_grant wording). Example: { kind: 'okta', windowSeconds: 10 }.
   */
  profile: 'strict' as ProfileOption,
  /**
   * A real provider's issuer URL for the simulator to present: discovery's `issuer` and `iss` in every token, and
   * endpoint URLs under that origin for requests forwarded with X-Forwarded-Host/-Proto (what
   * `oidc-session-harness/msw` does). It still listens on loopback only. Without `profile`, the provider's preset
   * applies (profiles/issuer-preset.ts); an issuer no preset recognises needs `profile`. Empty: present its own
   * loopback URL. Example: 'https://accounts.google.com'.
   */
  impersonate: '',
  /**
   * The simulator's clock offset in milliseconds, not scaled: positive is ahead. It shifts what the simulator
   * states about time (id_token iat/exp, introspection, Date header), not when tokens really expire. Example: 120000.
   */
  skewMs: 0,
  /**
   * Most ledger events kept in memory; older ones are dropped (their seq numbers stay unique). Subscribers see every
   * event as it happens, so a runner loses nothing (a harness world, cleared between worlds, records hundreds); this
   * only bounds memory under a long storm, and the history a control-API reader polling `/ledger?since=` can miss:
   * 16 clients refreshing flat out record about 2 000 events a second, so a reader must poll every ~10 s. Memory,
   * measured (`npm run bench -- storm-rss`): events are small objects that live long among the storm's garbage, so
   * V8's old space holds about three times what they use; at 100 000 events a storm ended at 2.0–2.8× its start RSS,
   * at 25 000 at 1.4–1.6×. Example: 1_000_000.
   */
  ledgerLimit: 25_000,
  /**
   * Longest a browserless login (`login`, `deviceLogin`, `approveDevice`, /control/login, /control/device/approve)
   * may take before it fails with `login_timeout` (HTTP 504): a hang or gate rule on the provider's pages would
   * otherwise hold it forever. Real seconds, not scaled. Example: 5.
   */
  browserlessTimeoutSeconds: 30,
  /**
   * Bearer token for the control API. Empty means: generate a random one at start (printed by `oidc-harness sim`).
   */
  controlToken: '',
};

export type SimDefaults = typeof simDefaults;

/**
 * Keep-alive on both ends of every HTTP connection the simulator owns. A client may send a request on a pooled
 * socket at the very moment the server times that socket out; the request then dies with ECONNRESET. Node's http
 * server drops idle sockets after 5 s and undici reuses them up to the server's hint minus 1-2 s, on coarse timers
 * that slip by a second or more on a busy machine, so the two ends race (issue 12). The server therefore keeps idle
 * sockets far longer than any client of ours keeps them, and our clients stop reusing a socket after `clientIdleMs`
 * whatever the server announces. Not options: nothing is gained by tuning them, and a wrong pair brings the race back.
 */
export const simKeepAlive = {
  /** How long the simulator's server keeps an idle keep-alive socket open (Node's default is 5 000). */
  serverIdleMs: 65_000,
  /** How long the simulator's own clients (browserless login, device approval, TokenClient) reuse an idle socket. */
  clientIdleMs: 1_000,
};

export type Lifetimes = SimDefaults['lifetimes'];
