export { createOidcSim, type OidcSim, type ClientKind } from './sim.js';
export type { OidcSimOptions, SimConfig } from './options.js';
export { simDefaults, type Lifetimes } from './defaults.js';
export type { SimUser } from './users.js';
export { Ledger, type LedgerEvent, type LedgerEventType, type LedgerListener } from './ledger.js';
export { tokenHash } from './token-hash.js';
export { TokenClient, type TokenSet, type ClientCredentials, type WireResponse } from './token-client.js';
export { SimError, InvalidOptionError, UnknownUserError, LoginFlowError, UnauthorizedControlError, PortInUseError } from './errors.js';
