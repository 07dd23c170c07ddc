import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, InvalidOptionError, tokenHash, type OidcSim } from './index.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'] });
});
afterAll(() => sim.close());

const profile = (accessToken: string) => fetch(sim.resourceUrl, { headers: { authorization: `Bearer ${accessToken}` } }).then((r) => r.status);

describe('expire-now', () => {
  it('ends one refresh token now: the provider answers "expired" and the ledger shows why', async () => {
    const t = await sim.login('alice');
    expect(sim.expire({ token: t.refresh_token! })).toBe(1);
    const res = await sim.client().refresh(t.refresh_token!);
    expect(res.body).toMatchObject({ error: 'invalid_grant', error_description: 'refresh token is expired' });
    const expired = sim.ledger.events({ types: ['token.expired'] }).at(-1);
    expect(expired).toMatchObject({ endpoint: 'control', tokenHash: tokenHash(t.refresh_token!), username: 'alice', detail: { target: 'token', records: 1 } });
    expect(sim.ledger.events({ types: ['expired.use'] }).some((e) => e.tokenHash === tokenHash(t.refresh_token!))).toBe(true);
    // Only that token: the access token of the same login still works.
    expect(await profile(t.access_token)).toBe(200);
  });

  it('ends an access token now for the resource API, userinfo and introspection', async () => {
    const t = await sim.login('alice');
    sim.expire({ token: t.access_token });
    expect(await profile(t.access_token)).toBe(401);
    expect((await sim.client().userinfo(t.access_token)).status).toBe(401);
    expect((await sim.client().introspect(t.access_token)).body.active).toBe(false);
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(200);
  });

  it('ends a whole family and leaves the same user\'s other logins alone', async () => {
    const first = await sim.login('alice');
    const second = await sim.login('alice');
    const family = sim.ledger.events({ types: ['token.issued'] }).at(-2)!.family!;
    expect(sim.expire({ family })).toBeGreaterThanOrEqual(2);
    expect((await sim.client().refresh(first.refresh_token!)).body.error).toBe('invalid_grant');
    expect(await profile(first.access_token)).toBe(401);
    expect(await profile(second.access_token)).toBe(200);
    expect((await sim.client().refresh(second.refresh_token!)).status).toBe(200);
  });

  it('ends every record of a user and no one else\'s', async () => {
    const alice = await sim.login('alice');
    const bob = await sim.login('bob');
    expect(sim.expire({ user: 'alice' })).toBeGreaterThan(0);
    expect((await sim.client().refresh(alice.refresh_token!)).status).toBe(400);
    expect(await profile(alice.access_token)).toBe(401);
    expect((await sim.client().refresh(bob.refresh_token!)).status).toBe(200);
    expect(sim.ledger.events({ types: ['token.expired'] }).at(-1)).toMatchObject({ username: 'alice', detail: { target: 'user' } });
  });

  it("ends only a user's access tokens: the refresh token still refreshes (a forced refresh, black-box)", async () => {
    const alice = await sim.login('alice');
    const bob = await sim.login('bob');
    expect(sim.expire({ accessTokensOf: 'alice' })).toBeGreaterThan(0);
    expect(await profile(alice.access_token)).toBe(401);
    expect(await profile(bob.access_token)).toBe(200);
    expect((await sim.client().refresh(alice.refresh_token!)).status).toBe(200);
    expect(sim.ledger.events({ types: ['token.expired'] }).at(-1)).toMatchObject({ username: 'alice', detail: { target: 'access' } });
  });

  it('refuses a target that names nothing or two things', () => {
    expect(() => sim.expire({} as never)).toThrow(InvalidOptionError);
    expect(() => sim.expire({ token: 'a', user: 'alice' } as never)).toThrow(/^target: name exactly one/);
    expect(() => sim.expire({ user: 'mallory' })).toThrow(/unknown user 'mallory'/);
  });
});
