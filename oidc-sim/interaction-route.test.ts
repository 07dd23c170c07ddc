import dc from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from './index.js';

let sim: OidcSim;
beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice', 'bob'], lifetimes: { accessToken: 36_000, refreshToken: 36_000, idToken: 36_000, authorizationCode: 36_000, deviceCode: 36_000 } });
});
afterAll(() => sim.close());

/** The interaction pages the provider sends the browser to while `run` runs (this process's HTTP servers). */
async function interactionsDuring(run: () => Promise<unknown>): Promise<number> {
  let seen = 0;
  const count = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (/^\/interaction\//.test(request.url ?? '')) seen++;
  };
  dc.subscribe('http.server.request.start', count);
  try {
    await run();
  } finally {
    dc.unsubscribe('http.server.request.start', count);
  }
  return seen;
}

describe('the interaction route', () => {
  it('answers a device login with the login and its consent at once: one interaction, and the tokens carry every scope asked for', async () => {
    let scope: string | undefined;
    const interactions = await interactionsDuring(async () => {
      const tokens = await sim.deviceLogin('alice');
      scope = tokens.scope;
      expect(tokens.refresh_token).toBeTruthy();
    });
    expect(interactions).toBe(1);
    expect(scope?.split(' ').sort()).toEqual(['email', 'offline_access', 'openid', 'profile']);
  });

  it('still asks for consent at its own prompt when the request asks for it (prompt=consent, the code flow)', async () => {
    const interactions = await interactionsDuring(async () => {
      const tokens = await sim.login('bob');
      expect(tokens.refresh_token).toBeTruthy();
    });
    expect(interactions).toBe(2);
  });
});
