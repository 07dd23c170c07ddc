import { describe, expect, it } from 'vitest';
import { TokenStore } from './token-store.js';

describe('TokenStore', () => {
  it('keeps every live record, far past the 1000 of oidc-provider\'s default LRU', async () => {
    const store = new TokenStore(0);
    const Adapter = store.adapterClass();
    const rt = new Adapter('RefreshToken');
    for (let i = 0; i < 5000; i++) await rt.upsert(`token-${i}`, { jti: `token-${i}`, grantId: `g${i % 7}` } as never, 60);
    expect(store.size).toBe(5000);
    expect(await rt.find('token-0')).toMatchObject({ jti: 'token-0', grantId: 'g0' });
    store.close();
  });

  it('evicts records once expiry plus retention has passed', async () => {
    const store = new TokenStore(1000);
    const at = new (store.adapterClass())('AccessToken');
    await at.upsert('short', { jti: 'short' } as never, 1);
    await at.upsert('long', { jti: 'long' } as never, 60);
    expect(store.sweep(Date.now() + 1500)).toBe(0);
    expect(store.sweep(Date.now() + 2100)).toBe(1);
    expect(await at.find('short')).toBeUndefined();
    expect(await at.find('long')).toBeTruthy();
    store.close();
  });

  it('stores bearer tokens without their value', async () => {
    const store = new TokenStore(0);
    const rt = new (store.adapterClass())('RefreshToken');
    const secret = 'super-secret-refresh-token-value';
    await rt.upsert(secret, { jti: secret, grantId: 'g', kind: 'RefreshToken' } as never, 60);
    const atRest = JSON.stringify([...store.entries()]);
    expect(atRest).toContain('"grantId":"g"');
    expect(atRest).not.toContain(secret);
    expect((await rt.find(secret))?.jti).toBe(secret);
    store.close();
  });

  it('revokes every record of a grant and consumes in place', async () => {
    const store = new TokenStore(0);
    const Adapter = store.adapterClass();
    const rt = new Adapter('RefreshToken');
    const at = new Adapter('AccessToken');
    await rt.upsert('r1', { jti: 'r1', grantId: 'g1' } as never, 60);
    await at.upsert('a1', { jti: 'a1', grantId: 'g1' } as never, 60);
    await rt.upsert('r2', { jti: 'r2', grantId: 'g2' } as never, 60);
    await rt.consume('r1');
    expect((await rt.find('r1'))?.consumed).toBeTypeOf('number');
    await rt.revokeByGrantId('g1');
    await at.revokeByGrantId('g1');
    expect(await rt.find('r1')).toBeUndefined();
    expect(await at.find('a1')).toBeUndefined();
    expect(await rt.find('r2')).toBeTruthy();
    store.close();
  });
});

