import type { Invariant } from '../../invariants/invariant.js';
import { isolation } from '../../invariants/isolation.js';
import { noReuse } from '../../invariants/no-reuse.js';
import { works } from '../../invariants/works.js';
import { audience } from './audience.js';
import { noPassthrough } from './no-passthrough.js';
import { revocationHonoured } from './revocation-honoured.js';
import { sessionBinding } from './session-binding.js';

/** The resource-server mode's invariants: DESIGN's three for resource servers, revocation, and the shared ones. */
export const resourceInvariants: Invariant[] = [sessionBinding, audience, noPassthrough, revocationHonoured, isolation, works, noReuse];
