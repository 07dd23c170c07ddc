import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, tokenHash, type OidcSim, type WireResponse } from '../index.js';

let strict: OidcSim;
let grace: OidcSim;
beforeAll(async () => {
  [strict, grace] = await Promise.all([
    createOidcSim({ users: ['alice', 'bob'] }),
    // 30 s (6 s after timeScale) is far longer than one held pair takes even on a busy CI machine.
    createOidcSim({ users: ['alice', 'bob'], profile: { kind: 'grace', windowSeconds: 30 } }),
  ]);
});
afterAll(() => Promise.all([strict.close(), grace.close()]));

/** Two refreshes with one token, both held; released in `order` (arrival indexes). Returns [first sent, second sent]. */
async function heldPair(sim: OidcSim, refreshToken: string, order: [number, number]) {
  const gate = sim.gate({ endpoint: 'token', grantType: 'refresh_token', refreshToken: tokenHash(refreshToken) });
  const client = sim.client();
  // Sent one after the other so arrival index 0 is `first` and 1 is `second`; both are held all the same.
  const first = client.refresh(refreshToken);
  expect((await gate.waitFor(1)).ok).toBe(true);
  const second = client.refresh(refreshToken);
  const both = await gate.waitFor(2);
  expect(both).toMatchObject({ ok: true, held: 2, arrived: 2 });
  await gate.releaseInOrder(order);
  await gate.remove();
  return Promise.all([first, second]);
}

describe('gate', () => {
  it('lets the released-first request win and the other be reuse-detected under strict, 100 times out of 100', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const t = await strict.login(i % 2 ? 'alice' : 'bob');
      const order: [number, number] = i % 2 ? [1, 0] : [0, 1];
      const [first, second] = await heldPair(strict, t.refresh_token!, order);
      const [winner, loser] = (order[0] === 0 ? [first, second] : [second, first]) as [WireResponse, WireResponse];
      outcomes.push(`${winner.status} ${loser.status} ${loser.body.error_description}`);
      const reused = strict.ledger.events({ types: ['reuse.detected'] }).filter((e) => e.tokenHash === tokenHash(t.refresh_token!));
      expect(reused).toHaveLength(1);
    }
    expect(new Set(outcomes)).toEqual(new Set(['200 400 refresh token already used']));
  });

  it('lets both through under grace inside the window, the loser getting a sibling token, 100 times out of 100', async () => {
    let token = (await grace.login('alice')).refresh_token!;
    const outcomes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const order: [number, number] = i % 2 ? [1, 0] : [0, 1];
      const [first, second] = await heldPair(grace, token, order);
      const [winner, loser] = (order[0] === 0 ? [first, second] : [second, first]) as [WireResponse, WireResponse];
      outcomes.push(`${winner.status} ${loser.status} ${loser.body.refresh_token !== winner.body.refresh_token}`);
      const allowed = grace.ledger.events({ types: ['reuse.allowed'] }).filter((e) => e.tokenHash === tokenHash(token));
      expect(allowed).toHaveLength(1);
      token = winner.body.refresh_token as string;
    }
    expect(new Set(outcomes)).toEqual(new Set(['200 200 true']));
    expect(grace.ledger.events({ types: ['reuse.detected', 'grant.revoked'] })).toEqual([]);
  });

  it('reports how many arrived when fewer than expected come before the timeout', async () => {
    const t = await strict.login('alice');
    const gate = strict.gate({ endpoint: 'token', user: 'alice' });
    const one = strict.client().refresh(t.refresh_token!);
    await gate.waitFor(1);
    // A short wait on purpose: the assertion is that nothing more came, which only a deadline can show.
    const wait = await gate.waitFor(2, { timeout: 50 });
    expect(wait).toMatchObject({ ok: false, wanted: 2, held: 1, arrived: 1 });
    expect(wait.requests[0]).toMatchObject({ index: 0, endpoint: 'token', grantType: 'refresh_token', username: 'alice' });
    await gate.releaseAll();
    expect((await one).status).toBe(200);
    await gate.remove();
  });

  it('releases one at a time in arrival order and records held and released events', async () => {
    const a = await strict.login('alice');
    const b = await strict.login('bob');
    const gate = strict.gate({ endpoint: 'token', grantType: 'refresh_token' });
    const ra = strict.client().refresh(a.refresh_token!);
    await gate.waitFor(1);
    const rb = strict.client().refresh(b.refresh_token!);
    await gate.waitFor(2);
    expect((await gate.release())?.username).toBe('alice');
    expect(gate.held.map((h) => h.username)).toEqual(['bob']);
    expect((await ra).status).toBe(200);
    expect((await gate.release())?.username).toBe('bob');
    expect((await rb).status).toBe(200);
    const events = strict.ledger.events({ types: ['fault.gate.held', 'fault.gate.released'] }).filter((e) => e.rule === gate.id);
    expect(events.map((e) => `${e.type} ${e.username}`)).toEqual([
      'fault.gate.held alice',
      'fault.gate.held bob',
      'fault.gate.released alice',
      'fault.gate.released bob',
    ]);
    await gate.remove();
  });

  it('lets held requests go on when the gate is removed, and stops matching', async () => {
    const t = await strict.login('alice');
    const gate = strict.gate({ endpoint: 'token', user: 'alice' });
    const held = strict.client().refresh(t.refresh_token!);
    await gate.waitFor(1);
    await gate.remove();
    const next = (await held).body.refresh_token as string;
    expect((await strict.client().refresh(next)).status).toBe(200);
    expect(gate.arrived).toBe(1);
  });

  it('ends a pending wait when its gate is removed, with what had arrived, instead of at its timeout; a wait on a removed gate ends at once', async () => {
    const t = await strict.login('bob');
    const gate = strict.gate({ endpoint: 'token', user: 'bob' });
    const held = strict.client().refresh(t.refresh_token!);
    await gate.waitFor(1);
    // Ten minutes: were the wait to last until its timeout, the test would time out first.
    const second = gate.waitFor(2, { timeout: 600_000 });
    await gate.remove();
    expect(await second).toMatchObject({ ok: false, wanted: 2, arrived: 1 });
    expect(await gate.waitFor(1, { timeout: 600_000 })).toMatchObject({ ok: false, arrived: 1 });
    expect((await held).status).toBe(200);
  });

  it('refuses to release a request it does not hold, naming the entry', async () => {
    const gate = strict.gate({ endpoint: 'token' });
    await expect(gate.releaseInOrder([0])).rejects.toThrow(/^order\[0\]: no request 0 is held/);
    expect(() => gate.waitFor(0)).toThrow(/^n: /);
    await gate.remove();
  });
});
