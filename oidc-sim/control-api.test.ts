import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from './index.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], controlToken: 'test-control-token-1234' });
});
afterAll(() => sim.close());

const call = (method: string, path: string, body?: unknown, token = sim.controlToken) =>
  fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('control API', () => {
  it('refuses a missing or wrong control token', async () => {
    expect((await fetch(`${sim.controlUrl}/`)).status).toBe(401);
    const wrong = await call('GET', '/', undefined, 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error_description).toMatch(/Bearer <control token>/);
  });

  it('logs a user in through either flow and shows the events in the ledger', async () => {
    const code = await call('POST', '/login', { user: 'alice' });
    expect(code.status).toBe(200);
    const device = await call('POST', '/login', { user: 'bob', flow: 'device', client: 'public' });
    expect(device.status).toBe(200);
    const who = await sim.client('public').userinfo(device.body.access_token);
    expect(who.body.preferred_username).toBe('bob');
    const ledger = await call('GET', '/ledger?types=token.issued');
    expect(ledger.body.events.map((e: { username: string }) => e.username)).toEqual(['alice', 'bob']);
    expect(JSON.stringify(ledger.body)).not.toContain(code.body.access_token);
  });

  it('answers bad requests with a clear error naming the field', async () => {
    expect((await call('POST', '/login', '{oops')).body).toMatchObject({ error: 'invalid_request', error_description: 'body: must be a JSON object' });
    expect((await call('POST', '/login', {})).body.error_description).toBe('user: required string');
    expect((await call('POST', '/login', { user: 'mallory' })).body).toMatchObject({ error: 'unknown_user' });
    expect((await call('POST', '/login', { user: 'alice', flow: 'magic' })).body.error_description).toMatch(/^flow:/);
    expect((await call('GET', '/ledger?since=-1')).status).toBe(400);
    expect((await call('POST', '/nowhere', {})).status).toBe(404);
  });

  it('resets tokens and ledger on request', async () => {
    const t = await sim.login('alice');
    expect((await call('POST', '/reset')).body.reset).toBe(true);
    expect((await sim.client().refresh(t.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await call('GET', '/ledger')).body.events.filter((e: { type: string }) => e.type === 'token.issued')).toEqual([]);
  });
});
