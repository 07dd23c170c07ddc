export { createOidcSim, type OidcSim, type ClientKind, type Faults } from './sim.js';
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
export { Ledger, type LedgerEvent, type LedgerEventType, type LedgerListener } from './ledger.js';
export { tokenHash } from './token-hash.js';
/** Authorization code + PKCE over HTTP against any provider whose interaction page signs the login_hint user in. */
export { loginWithCode } from './browserless.js';
export { TokenClient, type TokenSet, type ClientCredentials, type WireResponse } from './token-client.js';
export { SimError, InvalidOptionError, UnknownUserError, LoginFlowError, UnauthorizedControlError, PortInUseError, UnknownFaultError } from './errors.js';
