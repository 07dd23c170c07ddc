import { held, inconclusive, isResult, okOf, windowOf, type Invariant } from './invariant.js';
import { describeFailure } from './works.js';

/**
 * Green needs evidence (DESIGN): a scenario whose race never formed (a gate that waited in vain, marked by the world
 * as `inconclusive`) or whose login never completed has not judged what it is about, whatever the other invariants say.
 */
export const evidence: Invariant = {
  name: 'evidence',
  holds: 'the race the scenario forces formed, and every login it needed completed',
  check(history) {
    const mark = history.find((e) => e.source.kind === 'runner' && e.type === 'inconclusive');
    if (mark) return inconclusive('evidence', String(mark.detail?.reason ?? 'the scenario could not form its race'), [mark]);
    const login = history.find((e) => isResult(e, 'login') && !okOf(e) && (e.detail?.expect ?? 'ok') === 'ok');
    if (login) {
      return inconclusive('evidence', `the login of ${String(login.detail?.loginAs ?? 'a user')} in window ${windowOf(login)} never completed: ${describeFailure(login)}`, [login]);
    }
    return held('evidence');
  },
};
