import type { HistoryEvent } from '../result-types.js';
import { familyHashes, held, isRefreshAttempt, isSim, violated, type Invariant } from './invariant.js';

/** Evidence that a family is dead at the provider. */
const DEATHS = new Set(['grant.revoked', 'expired.use', 'token.expired']);

/** How many times a dead refresh token may be presented before the server gives up (its failure budget). */
export const DEAD_FAMILY_BUDGET = 3;

/**
 * Seed 001 #14, #11: no death spirals. Once a family is dead at the provider (grant revoked or token expired),
 * the server may present its tokens only a bounded number of times; and one heartbeat cycle refreshes a user
 * at most once.
 */
export const bounded: Invariant = {
  name: 'bounded',
  holds: 'no user causes more refresh attempts than the retry policy allows',
  check(history) {
    for (const death of history) {
      if (!DEATHS.has(death.type) || (!death.grantId && !death.user)) continue;
      const family = death.grantId ? familyHashes(history, death.grantId) : new Set<string>();
      // Only failed attempts count: a new login of the same user refreshes a new, live family.
      const after = history.filter(
        (e) =>
          e.seq > death.seq &&
          isRefreshAttempt(e) &&
          e.type !== 'token.refreshed' &&
          (e.grantId === death.grantId || e.user === death.user || (e.tokenHash !== undefined && family.has(e.tokenHash))),
      );
      if (after.length > DEAD_FAMILY_BUDGET) {
        return violated('bounded', `${after.length} refresh attempts with ${death.user ?? 'a user'}'s dead tokens after the grant died (budget ${DEAD_FAMILY_BUDGET})`, [death, ...after.slice(0, DEAD_FAMILY_BUDGET + 1)]);
      }
    }
    return perCycle(history);
  },
};

function perCycle(history: HistoryEvent[]) {
  const lost = lostRefreshes(history);
  const starts = history.filter((e) => e.source.kind === 'runner' && e.type === 'heartbeat.cycle');
  const replicas = history.some((e) => e.source.kind === 'server' && typeof e.detail?.replica === 'number' && e.detail.replica > 0);
  for (const start of starts) {
    const end = history.find((e) => e.source.kind === 'runner' && e.type === 'heartbeat.cycle.end' && e.detail?.cycle === start.detail?.cycle);
    const inCycle = history.filter((e) => e.seq > start.seq && (!end || e.seq < end.seq) && isSim(e) && e.type === 'token.refreshed' && !lost.has(e.seq));
    // An expire-now of a user's access tokens during the round is a new demand (explore runs steps inside a held
    // round: a window's call after it must refresh again): refreshes are counted from the user's last such expiry.
    const expiries = history.filter((e) => e.seq > start.seq && (!end || e.seq < end.seq) && isSim(e) && e.type === 'token.expired' && e.detail?.target === 'access');
    // With replicas, so is a round started inside this one (explore runs rounds while one replica's round is held):
    // each replica runs its own, and another replica's refreshes for its own round, judged in its own bracket. One
    // server must skip a round while one runs (seed 001 #11): there, a refresh in a round started inside still counts.
    const nested = replicas ? history.filter((e) => e.seq > start.seq && (!end || e.seq < end.seq) && e.source.kind === 'runner' && e.type === 'heartbeat.cycle') : [];
    // With replicas, a refresh the ledger can tie to the replica that made it (its access token's hash, as the server
    // reported it) counts in that replica's own round: each replica runs its own, so two replicas' rounds one after
    // the other each refresh once, whether they overlapped or not (found by explore: replicas, seed 305, case 31).
    const round = (e: HistoryEvent) => {
      const by = replicas ? madeBy(history, e) : undefined;
      return by ? `r${by.replica}.${by.round}` : `${nested.filter((x) => x.seq < e.seq).length}`;
    };
    const demand = (e: HistoryEvent) => `${e.user ?? '?'}#${expiries.filter((x) => x.seq < e.seq && x.user === e.user).length}#${round(e)}`;
    const perUser = new Map<string, HistoryEvent[]>();
    for (const e of inCycle) perUser.set(demand(e), [...(perUser.get(demand(e)) ?? []), e]);
    for (const [user, events] of perUser) {
      if (events.length > 1) return violated('bounded', `${user.replace(/#.*$/, '')} was refreshed ${events.length} times in one heartbeat round`, [start, ...events]);
    }
  }
  return held('bounded');
}

/**
 * The replica whose refresh the provider answered with `e` (the server's report of the access token it stored, by
 * hash), and which of that replica's heartbeat rounds was running (how many it had started before).
 */
function madeBy(history: HistoryEvent[], e: HistoryEvent): { replica: number; round: number } | undefined {
  const hash = e.detail?.accessTokenHash;
  if (typeof hash !== 'string') return undefined;
  const report = history.find((x) => x.seq > e.seq && x.source.kind === 'server' && typeof x.detail?.replica === 'number' && x.detail.accessTokenHash === hash);
  if (!report) return undefined;
  const replica = report.detail!.replica as number;
  const round = history.filter((x) => x.seq < report.seq && x.source.kind === 'server' && x.type === 'heartbeat.started' && x.detail?.replica === replica).length;
  return { replica, round };
}

/**
 * Refreshes whose answer the network lost (commit-then-fail): the provider rotated, the server never heard, so it
 * had to ask again. The fault is recorded right after the provider's refresh it swallowed.
 */
function lostRefreshes(history: HistoryEvent[]): Set<number> {
  const lost = new Set<number>();
  for (const fault of history) {
    if (fault.type !== 'fault.commit-then-fail') continue;
    const swallowed = history.findLast((e) => e.seq < fault.seq && isSim(e) && e.type === 'token.refreshed' && e.user === fault.user);
    if (swallowed) lost.add(swallowed.seq);
  }
  return lost;
}
