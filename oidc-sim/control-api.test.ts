import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './control-api.js';
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

describe('control API hardening (issue 13)', () => {
  it('takes the bearer scheme in any case, and says on every 401 which scheme it wants', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      expect((await fetch(`${sim.controlUrl}/`, { headers: { authorization: `${scheme} ${sim.controlToken}` } })).status).toBe(200);
    }
    for (const authorization of [undefined, 'Bearer nope', `Basic ${sim.controlToken}`]) {
      const res = await fetch(`${sim.controlUrl}/`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    }
  });

  it('filters the ledger by every type named, whether repeated or comma-separated', async () => {
    await call('POST', '/reset');
    await sim.login('alice');
    const t = await sim.login('bob');
    await sim.client().refresh(t.refresh_token!);
    const typesOf = async (query: string) => new Set((await call('GET', `/ledger?${query}`)).body.events.map((e: { type: string }) => e.type));
    const both = new Set(['token.issued', 'token.refreshed']);
    expect(await typesOf('types=token.issued&types=token.refreshed')).toEqual(both);
    expect(await typesOf('types=token.issued,token.refreshed')).toEqual(both);
    expect(await typesOf('types=token.refreshed')).toEqual(new Set(['token.refreshed']));
  });

  it('refuses a latency beyond what a timer can hold, naming the field', async () => {
    const tooLong = await call('POST', '/faults', { effect: 'latency', endpoint: 'token', ms: 2 ** 31 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error_description).toMatch(/^ms: must be at most 2147483647/);
    const sum = await call('POST', '/faults', { effect: 'latency', endpoint: 'token', ms: 2 ** 31 - 1, jitterMs: 1 });
    expect(sum.status).toBe(400);
    expect(sum.body.error_description).toMatch(/^jitterMs:/);
    expect((await call('GET', '/faults')).body.rules).toEqual([]);
  });

  it('answers an unknown user_code 404 naming it', async () => {
    const res = await call('POST', '/device/approve', { user_code: 'WXYZ-WXYZ', user: 'alice' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'unknown_user_code', error_description: expect.stringContaining("'WXYZ-WXYZ'") });
  });

  it('answers a body above 64 KiB 413', async () => {
    const res = await call('POST', '/login', JSON.stringify({ user: 'alice', pad: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'invalid_request', error_description: 'body: larger than 64 KiB' });
  });

  it('reads a body whose multibyte characters are split across chunks', async () => {
    const bytes = Buffer.from(JSON.stringify({ user: 'zoë 🦊' }));
    const cut = bytes.indexOf(Buffer.from('🦊')) + 2;
    const req = (async function* () {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut);
    })();
    expect(await readJson({ req, get: () => '' } as never)).toEqual({ user: 'zoë 🦊' });
  });
});

describe('a browserless login held by a hang rule (issue 13)', () => {
  it('fails with login_timeout (504) naming the login instead of hanging, and the simulator serves on', async () => {
    const held = await createOidcSim({ users: ['alice'], browserlessTimeoutSeconds: 0.2 });
    try {
      await held.faults.add({ effect: 'hang', endpoint: 'authorization' });
      const res = await fetch(`${held.controlUrl}/login`, { method: 'POST', headers: { authorization: `Bearer ${held.controlToken}` }, body: JSON.stringify({ user: 'alice' }) });
      expect(res.status).toBe(504);
      expect(await res.json()).toMatchObject({ error: 'login_timeout', error_description: expect.stringMatching(/^login of alice did not finish within 0\.2 s/) });
      await expect(held.deviceLogin('alice')).rejects.toThrow(/did not finish within 0\.2 s/);
      expect((await fetch(`${held.controlUrl}/`, { headers: { authorization: `Bearer ${held.controlToken}` } })).status).toBe(200);
    } finally {
      await held.close();
    }
  });
});
