import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import type { BenchTarget } from './bench-target.js';
import { fixedAccountLogin } from './fixed-account-login.js';
import type { ServerSpec } from './server-spec.js';

type BareSpec = Extract<ServerSpec, { kind: 'bare-provider' }>;

const ACCOUNT = 'bench-account';
const GRANT_TYPES = ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'];

/**
 * Plain oidc-provider configured like the simulator (same clients, signing algorithm, lifetimes, rotation, exact
 * expiry, endpoints) but with nothing of the simulator in front: no fault layer, no ledger, no refresh serializer,
 * and oidc-provider's default in-memory adapter (an LRU of 1 000 entries) instead of the simulator's token store.
 */
export async function createBareProvider(spec: BareSpec): Promise<BenchTarget> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair(spec.idTokenAlg, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: spec.idTokenAlg, use: 'sig', kid: randomUUID() };

  const provider = new Provider(issuer, bareConfig(spec, jwk));
  provider.on('server_error', (_ctx: unknown, err: Error) => process.stderr.write(`bare provider: server error: ${err.message}\n`));
  provider.use(fixedAccountLogin(provider, ACCOUNT));
  server.on('request', provider.callback());

  return {
    info: { issuer, client: spec.clients.confidential, clients: spec.clients, redirectUri: spec.redirectUri, lifetimes: spec.lifetimes, idTokenAlg: spec.idTokenAlg },
    // Imported when first used, so the start-up benchmark's bare process holds oidc-provider and nothing of the simulator.
    login: async () => (await import('../oidc-sim/index.js')).loginWithCode(issuer, spec.clients.confidential, spec.redirectUri, ACCOUNT),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function bareConfig(spec: BareSpec, jwk: Record<string, unknown>): Configuration {
  const lt = spec.lifetimes;
  const base = {
    grant_types: GRANT_TYPES,
    response_types: ['code' as const],
    redirect_uris: [spec.redirectUri],
    id_token_signed_response_alg: spec.idTokenAlg,
  };
  return {
    clients: [
      { ...base, client_id: spec.clients.confidential.clientId, client_secret: spec.clients.confidential.clientSecret, token_endpoint_auth_method: 'client_secret_basic' },
      { ...base, client_id: spec.clients.public.clientId, token_endpoint_auth_method: 'none' },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    clockTolerance: 0,
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    async findAccount(_ctx, sub) {
      if (sub !== ACCOUNT) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: 'Bench User', given_name: 'Bench', family_name: 'User', preferred_username: 'bench', email: 'bench@example.test', email_verified: true }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      userinfo: { enabled: true },
      deviceFlow: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: lt.accessToken,
      RefreshToken: lt.refreshToken,
      IdToken: lt.idToken,
      AuthorizationCode: lt.authorizationCode,
      DeviceCode: lt.deviceCode,
      Session: lt.session,
      Grant: lt.grant,
      Interaction: lt.interaction,
    },
    async renderError(ctx, out) {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
}
