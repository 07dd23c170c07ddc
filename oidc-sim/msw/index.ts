// `oidc-session-harness/msw`: the simulator in place of a real provider's URLs, for code under test that uses
// the global fetch (or anything else msw intercepts in Node). Kept apart from oidc-sim/index.ts because msw is an
// optional peer dependency: importing the simulator never needs it.
export { impersonate, type Impersonation } from './impersonate.js';
export { impersonationHandlers } from './impersonation-handlers.js';
export { issuerPreset } from '../profiles/issuer-preset.js';
