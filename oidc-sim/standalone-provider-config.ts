import { randomBytes } from 'node:crypto';
import type { Configuration } from 'oidc-provider';
import { resolveOptions, type OidcSimOptions, type SimConfig } from './options.js';
import { providerConfig } from './provider-config.js';
import { generateSigningKey } from './signing-key.js';
import { simClients, type SimClients } from './sim-clients.js';
import type { SimUser } from './users.js';

export interface StandaloneProviderConfig {
  /** For `new Provider(issuer, configuration)`. */
  configuration: Configuration;
  /** The effective simulator configuration it was built from (lifetimes after timeScale, algorithm, redirect URI). */
  config: SimConfig;
  clients: SimClients;
}

/**
 * The oidc-provider configuration a simulator started with `options` runs (same builder: clients, claims,
 * features, lifetimes, signing algorithm, exact expiry), for running oidc-provider alone as a baseline beside it.
 * What stays out is the simulator itself: its token store (oidc-provider's own memory adapter instead), provider
 * profiles (every refresh rotates, as in `strict`), fault layer, ledger and control API.
 */
export async function standaloneProviderConfig(options: OidcSimOptions, users: SimUser[]): Promise<StandaloneProviderConfig> {
  const config = resolveOptions(options);
  const clients = simClients(config);
  const configuration = providerConfig({
    config,
    clients,
    users: new Map(users.map((u) => [u.sub, u])),
    signingKey: await generateSigningKey(config.idTokenAlg),
    cookieKey: randomBytes(32).toString('base64url'),
    rotateRefreshToken: () => true,
  });
  return { configuration, config, clients };
}
