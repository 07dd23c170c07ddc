import { bounded } from './bounded.js';
import { cleanup } from './cleanup.js';
import type { Invariant } from './invariant.js';
import { idempotentLogout } from './idempotent-logout.js';
import { isolation } from './isolation.js';
import { loginValidation } from './login-validation.js';
import { refreshInTime } from './refresh-in-time.js';
import { logoutRevokes } from './logout-revokes.js';
import { logoutScope } from './logout-scope.js';
import { noPlaintext } from './no-plaintext.js';
import { noReuse } from './no-reuse.js';
import { reconnect } from './reconnect.js';
import { recovery } from './recovery.js';
import { relogin } from './relogin.js';
import { newerTokensKept } from './newer-tokens-kept.js';
import { restartSurvival } from './restart-survival.js';
import { singleFlight } from './single-flight.js';
import { works } from './works.js';
import { evidence } from './evidence.js';
import { noTakeover } from './no-takeover.js';

export type { Invariant } from './invariant.js';

/** DESIGN.md's invariants, checked over every history unless a scenario says otherwise. */
export const invariants: Invariant[] = [isolation, noReuse, logoutRevokes, reconnect, relogin, recovery, cleanup, noPlaintext, bounded, logoutScope, idempotentLogout, loginValidation, refreshInTime, singleFlight, newerTokensKept, restartSurvival, works, evidence, noTakeover];
export const invariantNames = invariants.map((i) => i.name);
