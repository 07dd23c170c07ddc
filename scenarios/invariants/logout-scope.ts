import { held, isResult, okOf, violated, windowOf, type Invariant } from './invariant.js';

/** A logout changes only its own user's sessions: other users' windows keep working. */
export const logoutScope: Invariant = {
  name: 'logout-scope',
  holds: "a logout changes only its own user's sessions; every other user's windows keep working",
  check(history) {
    const logouts = history.filter((e) => isResult(e, 'logout') && okOf(e) && e.detail?.loggedOutUser);
    for (const logout of logouts) {
      const user = logout.detail!.loggedOutUser as string;
      const hit = history.find(
        (e) =>
          e.seq > logout.seq &&
          isResult(e) &&
          windowOf(e) !== windowOf(logout) &&
          e.user !== undefined &&
          e.user !== user &&
          !okOf(e) &&
          /not_authenticated|needs_reauth/.test(String(e.detail?.error)),
      );
      if (hit) return violated('logout-scope', `${user}'s logout ended ${hit.user}'s session in window ${windowOf(hit)}`, [logout, hit]);
    }
    return held('logout-scope');
  },
};
