import type { HistoryEvent } from '../result-types.js';
import { held, isResult, isSim, okOf, violated, windowOf, type Invariant } from './invariant.js';

/**
 * Seed 003: with a persistent store a restart loses nothing. Every window logged in before `server.restarted`
 * (and not logged out or disconnected since) gets its next answer on the same session, without a new login; and
 * the first heartbeat round after the restart refreshes each of those users again.
 */
export const restartSurvival: Invariant = {
  name: 'restart-survival',
  holds: 'after a restart on a persistent store, every session works without a new login and the heartbeat resumes',
  check(history) {
    for (const mark of history) {
      if (mark.source.kind !== 'runner' || mark.type !== 'server.restarted') continue;
      const live = new Map<string, string>();
      for (const e of history.slice(0, mark.seq)) {
        const w = windowOf(e);
        if (!w) continue;
        if ((isResult(e, 'login') || isResult(e, 'resume')) && okOf(e) && e.user) live.set(w, e.user);
        if ((isResult(e, 'logout') && okOf(e)) || e.type === 'disconnect') live.delete(w);
      }
      const answered = new Set<string>();
      for (const e of history.slice(mark.seq + 1)) {
        const w = windowOf(e);
        if (!w || !live.has(w) || answered.has(w) || !isResult(e)) continue;
        answered.add(w);
        if (!okOf(e)) return violated('restart-survival', `window ${w} lost its session in the restart: ${e.detail?.tool} answered ${e.detail?.error}`, [mark, e]);
      }
      const round = history.find((e) => e.seq > mark.seq && e.source.kind === 'runner' && e.type === 'heartbeat.cycle');
      if (!round) continue;
      const end = history.find((e) => e.seq > round.seq && e.source.kind === 'runner' && e.type === 'heartbeat.cycle.end');
      const refreshed = (user: string) => history.some((e: HistoryEvent) => e.seq > round.seq && (!end || e.seq < end.seq) && isSim(e) && e.type === 'token.refreshed' && e.user === user);
      const missing = [...new Set(live.values())].filter((u) => !refreshed(u));
      if (missing.length) return violated('restart-survival', `the first heartbeat round after the restart did not refresh ${missing.join(', ')}`, [mark, round, ...(end ? [end] : [])]);
    }
    return held('restart-survival');
  },
};
