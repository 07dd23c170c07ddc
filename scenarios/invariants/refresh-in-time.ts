import { held, violated, type Invariant } from './invariant.js';

/**
 * Seed 001 #5: the heartbeat leaves enough head room that a slow network never lets a logged-in user's
 * refresh token expire before it is used. An expired refresh token presented at the token endpoint is the evidence.
 */
export const refreshInTime: Invariant = {
  name: 'refresh-in-time',
  holds: 'no refresh token expires before the server uses it',
  check(history) {
    const late = history.find((e) => e.source.kind === 'sim' && e.source.endpoint === 'token' && e.type === 'expired.use');
    if (!late) return held('refresh-in-time');
    const expired = history.find((e) => e.type === 'token.expired' && e.seq < late.seq && (e.user === late.user || e.grantId === late.grantId));
    return violated('refresh-in-time', `${late.user ?? 'a user'}'s refresh token had expired when the server presented it`, expired ? [expired, late] : [late]);
  },
};
