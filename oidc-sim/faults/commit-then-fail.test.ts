import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, tokenHash, type OidcSim } from '../index.js';
import { rawRefresh } from '../test-http.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'] });
});
afterAll(() => sim.close());

describe('commit-then-fail', () => {
  it('rotates at the provider, then resets the connection: no token reaches the client and the old one is consumed', async () => {
    const t = await sim.login('alice');
    const old = tokenHash(t.refresh_token!);
    const rule = sim.faults.add({ endpoint: 'token', grantType: 'refresh_token', effect: 'commit-then-fail', times: 1 });

    await expect(rawRefresh(sim, t.refresh_token!)).rejects.toThrow(/fetch failed/);

    const rotation = sim.ledger.events({ types: ['token.refreshed'] }).find((e) => e.parent === old);
    expect(rotation).toMatchObject({ username: 'alice', detail: expect.objectContaining({ rotated: true }) });
    const fault = await sim.ledger.waitFor((e) => e.type === 'fault.commit-then-fail' && e.rule === rule.id);
    expect(fault).toMatchObject({ endpoint: 'token', username: 'alice', tokenHash: old });
    expect(fault.detail).toMatchObject({ as: 'reset', providerStatus: 200, rotated: true, lostTokenHash: rotation!.tokenHash });
    expect(fault.seq).toBeGreaterThan(rotation!.seq);

    // The client retries with the only token it has: it was consumed, so strict reuse detection fires.
    const retry = await sim.client().refresh(t.refresh_token!);
    expect(retry.body).toMatchObject({ error: 'invalid_grant', error_description: 'refresh token already used' });
    expect(sim.ledger.events({ types: ['reuse.detected'] }).some((e) => e.tokenHash === old)).toBe(true);
  });

  it('can answer a 5xx instead of the body', async () => {
    const t = await sim.login('alice');
    sim.faults.add({ endpoint: 'token', grantType: 'refresh_token', effect: 'commit-then-fail', as: 'status', status: 502, times: 1 });
    const res = await rawRefresh(sim, t.refresh_token!);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: 'server_error' });
    expect(res.body).not.toHaveProperty('refresh_token');
    expect(sim.ledger.events({ types: ['token.refreshed'] }).some((e) => e.parent === tokenHash(t.refresh_token!))).toBe(true);
  });

  it('is survivable under a grace profile: the retry with the old token gets a sibling', async () => {
    const graceful = await createOidcSim({ users: ['alice'], profile: 'okta' });
    try {
      const t = await graceful.login('alice');
      graceful.faults.add({ endpoint: 'token', grantType: 'refresh_token', effect: 'commit-then-fail', times: 1 });
      await expect(rawRefresh(graceful, t.refresh_token!)).rejects.toThrow(/fetch failed/);
      const retry = await graceful.client().refresh(t.refresh_token!);
      expect(retry.status).toBe(200);
      expect(graceful.ledger.events({ types: ['reuse.allowed'] })).toHaveLength(1);
    } finally {
      await graceful.close();
    }
  });
});
