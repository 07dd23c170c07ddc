import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from './index.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], lifetimes: { accessToken: 36_000, refreshToken: 36_000 } });
});
afterAll(() => sim.close());

describe('a reset simulator, reused by the next world', () => {
  it('lets a held request go on reset, and idle() waits until the provider has finished it', async () => {
    const tokens = await sim.login('alice');
    const gate = sim.gate({ endpoint: 'token', grantType: 'refresh_token' });
    const answer = sim.client().refresh(tokens.refresh_token!);
    await gate.waitFor(1);
    sim.reset();
    // The released refresh is still on its way through the provider (which no longer knows its token): only idle()
    // says when it is done.
    await sim.idle();
    expect(sim.ledger.events().map((e) => e.type)).toEqual(['fault.gate.released', 'refresh.rejected']);
    expect((await answer).status).toBe(400);
    sim.reset();
    expect(sim.ledger.events()).toEqual([]);
  });

  it('numbers ledger events, gates and rules from the start again, as a fresh simulator does', async () => {
    const fresh = await createOidcSim({ users: ['alice'] });
    try {
      const use = (s: OidcSim) => {
        const ids = [s.gate({ endpoint: 'token' }).id, s.faults.add({ effect: 'latency', ms: 1, endpoint: 'userinfo' }).id, s.tamper({ kind: 'expired' }).id];
        s.faults.clear();
        return ids;
      };
      use(sim);
      await sim.login('alice');
      sim.reset();
      expect(use(sim)).toEqual(use(fresh));
      await sim.login('alice');
      await fresh.login('alice');
      expect(sim.ledger.events().map((e) => [e.seq, e.type])).toEqual(fresh.ledger.events().map((e) => [e.seq, e.type]));
    } finally {
      await fresh.close();
    }
  });
});
