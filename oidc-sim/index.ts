import type { OidcSim } from './sim.js';
import type { OidcSimOptions } from './options.js';
import type { ClientCredentials, TokenSet } from './token-client.js';
import type { SimUser } from './users.js';
import type { StandaloneProviderConfig } from './standalone-provider-config.js';

export type { OidcSim, ClientKind, Faults } from './sim.js';

/**
 * Starts a simulator. oidc-provider, Koa and the rest of the simulator load with the first one started, not with
 * this door, so what only needs the ledger's types, `tokenHash` or the profiles (the CLI's `list`) stays small.
 */
export async function createOidcSim(options: OidcSimOptions = {}): Promise<OidcSim> {
  return (await import('./sim.js')).createOidcSim(options);
}
/**
 * The oidc-provider configuration a simulator with these options runs, without the simulator around it: for a
 * baseline that runs oidc-provider alone (bench). Loads oidc-provider's parts when called, like createOidcSim.
 */
export async function standaloneProviderConfig(options: OidcSimOptions, users: SimUser[]): Promise<StandaloneProviderConfig> {
  return (await import('./standalone-provider-config.js')).standaloneProviderConfig(options, users);
}
export type { StandaloneProviderConfig } from './standalone-provider-config.js';
export { ENDPOINTS, type Endpoint } from './faults/endpoints.js';
export type { FaultRuleInput, FaultEffectName } from './faults/fault-effects.js';
export type { FaultHandle } from './faults/fault-layer.js';
export type { MatchInput } from './faults/fault-match.js';
export type { Gate, GateWait, HeldRequest } from './faults/gate.js';
export { profileNames, validateProfile, type ProfileName, type ProfileOption } from './profiles/profile-registry.js';
export type { ReusePolicy } from './profiles/reuse-policy.js';
export type { ExpireTarget } from './expire.js';
export { TAMPER_KINDS, type TamperInput, type TamperKind } from './tamper.js';
export type { OidcSimOptions, SimConfig } from './options.js';
export { simDefaults, simKeepAlive, type Lifetimes } from './defaults.js';
export type { SimUser } from './users.js';
export type { SimClient, SimClients } from './sim-clients.js';
export { Ledger, type LedgerEvent, type LedgerEventType, type LedgerListener } from './ledger.js';
export { tokenHash } from './token-hash.js';
/** Authorization code + PKCE over HTTP against any provider whose interaction page signs the login_hint user in. */
export async function loginWithCode(issuer: string, client: ClientCredentials, redirectUri: string, username: string): Promise<TokenSet> {
  return (await import('./browserless.js')).loginWithCode(issuer, client, redirectUri, username);
}
/** Plays `username` at an authorization URL an OAuth client built (PKCE, state, resource its own); returns the redirect with the code. */
export async function authorizeAs(authorizationUrl: string, redirectUri: string, username: string, signal?: AbortSignal): Promise<URL> {
  return (await import('./browserless-authorize.js')).authorizeAs(authorizationUrl, redirectUri, username, signal);
}
export { SERVICE_PATH } from './service-path.js';
export { TokenClient, type TokenSet, type ClientCredentials, type WireResponse } from './token-client.js';
/** undici's own requests to an impersonated provider's URL, sent to the simulator (msw cannot see them). */
export { impersonationDispatcher, UnroutedRequestError } from './impersonation-dispatcher.js';
export { SimError, InvalidOptionError, UnknownUserError, LoginFlowError, UnauthorizedControlError, PortInUseError, UnknownFaultError } from './errors.js';
