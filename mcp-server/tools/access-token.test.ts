import { afterEach, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import type { McpSessionServer } from '../index.js';
import { manualClock } from '../testing/manual-clock.js';
import { startTestServer } from '../testing/test-server.js';
import { loginAs, TestWindow } from '../testing/test-window.js';

const LIFETIME_S = 600;
let sim: OidcSim | undefined;
let server: McpSessionServer | undefined;

afterEach(async () => {
  await server?.close();
  await sim?.close();
  server = sim = undefined;
});

/**
 * alice's get_profile, with every request to the resource API held at a gate. Each of the first `stale` requests is
 * made stale while held: the server's clock passes the token's expiry and the simulator ends the token, as if the
 * server had stalled past the token's lifetime between its refresh and its use.
 */
async function profileWithStaleUses(stale: number) {
  sim = await createOidcSim({ users: ['alice'], userCount: 0, timeScale: 1, lifetimes: { accessToken: LIFETIME_S, refreshToken: 10 * LIFETIME_S } });
  const clock = manualClock();
  server = await startTestServer(sim, { now: clock.now });
  const w = await TestWindow.open(server);
  await loginAs(server, sim, w, 'alice');
  const gate = sim.gate({ endpoint: 'resource' });
  const answer = w.call('get_profile');
  for (let n = 1; n <= stale; n++) {
    await gate.waitFor(n);
    clock.advance((LIFETIME_S + 1) * 1000);
    sim.expire({ accessTokensOf: 'alice' });
    await gate.release();
  }
  await gate.remove();
  return { answer: await answer, refreshes: sim.ledger.events().filter((e) => e.type === 'token.refreshed').length };
}

describe('an access token the provider refuses', () => {
  it('is fetched afresh, not answered needs_reauth, when each fresh one had expired by the server clock before the answer (a stalled server)', async () => {
    const { answer, refreshes } = await profileWithStaleUses(3);
    expect(answer.isError, JSON.stringify(answer.body)).toBe(false);
    expect(answer.body.profile?.sub).toBe(sim!.user('alice').sub);
    expect(refreshes).toBe(3);
  });

  it('ends in needs_reauth once fresh tokens keep expiring in flight beyond the bound, so a provider whose tokens never last cannot spin it', async () => {
    const { answer, refreshes } = await profileWithStaleUses(4);
    expect(answer).toMatchObject({ isError: true, body: { error: 'needs_reauth' } });
    expect(refreshes).toBe(3);
  });
});
