import { createHash } from 'node:crypto';

/** Real-looking token values (a JWT-shaped access token, opaque refresh tokens) that must never reach a report. */
export function sampleTokens() {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const jwt = (sub: string) =>
    `${b64('{"alg":"RS256","kid":"k1"}')}.${b64(`{"sub":"${sub}","iss":"http://127.0.0.1:4000","exp":9999999999}`)}.${b64(`sig-${sub}-0123456789abcdef`)}`;
  return {
    aliceAccess: jwt('alice'),
    bobAccess: jwt('bob'),
    aliceRefresh: 'rt_Q2x9vLw3mZp8RkT1yHs6NbVc4XaJ0eDfGuIoPq7',
    bobRefresh: 'rt_Zk3LmQ8wVx2Nc5RbTy9HsJ4pAe7DfGuI1oPq0Wl',
  };
}

/** How the harness names a token in a history: a short hash, enough to follow rotation, useless to an attacker. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}
