import { afterAll, describe, expect, it } from 'vitest';
import { createOidcSim, InvalidOptionError, tokenHash, type OidcSim, type OidcSimOptions } from '../index.js';

const sims: OidcSim[] = [];
afterAll(() => Promise.all(sims.map((s) => s.close())));
async function simWith(profile: OidcSimOptions['profile']) {
  const sim = await createOidcSim({ users: ['alice'], profile });
  sims.push(sim);
  return sim;
}

/** Logs in, rotates once, and returns the rotated-away token and its successor. */
async function rotated(sim: OidcSim) {
  const first = (await sim.login('alice')).refresh_token!;
  const res = await sim.client().refresh(first);
  expect(res.status).toBe(200);
  return { old: first, current: res.body.refresh_token as string };
}

const revoked = (sim: OidcSim, token: string) => sim.ledger.events({ types: ['reuse.detected'] }).some((e) => e.tokenHash === tokenHash(token));

describe('grace', () => {
  it('lets the previous token be reused inside the window, minting siblings, and detects reuse once the grace ends', async () => {
    const sim = await simWith({ kind: 'grace', windowSeconds: 30 });
    const { old, current } = await rotated(sim);
    const again = await sim.client().refresh(old);
    expect(again.status).toBe(200);
    const sibling = again.body.refresh_token as string;
    expect(sibling).not.toBe(current);
    expect(sim.ledger.events({ types: ['reuse.allowed'] })[0]).toMatchObject({ tokenHash: tokenHash(old), username: 'alice', detail: { profile: 'grace', reuse: 1 } });

    expect(sim.expire({ grace: old })).toBe(1);
    const late = await sim.client().refresh(old);
    expect(late.body).toMatchObject({ error: 'invalid_grant', error_description: 'refresh token already used' });
    expect(revoked(sim, old)).toBe(true);
    // Reuse after the window revokes the whole family, siblings included.
    for (const t of [current, sibling]) expect((await sim.client().refresh(t)).status).toBe(400);
  });
});

describe('max-reuse', () => {
  it('allows n reuses and revokes on the next', async () => {
    const sim = await simWith({ kind: 'max-reuse', n: 2 });
    const { old } = await rotated(sim);
    expect((await sim.client().refresh(old)).status).toBe(200);
    expect((await sim.client().refresh(old)).status).toBe(200);
    expect((await sim.client().refresh(old)).body.error).toBe('invalid_grant');
    expect(sim.ledger.events({ types: ['reuse.allowed'] }).map((e) => e.detail!.reuse)).toEqual([1, 2]);
    expect(revoked(sim, old)).toBe(true);
  });
});

describe('no-rotation', () => {
  it('answers the same refresh token every time and never detects reuse', async () => {
    const sim = await simWith('no-rotation');
    const first = (await sim.login('alice')).refresh_token!;
    for (let i = 0; i < 3; i++) {
      const res = await sim.client().refresh(first);
      expect([res.status, res.body.refresh_token]).toEqual([200, first]);
    }
    expect(sim.ledger.events({ types: ['reuse.detected', 'reuse.allowed', 'grant.revoked'] })).toEqual([]);
  });
});

describe('presets', () => {
  it('auth0: reuse interval 0 by default, so a reuse revokes the family with Auth0\'s wording; a set interval allows it', async () => {
    const strict = await simWith('auth0');
    const a = await rotated(strict);
    expect((await strict.client().refresh(a.old)).body).toEqual({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    expect((await strict.client().refresh(a.current)).status).toBe(400);
    const lenient = await simWith({ kind: 'auth0', windowSeconds: 10 });
    expect((await lenient.client().refresh((await rotated(lenient)).old)).status).toBe(200);
  });

  it('okta: a 30 s grace by default; after it, reuse is refused with Okta\'s wording', async () => {
    const sim = await simWith('okta');
    expect(sim.profile.settings).toMatchObject({ windowSeconds: 30 });
    const { old } = await rotated(sim);
    expect((await sim.client().refresh(old)).status).toBe(200);
    sim.expire({ grace: old });
    expect((await sim.client().refresh(old)).body).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' });
  });

  it('keycloak: Max Reuse 0 by default; with n = 1 one reuse passes and the next exceeds it', async () => {
    const none = await simWith('keycloak');
    const a = await rotated(none);
    expect((await none.client().refresh(a.old)).body.error_description).toBe('Maximum allowed refresh token reuse exceeded');
    const once = await simWith({ kind: 'keycloak', n: 1 });
    const b = await rotated(once);
    expect((await once.client().refresh(b.old)).status).toBe(200);
    expect((await once.client().refresh(b.old)).body.error_description).toBe('Maximum allowed refresh token reuse exceeded');
  });

  it('hydra: strict by default, reuse revokes the chain with fosite\'s invalid_grant text', async () => {
    const sim = await simWith('hydra');
    const { old, current } = await rotated(sim);
    const res = await sim.client().refresh(old);
    expect(res.body.error).toBe('invalid_grant');
    expect(res.body.error_description).toMatch(/^The provided authorization grant .* or refresh token is invalid, expired, revoked/);
    expect((await sim.client().refresh(current)).status).toBe(400);
    expect(revoked(sim, old)).toBe(true);
  });

  it('entra: every refresh answers a new token and the old ones stay valid', async () => {
    const sim = await simWith('entra');
    const { old, current } = await rotated(sim);
    const again = await sim.client().refresh(old);
    const third = await sim.client().refresh(old);
    expect([again.status, third.status]).toEqual([200, 200]);
    expect(new Set([current, again.body.refresh_token, third.body.refresh_token]).size).toBe(3);
    expect((await sim.client().refresh(current)).status).toBe(200);
    expect(sim.ledger.events({ types: ['reuse.detected', 'grant.revoked'] })).toEqual([]);
  });

  it('google: no rotation and no refresh_token in a refresh answer; the same token keeps working', async () => {
    const sim = await simWith('google');
    const first = (await sim.login('alice')).refresh_token!;
    for (let i = 0; i < 2; i++) {
      const res = await sim.client().refresh(first);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('refresh_token');
      expect(res.body.access_token).toBeTruthy();
    }
    sim.expire({ token: first });
    expect((await sim.client().refresh(first)).body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });
});

describe('profile option', () => {
  it('refuses an unknown profile or bad settings, naming the field', async () => {
    const field = (profile: unknown) =>
      createOidcSim({ profile: profile as never }).then(
        (s) => (s.close(), 'accepted'),
        (err: InvalidOptionError) => err.field,
      );
    expect(await field('lenient')).toBe('profile');
    expect(await field({ kind: 'nope' })).toBe('profile.kind');
    expect(await field({ kind: 'okta', windowSeconds: 90 })).toBe('profile.windowSeconds');
    expect(await field({ kind: 'grace', windowSeconds: -1 })).toBe('profile.windowSeconds');
    expect(await field({ kind: 'max-reuse' })).toBe('profile.n');
    expect(await field({ kind: 'strict', extra: 1 })).toBe('profile.extra');
  });
});

describe('reuse guard', () => {
  it('keeps a token consumed when the provider refuses an allowed reuse for another reason', async () => {
    const sim = await simWith({ kind: 'grace', windowSeconds: 30 });
    const { old } = await rotated(sim);
    const wrongClient = await sim.client('public').refresh(old);
    expect(wrongClient.body).toMatchObject({ error: 'invalid_grant', error_description: 'client mismatch' });
    expect(sim.ledger.events({ types: ['reuse.allowed'] })).toEqual([]);
    sim.expire({ grace: old });
    expect((await sim.client().refresh(old)).body.error_description).toBe('refresh token already used');
  });
});
