import type { SessionGuard } from '../resource-server/session-binding.js';

/** Flaw session-not-bound-to-user: any valid token may use any session id; the session keeps serving its first user. */
export const unboundSessionGuard: SessionGuard = () => true;
