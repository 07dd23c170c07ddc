import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, tokenHash, type OidcSim } from './index.js';

let sim: OidcSim;
beforeAll(async () => {
  // Nothing here is about expiry: lifetimes far beyond any run, so a busy machine cannot turn a race's loser
  // into "refresh token is expired" (seen with the default 6 s refresh token and 40 logins on 2 loaded cores).
  sim = await createOidcSim({
    users: ['alice', 'bob'],
    lifetimes: { accessToken: 36_000, refreshToken: 36_000, idToken: 36_000, authorizationCode: 36_000, deviceCode: 36_000 },
  });
});
afterAll(() => sim.close());

const profile = (accessToken: string) =>
  fetch(sim.resourceUrl, { headers: { authorization: `Bearer ${accessToken}` } }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('browserless login', () => {
  it('gives working tokens through the code flow, answered with the user\'s own data', async () => {
    const tokens = await sim.login('alice');
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.id_token).toBeTruthy();
    const info = await sim.client().userinfo(tokens.access_token);
    expect(info.body.sub).toBe(sim.user('alice').sub);
    expect((await profile(tokens.access_token)).body).toMatchObject({ username: 'alice', sub: sim.user('alice').sub });
  });

  it('gives working tokens through the device flow for the approving user', async () => {
    const tokens = await sim.deviceLogin('bob', { client: 'public' });
    expect(tokens.refresh_token).toBeTruthy();
    const info = await sim.client('public').userinfo(tokens.access_token);
    expect(info.body.preferred_username).toBe('bob');
    expect((await profile(tokens.access_token)).body.username).toBe('bob');
  });

  it('refuses an unknown user with a clear error', async () => {
    await expect(sim.login('mallory')).rejects.toThrow(/unknown user 'mallory'/);
    await expect(sim.deviceLogin('mallory')).rejects.toThrow(/unknown user 'mallory'/);
  });

  it('refuses a device approval for a user code that does not exist, naming the code', async () => {
    await expect(sim.approveDevice('WXYZ-WXYZ', 'alice')).rejects.toMatchObject({ status: 404, code: 'unknown_user_code', message: expect.stringContaining("'WXYZ-WXYZ'") });
  });
});

describe('rotation and reuse detection', () => {
  it('rotates on every refresh and revokes the whole grant when a rotated token is reused', async () => {
    const first = await sim.login('alice');
    const other = await sim.login('bob');
    const client = sim.client();
    const rotated = await client.refresh(first.refresh_token!);
    expect(rotated.status).toBe(200);
    const second = rotated.body as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);

    const reuse = await client.refresh(first.refresh_token!);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ error: 'invalid_grant', error_description: 'refresh token already used' });

    for (const token of [first.access_token, second.access_token, second.refresh_token]) {
      expect((await client.introspect(token)).body.active).toBe(false);
    }
    expect((await profile(second.access_token)).status).toBe(401);
    expect((await client.refresh(second.refresh_token)).body.error).toBe('invalid_grant');
    // Bob's grant is untouched.
    expect((await profile(other.access_token)).body.username).toBe('bob');
    expect((await client.refresh(other.refresh_token!)).status).toBe(200);

    const reused = sim.ledger.events({ types: ['reuse.detected'] }).find((e) => e.tokenHash === tokenHash(first.refresh_token!));
    expect(reused).toMatchObject({ username: 'alice', endpoint: 'token' });
    expect(sim.ledger.events({ types: ['grant.revoked'] }).some((e) => e.grantId === reused!.grantId)).toBe(true);
  });

  it('gives exactly one winner to every pair of simultaneous refreshes with one token', async () => {
    const pairs = 40;
    const logins = await Promise.all(Array.from({ length: pairs }, () => sim.login('alice')));
    const client = sim.client();
    const outcomes = await Promise.all(
      logins.map(async (t) => {
        const [a, b] = await Promise.all([client.refresh(t.refresh_token!), client.refresh(t.refresh_token!)]);
        return [a, b];
      }),
    );
    for (const [a, b] of outcomes) {
      expect([a!.status, b!.status].sort()).toEqual([200, 400]);
      const loser = a!.status === 400 ? a! : b!;
      expect(loser.body.error_description).toBe('refresh token already used');
    }
    const detected = new Set(sim.ledger.events({ types: ['reuse.detected'] }).map((e) => e.tokenHash));
    for (const t of logins) expect(detected.has(tokenHash(t.refresh_token!))).toBe(true);
  });
});

describe('a rotation whose caller hung up', () => {
  it('is recorded as undelivered, so the old token presented again is told apart from a careless reuse', async () => {
    const t = await sim.login('bob');
    const { client } = sim.client();
    const gate = sim.gate({ endpoint: 'token', grantType: 'refresh_token', refreshToken: tokenHash(t.refresh_token!) });
    // The caller's own timeout, forced: it gives up while the provider is still held, before any answer exists.
    const abort = new AbortController();
    const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret!)}`).toString('base64');
    const sent = fetch(new URL('/token', sim.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.refresh_token! }).toString(),
      signal: abort.signal,
    }).catch((err: Error) => err.name);
    expect((await gate.waitFor(1)).ok).toBe(true);
    const gaveUp = sim.ledger.waitFor((e) => e.type === 'fault.gate.abandoned' && e.detail?.gate === gate.id);
    abort.abort();
    expect(await sent).toBe('AbortError');
    // Released only once the simulator has seen the caller go: the provider then works for nobody.
    await gaveUp;
    const undelivered = sim.ledger.waitFor((e) => e.type === 'token.undelivered' && e.parent === tokenHash(t.refresh_token!));
    await gate.releaseAll();
    await gate.remove();
    expect(await undelivered).toMatchObject({ username: 'bob', endpoint: 'token' });
    // The provider did rotate: the old token is consumed, and presenting it is reuse as far as the provider knows.
    expect((await sim.client().refresh(t.refresh_token!)).body.error_description).toBe('refresh token already used');
  });

  it('is not recorded when the caller got its answer', async () => {
    const t = await sim.login('bob');
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(200);
    expect(sim.ledger.events({ types: ['token.undelivered'] }).filter((e) => e.parent === tokenHash(t.refresh_token!))).toEqual([]);
  });
});

describe('revocation and the ledger', () => {
  it('kills the grant on refresh-token revocation and records each step with lineage', async () => {
    const since = sim.ledger.events().length ? sim.ledger.events().at(-1)!.seq + 1 : 0;
    const client = sim.client();
    const t0 = await sim.login('bob');
    const t1 = (await client.refresh(t0.refresh_token!)).body as { access_token: string; refresh_token: string };
    expect((await client.revoke(t1.refresh_token, 'refresh_token')).status).toBe(200);
    expect((await client.introspect(t1.access_token)).body.active).toBe(false);
    expect((await profile(t1.access_token)).status).toBe(401);

    const events = sim.ledger.events({ since }).filter((e) => e.username === 'bob' || e.tokenHash);
    const issued = events.find((e) => e.type === 'token.issued')!;
    const refreshed = events.find((e) => e.type === 'token.refreshed')!;
    const revoked = events.find((e) => e.type === 'token.revoked')!;
    expect(issued.tokenHash).toBe(tokenHash(t0.refresh_token!));
    expect(refreshed).toMatchObject({ parent: issued.tokenHash, tokenHash: tokenHash(t1.refresh_token), family: issued.family });
    expect(revoked).toMatchObject({ tokenHash: tokenHash(t1.refresh_token), grantId: issued.grantId });
    expect(events.some((e) => e.type === 'grant.revoked' && e.grantId === issued.grantId)).toBe(true);
    expect(events.some((e) => e.type === 'resource.call' && e.detail?.status === 401)).toBe(true);
  });

  it('never holds a token value in the ledger', async () => {
    const t = await sim.login('alice');
    const r = (await sim.client().refresh(t.refresh_token!)).body as { access_token: string; refresh_token: string };
    await sim.client().introspect(r.access_token);
    await profile(r.access_token);
    const dump = JSON.stringify(sim.ledger.events());
    for (const value of [t.access_token, t.refresh_token!, t.id_token!, r.access_token, r.refresh_token]) {
      expect(dump).not.toContain(value);
    }
    expect(dump).toContain(tokenHash(r.refresh_token));
  });
});

describe('bad input', () => {
  it('answers an unknown client with invalid_client', async () => {
    const res = await fetch(`${sim.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x&client_id=nobody',
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_client');
  });

  it('answers a malformed token request with invalid_request and keeps serving', async () => {
    const res = await fetch(`${sim.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/invalid_request|invalid_client/);
    const bad = await sim.client().refresh('not-a-token');
    expect(bad.body).toMatchObject({ error: 'invalid_grant', error_description: 'refresh token not found' });
    expect((await sim.login('alice')).access_token).toBeTruthy();
  });

  it('answers a missing or wrong bearer at the resource API with 401', async () => {
    expect((await fetch(sim.resourceUrl)).status).toBe(401);
    expect((await profile('forged')).status).toBe(401);
  });
});

describe('oversized form bodies (issue 13)', () => {
  it('answers a token or revocation request above 64 KiB with an OAuth JSON error, not plain text', async () => {
    for (const path of ['/token', '/token/revocation']) {
      const res = await fetch(`${sim.issuer}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x'.repeat(70 * 1024) }).toString(),
      });
      // The token endpoint's form is read ahead of the provider (faults, serializer); others are the provider's own 400.
      expect(res.status).toBe(path === '/token' ? 413 : 400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: expect.any(String) });
    }
  });
});
