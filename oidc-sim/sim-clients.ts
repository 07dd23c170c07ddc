import type { ClientMetadata } from 'oidc-provider';
import { InvalidOptionError } from './errors.js';
import type { SimConfig } from './options.js';
import type { ClientCredentials } from './token-client.js';

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'] as const;

/** A registered client as the simulator publishes it (JSON line, `GET /control/`): enough to configure a relying party. */
export interface SimClient extends ClientCredentials {
  redirectUris: string[];
  grantTypes: string[];
  tokenEndpointAuthMethod: 'client_secret_basic' | 'none';
}

/** The built-in clients under their kind, every extra client under its id. */
export type SimClients = { confidential: SimClient; public: SimClient } & Record<string, SimClient>;

/** Every configured client: the two built-in ones (with the extra redirect URIs) and the extra clients. */
export function simClients(config: SimConfig): SimClients {
  const redirectUris = [...new Set([config.redirectUri, ...config.extraRedirectUris])];
  const grantTypes = [...GRANT_TYPES];
  const clients: SimClients = {
    confidential: { ...config.confidentialClient, redirectUris, grantTypes, tokenEndpointAuthMethod: 'client_secret_basic' },
    public: { ...config.publicClient, redirectUris, grantTypes, tokenEndpointAuthMethod: 'none' },
  };
  const ids = new Set([config.confidentialClient.clientId, config.publicClient.clientId]);
  config.extraClients.forEach((extra, i) => {
    if (ids.has(extra.clientId) || extra.clientId in clients) {
      throw new InvalidOptionError(`extraClients.${i}.clientId`, `'${extra.clientId}' is already taken`);
    }
    ids.add(extra.clientId);
    clients[extra.clientId] = {
      clientId: extra.clientId,
      ...(extra.clientSecret ? { clientSecret: extra.clientSecret } : {}),
      redirectUris: [...new Set(extra.redirectUris)],
      grantTypes: [...new Set(extra.grantTypes ?? GRANT_TYPES)],
      tokenEndpointAuthMethod: extra.clientSecret ? 'client_secret_basic' : 'none',
    };
  });
  return clients;
}

/** The same clients as oidc-provider's static client metadata. */
export function clientMetadata(clients: SimClients, idTokenAlg: SimConfig['idTokenAlg']): ClientMetadata[] {
  return Object.values(clients).map((c) => ({
    client_id: c.clientId,
    ...(c.clientSecret ? { client_secret: c.clientSecret } : {}),
    token_endpoint_auth_method: c.tokenEndpointAuthMethod,
    grant_types: c.grantTypes,
    // A client without the code grant has no authorization responses, so no redirect URIs.
    response_types: c.grantTypes.includes('authorization_code') ? ['code'] : [],
    redirect_uris: c.grantTypes.includes('authorization_code') ? c.redirectUris : [],
    id_token_signed_response_alg: idTokenAlg,
  }));
}
