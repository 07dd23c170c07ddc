import { held, isResult, okOf, violated, type Invariant } from './invariant.js';

/**
 * Seed 001 #17: a server validates the id_token it receives (signature from JWKS, iss, aud, exp, subject).
 * After the simulator tampered with a login's id_token, that login must be refused.
 */
export const loginValidation: Invariant = {
  name: 'login-validation',
  holds: 'a login whose id_token was tampered with is refused',
  check(history) {
    for (const tamper of history) {
      if (tamper.type !== 'fault.tamper') continue;
      const login = history.find((e) => e.seq > tamper.seq && isResult(e, 'login') && e.detail?.loginAs === tamper.user);
      if (login && okOf(login)) {
        return violated('login-validation', `the server accepted a login for ${tamper.user} whose id_token was ${tamper.detail?.kind ?? 'tampered with'}`, [tamper, login]);
      }
    }
    return held('login-validation');
  },
};
