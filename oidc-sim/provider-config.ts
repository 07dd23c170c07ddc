import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { SimConfig } from './options.js';
import type { SimUser } from './users.js';
import type { TokenStore } from './token-store.js';
import { deviceConfirmPage, deviceInputPage, deviceSuccessPage } from './device-pages.js';
import { resourceServerInfo } from './resource-indicators.js';
import { clientMetadata, type SimClients } from './sim-clients.js';

export interface ProviderConfigInput {
  config: SimConfig;
  clients: SimClients;
  users: Map<string, SimUser>; // by sub
  /** Where tokens live; absent means oidc-provider's own memory adapter (an LRU of 1 000), as a bare provider has. */
  store?: TokenStore;
  signingKey: Record<string, unknown>;
  cookieKey: string;
  /** Decides per refresh whether the provider rotates (the provider profile's hook). */
  rotateRefreshToken: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>;
}

/** oidc-provider configuration for races: short lifetimes, rotation, exact expiry, every endpoint a race touches. */
export function providerConfig({ config, clients, users, store, signingKey, cookieKey, rotateRefreshToken }: ProviderConfigInput): Configuration {
  const lt = config.lifetimes;
  return {
    ...(store ? { adapter: store.adapterClass() } : {}),
    clients: clientMetadata(clients, config.idTokenAlg),
    // Dynamically registered clients (RFC 7591) get the same id_token algorithm as the static ones.
    clientDefaults: { id_token_signed_response_alg: config.idTokenAlg, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [cookieKey] },
    clockTolerance: config.clockTolerance,
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    async findAccount(_ctx, sub) {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: user.name,
            given_name: user.givenName,
            family_name: user.familyName,
            preferred_username: user.username,
            email: user.email,
            email_verified: true,
          };
        },
      };
    },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke and introspect its own tokens only (oidc-provider's default rule, made explicit).
      revocation: { enabled: true, allowedPolicy: async (ctx, _client, token) => token.clientId === ctx.oidc.client?.clientId },
      // RFC 7662: a resource server (a confidential client) may also introspect access tokens issued for a resource.
      introspection: { enabled: true, allowedPolicy: async (ctx, client, token) => token.clientId === ctx.oidc.client?.clientId || (token.kind === 'AccessToken' && token.aud !== undefined && client.clientAuthMethod !== 'none') },
      userinfo: { enabled: true },
      // A resource server's own credentials for its upstream calls (service-api.ts), for an extra client that asks.
      clientCredentials: { enabled: true },
      // RFC 7591; which redirect URIs a registration may carry is checked in front (registration-guard.ts).
      registration: { enabled: config.registration !== 'off' },
      // RFC 8707: a token requested for a resource is a JWT access token with that resource as its audience.
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo: async (_ctx, indicator) => resourceServerInfo(indicator, config, lt.accessToken),
      },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: deviceInputPage,
        userCodeConfirmSource: deviceConfirmPage,
        successSource: deviceSuccessPage,
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Every refresh with offline_access gets a refresh token; lifetimes are per token, so each rotation gets a full one.
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken,
    ttl: {
      AccessToken: lt.accessToken,
      ClientCredentials: lt.accessToken,
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
