import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, InvalidOptionError, tokenHash, type OidcSim } from '../index.js';
import { rawRefresh } from '../test-http.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], seed: 7 });
});
afterEach(() => void sim.faults.clear());
afterAll(() => sim.close());

const faultsOf = (type: string, rule: string) => sim.ledger.events({ types: [type] }).filter((e) => e.rule === rule);

describe('latency', () => {
  it('delays a matching refresh by at least the configured time and records fault.latency', async () => {
    const t = await sim.login('alice');
    const rule = sim.faults.add({ endpoint: 'token', grantType: 'refresh_token', effect: 'latency', ms: 120 });
    const started = performance.now();
    const res = await sim.client().refresh(t.refresh_token!);
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    // Lower bound only (timers may round down by a millisecond); a busy CI may take any time longer.
    expect(elapsed).toBeGreaterThanOrEqual(119);
    expect(faultsOf('fault.latency', rule.id)).toEqual([
      expect.objectContaining({ endpoint: 'token', username: 'alice', tokenHash: tokenHash(t.refresh_token!), detail: expect.objectContaining({ ms: 120 }) }),
    ]);
  });

  it('draws jitter from the seed, so the same seed gives the same delays', async () => {
    const delays = async (seed: number) => {
      const other = await createOidcSim({ seed, users: ['alice'] });
      try {
        other.faults.add({ endpoint: 'discovery', effect: 'latency', ms: 0, jitterMs: 40 });
        for (let i = 0; i < 4; i++) await fetch(`${other.issuer}/.well-known/openid-configuration`).then((r) => r.arrayBuffer());
        return other.ledger.events({ types: ['fault.latency'] }).map((e) => e.detail!.ms);
      } finally {
        await other.close();
      }
    };
    const first = await delays(11);
    expect(await delays(11)).toEqual(first);
    expect(await delays(12)).not.toEqual(first);
  });
});

describe('refuse and reset', () => {
  it('answers 503 with Retry-After without reaching the provider, so the same token still works', async () => {
    const t = await sim.login('alice');
    const rule = sim.faults.add({ endpoint: 'token', effect: 'refuse', status: 503, retryAfter: 3, times: 1 });
    const refused = await rawRefresh(sim, t.refresh_token!);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(refused.body.error).toBe('temporarily_unavailable');
    expect(faultsOf('fault.refused', rule.id)[0]).toMatchObject({ endpoint: 'token', username: 'alice', detail: { status: 503, retryAfter: 3 } });
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(200);
  });

  it('answers 429 for rate limiting', async () => {
    const t = await sim.login('bob');
    sim.faults.add({ endpoint: 'token', user: 'bob', effect: 'refuse', status: 429, times: 1 });
    const res = await rawRefresh(sim, t.refresh_token!);
    expect([res.status, res.body.error]).toEqual([429, 'slow_down']);
  });

  it('resets the connection: the client gets no answer and the token is untouched', async () => {
    const t = await sim.login('alice');
    const rule = sim.faults.add({ endpoint: 'token', effect: 'reset', times: 1 });
    await expect(rawRefresh(sim, t.refresh_token!)).rejects.toThrow(/fetch failed/);
    expect(faultsOf('fault.reset', rule.id)).toHaveLength(1);
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(200);
  });
});

describe('hang', () => {
  it('never answers until the client gives up', async () => {
    const t = await sim.login('alice');
    const rule = sim.faults.add({ endpoint: 'token', effect: 'hang' });
    const abort = new AbortController();
    const pending = rawRefresh(sim, t.refresh_token!, { signal: abort.signal });
    await sim.ledger.waitFor((e) => e.type === 'fault.hang' && e.rule === rule.id);
    abort.abort();
    await expect(pending).rejects.toThrow(/aborted/i);
    const ended = await sim.ledger.waitFor((e) => e.type === 'fault.hang.ended' && e.rule === rule.id);
    expect(ended.detail).toMatchObject({ by: 'client' });
  });

  it('lets hung requests go when the simulator closes', async () => {
    const other = await createOidcSim({ users: ['alice'] });
    const t = await other.login('alice');
    other.faults.add({ endpoint: 'token', effect: 'hang' });
    const pending = rawRefresh(other, t.refresh_token!);
    await other.ledger.waitFor((e) => e.type === 'fault.hang');
    await other.close();
    await expect(pending).rejects.toThrow(/fetch failed/);
    expect(other.ledger.events({ types: ['fault.hang.ended'] })[0]?.detail).toMatchObject({ by: 'close' });
  });
});

describe('outage', () => {
  it('takes a set of endpoints down for its window and leaves the others up', async () => {
    const t = await sim.login('alice');
    const rule = sim.faults.add({ endpoint: ['token', 'userinfo', 'discovery'], effect: 'outage', until: 60_000 });
    const token = await rawRefresh(sim, t.refresh_token!);
    expect(token.status).toBe(503);
    expect(Number(token.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(token.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await sim.client().userinfo(t.access_token)).status).toBe(503);
    const profile = await fetch(sim.resourceUrl, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(profile.status).toBe(200);
    expect(faultsOf('fault.outage', rule.id).map((e) => e.endpoint)).toEqual(['token', 'userinfo']);
    rule.remove();
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(200);
  });

  it('applies only inside its window', async () => {
    const t = await sim.login('alice');
    sim.faults.add({ endpoint: 'token', effect: 'outage', from: 60_000 });
    sim.faults.add({ endpoint: 'token', effect: 'outage', until: new Date(Date.now() - 1000).toISOString() });
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(200);
    expect(sim.ledger.events({ types: ['fault.outage'] }).filter((e) => e.tokenHash === tokenHash(t.refresh_token!))).toEqual([]);
  });
});

describe('matching', () => {
  it('matches by user, client, grant type, refresh-token lineage, family and the next N requests', async () => {
    const alice = await sim.login('alice');
    const bob = await sim.login('bob');
    const pub = await sim.login('alice', { client: 'public' });
    const refuse = { effect: 'refuse' as const, endpoint: 'token' as const, status: 503 };
    const check = async (rule: Parameters<typeof sim.faults.add>[0], refused: boolean, token = alice.refresh_token!, kind: 'confidential' | 'public' = 'confidential') => {
      const handle = sim.faults.add(rule);
      const res = await sim.client(kind).refresh(token);
      handle.remove();
      expect(res.status, JSON.stringify(rule)).toBe(refused ? 503 : 200);
      return res;
    };
    const second = (await check({ ...refuse, user: 'bob' }, false)).body.refresh_token as string;
    const next = (await check({ ...refuse, user: sim.user('alice').sub, grantType: 'authorization_code' }, false, second)).body.refresh_token as string;
    await check({ ...refuse, user: 'bob' }, true, bob.refresh_token!);
    await check({ ...refuse, clientId: sim.clients.public.clientId }, true, pub.refresh_token!, 'public');
    await check({ ...refuse, refreshToken: tokenHash(next) }, true, next);
    const family = sim.ledger.events({ types: ['token.issued'] }).filter((e) => e.username === 'bob').at(-1)!.family!;
    await check({ ...refuse, family }, true, bob.refresh_token!);

    const twice = sim.faults.add({ ...refuse, times: 2 });
    expect((await sim.client().refresh(next)).status).toBe(503);
    expect((await sim.client().refresh(next)).status).toBe(503);
    expect((await sim.client().refresh(next)).status).toBe(200);
    expect(sim.faults.list().some((r) => r.id === twice.id)).toBe(false);
  });

  it('lets the provider answer a Basic client id with a malformed escape, while a client rule is set', async () => {
    sim.faults.add({ effect: 'refuse', endpoint: 'token', status: 503, clientId: sim.clients.public.clientId });
    const res = await fetch(`${sim.issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('%ZZ:secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x',
    });
    // The provider's own answer to the bad encoding, not a 500 from the fault layer.
    expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
  });
});

describe('other endpoints', () => {
  it('faults the resource API for the owner of the bearer token only', async () => {
    const alice = await sim.login('alice');
    const bob = await sim.login('bob');
    const rule = sim.faults.add({ endpoint: 'resource', user: 'bob', effect: 'refuse', status: 502 });
    const call = (at: string) => fetch(sim.resourceUrl, { headers: { authorization: `Bearer ${at}` } }).then((r) => r.status);
    expect([await call(alice.access_token), await call(bob.access_token)]).toEqual([200, 502]);
    expect(faultsOf('fault.refused', rule.id).map((e) => e.username)).toEqual(['bob']);
  });

  it('faults the login pages of the user a login names', async () => {
    const rule = sim.faults.add({ endpoint: 'authorization', user: 'bob', effect: 'latency', ms: 1 });
    await sim.login('alice');
    await sim.login('bob');
    const users = new Set(faultsOf('fault.latency', rule.id).map((e) => e.username));
    expect(users).toEqual(new Set(['bob']));
  });
});

describe('bad rules', () => {
  const bad = (rule: unknown) => {
    try {
      sim.faults.add(rule as never);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidOptionError);
      return (err as InvalidOptionError).field;
    }
    throw new Error('accepted a bad rule');
  };

  it('names the field that is wrong', () => {
    expect(bad({ endpoint: 'tokens', effect: 'hang' })).toBe('endpoint[0]');
    expect(bad({ endpoint: ['token', 'smtp'], effect: 'hang' })).toBe('endpoint[1]');
    expect(bad({ endpoint: 'token', effect: 'latency', ms: -5 })).toBe('ms');
    expect(bad({ endpoint: 'token', effect: 'latency', ms: 5, jitterMs: -1 })).toBe('jitterMs');
    expect(bad({ endpoint: 'token', effect: 'explode' })).toBe('effect');
    expect(bad({ endpoint: 'token', effect: 'refuse', status: 404 })).toBe('status');
    expect(bad({ endpoint: 'token', effect: 'hang', from: -1 })).toBe('from');
    expect(bad({ endpoint: 'token', effect: 'hang', times: 0 })).toBe('times');
    expect(bad({ endpoint: 'token', effect: 'hang', when: 'now' })).toBe('when');
    expect(bad({ effect: 'hang' })).toBe('endpoint');
    expect(() => sim.faults.add({ endpoint: 'token', effect: 'latency', ms: -5 })).toThrow(/^ms: /);
  });
});
