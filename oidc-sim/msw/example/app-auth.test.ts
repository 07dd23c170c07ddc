import { setupServer } from 'msw/node';
import { impersonate, type Impersonation } from 'oidc-session-harness/msw';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { AppAuth, CLIENT_ID, ISSUER } from './app-auth.js';

// The example from the README: code with Auth0's URL baked in, logged in and refreshed through the simulator.
// onUnhandledRequest 'error' is the proof that nothing leaves the process: msw fails any request it has no
// handler for, and the only handlers are the simulator's (forwarded to it on loopback).
const server = setupServer();
const origins: string[] = [];
const unhandled: string[] = [];
let auth0: Impersonation;

beforeAll(async () => {
  // Long lifetimes: the client verifies its id_token, and a slow CI box must not turn that into an expiry.
  auth0 = await impersonate(ISSUER, { publicClient: { clientId: CLIENT_ID }, users: ['alice'], userCount: 0, timeScale: 1, lifetimes: { idToken: 600, accessToken: 600, refreshToken: 600 } });
  server.events.on('request:start', ({ request }) => void origins.push(new URL(request.url).origin));
  server.events.on('request:unhandled', ({ request }) => void unhandled.push(request.url));
  server.listen({ onUnhandledRequest: 'error' });
});

afterEach(() => {
  server.resetHandlers();
  auth0.sim.reset();
  origins.length = 0;
  unhandled.length = 0;
});

afterAll(async () => {
  server.close();
  await auth0.sim.close();
});

/** Device login as alice, then the bug: two refreshes with one refresh token, held at a gate until both are there. */
async function loginThenRefreshTwiceAtOnce(app: AppAuth) {
  const { userCode } = await app.startLogin();
  await auth0.sim.approveDevice(userCode, 'alice');
  await app.finishLogin();
  const gate = auth0.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
  const refreshes = Promise.allSettled([app.refresh(), app.refresh()]);
  const held = await gate.waitFor(2, { timeout: 45_000 }); // a bound for a busy CI box, not a sleep
  await gate.releaseAll();
  return { held, results: await refreshes };
}

it('catches two refreshes with one token as reuse when the client hardcodes an Auth0 issuer', async () => {
  server.use(...auth0.handlers);
  const app = new AppAuth();
  const { held, results } = await loginThenRefreshTwiceAtOnce(app);

  expect(app.subject).toBe(auth0.sim.user('alice').sub); // its id_token verified against Auth0's issuer and JWKS
  expect(held.ok).toBe(true);
  expect(new Set(held.requests.map((r) => r.tokenHash)).size).toBe(1);
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  const refused = results.find((r) => r.status === 'rejected')!.reason as Error;
  expect(refused.message).toBe('invalid_grant: Unknown or invalid refresh token.'); // the auth0 preset's wording
  const ledger = auth0.sim.ledger.events({ types: ['reuse.detected', 'grant.revoked'] });
  expect(ledger.map((e) => `${e.type} ${e.username}`).sort()).toEqual(['grant.revoked alice', 'reuse.detected alice']);
  expect(new Set(origins)).toEqual(new Set([new URL(ISSUER).origin]));
  expect(unhandled).toEqual([]);
});

it('fails the same test with the impersonation removed, and no request leaves the process', async () => {
  const app = new AppAuth();
  // msw refuses the request instead of letting it go to the real Auth0 tenant.
  await expect(loginThenRefreshTwiceAtOnce(app)).rejects.toThrow(/onUnhandledRequest/);
  expect(unhandled).toEqual([new URL('.well-known/openid-configuration', ISSUER).href]);
  expect(auth0.sim.ledger.events()).toEqual([]);
});
