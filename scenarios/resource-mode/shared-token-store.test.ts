import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import { SharedTokenStore } from './shared-token-store.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], timeScale: 1 });
});
afterAll(async () => {
  await sim?.close();
});

const refreshWith = (fetchFn: typeof fetch, refreshToken: string) => {
  const { clientId, clientSecret } = sim.clients.confidential;
  return fetchFn(`${sim.issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
};

describe("a user's shared token store", () => {
  it('lets one refresh per refresh token reach the provider, and gives every window its answer', async () => {
    const { refresh_token } = await sim.login('alice');
    const store = new SharedTokenStore('alice', () => undefined);
    const since = sim.ledger.events().length;
    const answers = await Promise.all([refreshWith(store.fetch, refresh_token!), refreshWith(store.fetch, refresh_token!), refreshWith(store.fetch, refresh_token!)]);
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ access_token?: string }>));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(bodies.map((b) => b.access_token)).size).toBe(1);
    // A late window presenting the consumed token gets the same answer, not a reuse at the provider.
    expect(((await (await refreshWith(store.fetch, refresh_token!)).json()) as { access_token?: string }).access_token).toBe(bodies[0]!.access_token);
    const types = sim.ledger.events().slice(since).map((e) => e.type);
    expect(types.filter((t) => t === 'token.refreshed')).toHaveLength(1);
    expect(types).not.toContain('reuse.detected');
  });

  it('without it, two windows refreshing with one token revoke the grant (the race the store exists for)', async () => {
    const { refresh_token } = await sim.login('alice');
    const since = sim.ledger.events().length;
    const first = await refreshWith(fetch, refresh_token!);
    const second = await refreshWith(fetch, refresh_token!);
    expect([first.status, second.status]).toEqual([200, 400]);
    expect(sim.ledger.events().slice(since).map((e) => e.type)).toContain('reuse.detected');
  });
});
