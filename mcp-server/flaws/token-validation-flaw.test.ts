import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetch } from 'undici';
import { createOidcSim, tokenHash, type OidcSim } from '../../oidc-sim/index.js';
import type { FlawName, McpSessionServer } from '../index.js';
import { startProviderFaults, type ProviderFaults } from '../testing/provider-faults.js';
import { startTestServer } from '../testing/test-server.js';
import { loginAs, TestWindow } from '../testing/test-window.js';

let sim: OidcSim;
let faults: ProviderFaults;
const servers: McpSessionServer[] = [];

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], timeScale: 1, lifetimes: { accessToken: 600, refreshToken: 1200, idToken: 600 } });
  faults = await startProviderFaults();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await faults?.close();
  await sim?.close();
});

/** Keeps the provider's signature but claims another subject: exactly what a signature check exists to catch. */
function claimSubject(idToken: string, sub: string): string {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  return [header, Buffer.from(JSON.stringify({ ...claims, sub })).toString('base64url'), signature].join('.');
}

describe('flaw unvalidated-tokens (seed 001 #17)', () => {
  const forgedLogin = async (flaws: FlawName[]) => {
    const server = await startTestServer(sim, { flaws, dispatcher: faults.dispatcher });
    servers.push(server);
    const w = await TestWindow.open(server);
    const bob = sim.user('bob').sub;
    faults.rewriteNextLoginAnswer((body) => ({ ...body, id_token: claimSubject(String(body.id_token), bob) }));
    const { ended } = await loginAs(server, sim, w, 'alice');
    return { server, w, ended, bob };
  };

  it('off: an id_token whose signature does not match is refused and nobody is logged in', async () => {
    const { w, ended } = await forgedLogin([]);
    expect(ended).toMatchObject({ type: 'login.failed', error: 'invalid_id_token' });
    expect((await w.call('session_status')).body).toMatchObject({ status: 'anonymous', user: null });
    expect((await w.call('get_profile')).body.error).toBe('not_authenticated');
  });

  it('off: the tokens that came with a refused id_token are revoked at the provider (issue 13)', async () => {
    const server = await startTestServer(sim, { dispatcher: faults.dispatcher });
    servers.push(server);
    const w = await TestWindow.open(server);
    let issued: { access_token: string; refresh_token: string } | undefined;
    faults.rewriteNextLoginAnswer((body) => {
      issued = { access_token: String(body.access_token), refresh_token: String(body.refresh_token) };
      return { ...body, id_token: claimSubject(String(body.id_token), sim.user('bob').sub) };
    });
    const since = sim.ledger.events().length;
    const { ended } = await loginAs(server, sim, w, 'alice');
    expect(ended).toMatchObject({ type: 'login.failed', error: 'invalid_id_token' });
    const revoked = sim.ledger.events({ since, types: ['token.revoked'] }).map((e) => e.tokenHash);
    // Revoking the refresh token ends the whole grant at this provider; the access token is revoked too for those where it does not.
    expect(revoked).toContain(tokenHash(issued!.refresh_token));
    expect((await fetch(sim.resourceUrl, { headers: { authorization: `Bearer ${issued!.access_token}` } })).status).toBe(401);
  });

  it("on: the forged id_token is believed: the window is mapped to bob while holding alice's tokens", async () => {
    const { w, ended, bob } = await forgedLogin(['unvalidated-tokens']);
    expect(ended.type).toBe('session.activated');
    expect((await w.call('session_status')).body.user.id).toBe(bob);
    expect((await w.call('get_profile')).body.profile.sub).toBe(sim.user('alice').sub);
  });

  const loginWithServerClockAnHourAhead = async (flaws: FlawName[]) => {
    const server = await startTestServer(sim, { flaws, now: () => Date.now() + 3_600_000 });
    servers.push(server);
    return loginAs(server, sim, await TestWindow.open(server), 'alice');
  };

  it('off: an expired id_token is refused', async () => {
    const { ended } = await loginWithServerClockAnHourAhead([]);
    expect(ended).toMatchObject({ type: 'login.failed', error: 'invalid_id_token', message: expect.stringMatching(/exp/) });
  });

  it('on: an expired id_token is accepted', async () => {
    const { ended } = await loginWithServerClockAnHourAhead(['unvalidated-tokens']);
    expect(ended.type).toBe('session.activated');
  });
});
