import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, tokenHash, type OidcSim } from './index.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], profile: 'okta' });
});
afterAll(() => sim.close());

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sim.controlToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('control API: faults, gates, expire, skew, tamper', () => {
  it('adds, lists and removes fault rules; the fault shows in the ledger', async () => {
    const t = await sim.login('alice');
    const added = await call('POST', '/faults', { endpoint: 'token', effect: 'refuse', status: 503, retryAfter: 2 });
    expect(added.status).toBe(200);
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(503);
    expect((await call('GET', '/faults')).body.rules).toEqual([expect.objectContaining({ id: added.body.id, effect: 'refuse' })]);
    expect((await call('DELETE', '/faults', { id: added.body.id })).body).toEqual({ removed: added.body.id });
    expect((await call('DELETE', '/faults', { id: added.body.id })).status).toBe(404);
    expect((await sim.client().refresh(t.refresh_token!)).status).toBe(200);
    const ledger = await call('GET', '/ledger?types=fault.refused');
    expect(ledger.body.events[0]).toMatchObject({ rule: added.body.id, endpoint: 'token', username: 'alice' });
  });

  it('answers a bad rule with 400 naming the field', async () => {
    const unknown = await call('POST', '/faults', { endpoint: 'smtp', effect: 'hang' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/^endpoint\[0\]: unknown endpoint/) });
    expect((await call('POST', '/faults', { endpoint: 'token', effect: 'latency', ms: -1 })).body.error_description).toMatch(/^ms: /);
    expect((await call('POST', '/faults', { endpoint: 'token', effect: 'teleport' })).body.error_description).toMatch(/^effect: /);
    expect((await call('POST', '/gates/wait', { id: 'nope' })).status).toBe(404);
  });

  it('drives a gate: hold, wait, release in order', async () => {
    const t = await sim.login('bob');
    const gate = await call('POST', '/gates', { endpoint: 'token', user: 'bob' });
    const first = sim.client().refresh(t.refresh_token!);
    expect((await call('POST', '/gates/wait', { id: gate.body.id, n: 1 })).body).toMatchObject({ ok: true, held: 1 });
    const second = sim.client().refresh(t.refresh_token!);
    expect((await call('POST', '/gates/wait', { id: gate.body.id, n: 2 })).body).toMatchObject({ ok: true, held: 2, arrived: 2 });
    const released = await call('POST', '/gates/release', { id: gate.body.id, order: [1, 0] });
    expect(released.body.released.map((r: { index: number }) => r.index)).toEqual([1, 0]);
    // Okta's grace: both get tokens, the one released second through reuse.allowed.
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
    expect(sim.ledger.events({ types: ['reuse.allowed'] }).some((e) => e.tokenHash === tokenHash(t.refresh_token!))).toBe(true);
    expect((await call('DELETE', '/gates', { id: gate.body.id })).status).toBe(200);
  });

  it('expires, skews and tampers on request', async () => {
    const t = await sim.login('alice');
    expect((await call('POST', '/expire', { token: t.refresh_token })).body).toEqual({ expired: 1 });
    expect((await sim.client().refresh(t.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await call('POST', '/expire', { user: 'mallory' })).status).toBe(404);
    expect((await call('POST', '/expire', {})).status).toBe(400);

    expect((await call('POST', '/skew', { ms: 5000 })).body).toEqual({ skewMs: 5000 });
    expect((await call('GET', '/')).body.skewMs).toBe(5000);
    expect((await call('POST', '/skew', { ms: 'soon' })).status).toBe(400);

    const tamper = await call('POST', '/tamper', { kind: 'wrong-audience', user: 'alice', times: 1 });
    expect(tamper.status).toBe(200);
    expect((await call('GET', '/faults')).body.rules).toEqual([expect.objectContaining({ id: tamper.body.id, effect: 'tamper' })]);
    expect((await call('POST', '/tamper', { kind: 'nope' })).body.error_description).toMatch(/^kind: /);
    expect((await call('DELETE', '/tamper', { id: tamper.body.id })).status).toBe(200);
  });

  it('clears everything on reset and shows the profile', async () => {
    await call('POST', '/faults', { endpoint: 'jwks', effect: 'hang' });
    await call('POST', '/gates', { endpoint: 'userinfo' });
    expect((await call('GET', '/')).body.profile).toMatchObject({ name: 'okta', settings: { windowSeconds: 30 } });
    expect((await call('POST', '/reset')).body).toEqual({ reset: true });
    expect((await call('GET', '/faults')).body.rules).toEqual([]);
    expect((await call('GET', '/')).body.skewMs).toBe(0);
    expect((await fetch(`${sim.issuer}/jwks`)).status).toBe(200);
  });
});
