import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from './index.js';

let sim: OidcSim;
let jwks: ReturnType<typeof createRemoteJWKSet>;
beforeAll(async () => {
  // Nothing here is about expiry: lifetimes far beyond any run, so a busy machine cannot end the access token
  // between the login and its introspection (seen under `npm test` with two CPU burners and other work).
  sim = await createOidcSim({
    users: ['alice', 'bob'],
    lifetimes: { accessToken: 36_000, refreshToken: 36_000, idToken: 36_000, authorizationCode: 36_000, deviceCode: 36_000 },
  });
  jwks = createRemoteJWKSet(new URL('/jwks', sim.issuer));
});
afterAll(() => sim.close());

/** What a correct client does with an id_token: signature by the issuer's JWKS, issuer, audience, expiry. */
const verify = (idToken: string) => jwtVerify(idToken, jwks, { issuer: sim.issuer, audience: sim.clients.confidential.clientId });
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('skew', () => {
  it('puts the simulator\'s clock ahead in what it issues, so a correct client sees an id_token from the future', async () => {
    sim.setSkew(120_000);
    try {
      const before = Date.now();
      const t = await sim.login('alice');
      const after = Date.now();
      const claims = decodeJwt(t.id_token!);
      expect(claims.iat).toBeGreaterThanOrEqual(seconds(before) + 120);
      expect(claims.iat).toBeLessThanOrEqual(seconds(after) + 120);
      expect(claims.exp! - claims.iat!).toBe(sim.lifetimes.idToken);
      // expires_in is relative and stays honest.
      expect(t.expires_in).toBeLessThanOrEqual(sim.lifetimes.accessToken);
      // A client that bounds token age (jose checks iat only then) refuses a token issued in its future.
      const bounded = jwtVerify(t.id_token!, jwks, { issuer: sim.issuer, audience: sim.clients.confidential.clientId, maxTokenAge: '5m' });
      await expect(bounded).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iat' });
      await expect(verify(t.id_token!)).resolves.toBeTruthy();
      const introspected = await sim.client().introspect(t.access_token);
      expect(introspected.body.iat).toBeGreaterThanOrEqual(seconds(before) + 120);
      expect(sim.ledger.events({ types: ['fault.skew'] }).at(-1)?.detail).toEqual({ ms: 120_000 });
      const discovery = await fetch(`${sim.issuer}/.well-known/openid-configuration`);
      expect(Date.parse(discovery.headers.get('date')!)).toBeGreaterThanOrEqual(seconds(before) * 1000 + 120_000);
    } finally {
      sim.setSkew(0);
    }
  });

  it('puts it behind: an id_token that expired before it was received, still signed by the real key', async () => {
    sim.setSkew(-(sim.lifetimes.idToken + 60) * 1000);
    try {
      const t = await sim.login('alice');
      await expect(verify(t.id_token!)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
      await expect(jwtVerify(t.id_token!, jwks, { currentDate: new Date(decodeJwt(t.id_token!).iat! * 1000) })).resolves.toBeTruthy();
    } finally {
      sim.setSkew(0);
    }
    expect(() => sim.setSkew(Number.NaN)).toThrow(/^ms: /);
  });
});

describe('tamper', () => {
  it('expired: a correct client refuses it', async () => {
    const rule = sim.tamper({ kind: 'expired', times: 1 });
    const t = await sim.login('alice');
    await expect(verify(t.id_token!)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    expect(sim.ledger.events({ types: ['fault.tamper'] }).at(-1)).toMatchObject({ rule: rule.id, username: 'alice', detail: { kind: 'expired' } });
    await expect(verify((await sim.login('alice')).id_token!)).resolves.toBeTruthy();
  });

  it('wrong-audience: a correct client refuses it', async () => {
    sim.tamper({ kind: 'wrong-audience', times: 1 });
    const t = await sim.login('alice');
    await expect(verify(t.id_token!)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  });

  it('unknown-key: signed by a key in no JWKS, under the real kid; the signature check fails', async () => {
    sim.tamper({ kind: 'unknown-key', times: 1 });
    const t = await sim.login('alice');
    await expect(verify(t.id_token!)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('other-subject: validly signed but naming someone else, which userinfo contradicts', async () => {
    sim.tamper({ kind: 'other-subject', user: 'alice', times: 1 });
    const t = await sim.login('alice');
    const { payload } = await verify(t.id_token!);
    expect(payload.sub).not.toBe(sim.user('alice').sub);
    expect((await sim.client().userinfo(t.access_token)).body.sub).toBe(sim.user('alice').sub);
  });

  it('applies to the named user only, on refresh answers too, until removed', async () => {
    const rule = sim.tamper({ kind: 'wrong-audience', user: 'bob' });
    const alice = await sim.login('alice');
    await expect(verify(alice.id_token!)).resolves.toBeTruthy();
    const bob = await sim.login('bob');
    await expect(verify(bob.id_token!)).rejects.toMatchObject({ claim: 'aud' });
    const refreshed = await sim.client().refresh(bob.refresh_token!);
    await expect(verify(refreshed.body.id_token as string)).rejects.toMatchObject({ claim: 'aud' });
    rule.remove();
    await expect(verify((await sim.login('bob')).id_token!)).resolves.toBeTruthy();
  });

  it('refuses an unknown kind, naming the field', () => {
    expect(() => sim.tamper({ kind: 'forged' as never })).toThrow(/^kind: unknown tamper kind/);
  });
});
