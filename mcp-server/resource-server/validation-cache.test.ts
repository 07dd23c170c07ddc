import { describe, expect, it } from 'vitest';
import { createFixedTtlValidationCache } from '../flaws/fixed-ttl-validation-cache.js';
import type { AccessClaims } from './access-token-verifier.js';
import { createValidationCache } from './validation-cache.js';

const claims: AccessClaims = { sub: 'alice', exp: 100, audience: ['r'], scopes: [] };

function counting() {
  let calls = 0;
  const verify = async () => {
    calls++;
    return claims;
  };
  return { verify, calls: () => calls };
}

describe('the validation cache', () => {
  it('trusts a validated token for its lifetime, then validates again', async () => {
    let now = 10_000;
    const cache = createValidationCache(30, () => now);
    const v = counting();
    await cache.validate('t', v.verify);
    now = 39_999;
    await cache.validate('t', v.verify);
    expect(v.calls()).toBe(1);
    now = 40_000;
    await cache.validate('t', v.verify);
    expect(v.calls()).toBe(2);
  });

  it("never trusts a cached validation past the token's own exp", async () => {
    let now = 90_000;
    const cache = createValidationCache(30, () => now);
    const v = counting();
    await cache.validate('t', v.verify);
    now = 100_000; // exp 100 s: the cached entry ends here, 20 s before the cache lifetime would
    await cache.validate('t', v.verify);
    expect(v.calls()).toBe(2);
  });

  it('with the flaw validation-cache-outlives-revocation, keeps trusting it past its lifetime while the token lives, where the cache asks again', async () => {
    let now = 10_000;
    const right = createValidationCache(1, () => now);
    const flawed = createFixedTtlValidationCache(1, () => now);
    const v = counting();
    const w = counting();
    await right.validate('t', v.verify);
    await flawed.validate('t', w.verify);
    now = 12_000; // 2 s later, the token (exp 100 s) still lives: a revocation since would go unseen by the flawed cache
    await right.validate('t', v.verify);
    await flawed.validate('t', w.verify);
    expect(v.calls()).toBe(2);
    expect(w.calls()).toBe(1);
  });

  it('with the flaw validation-cache-outlives-revocation, keeps trusting it past exp', async () => {
    let now = 90_000;
    const cache = createFixedTtlValidationCache(30, () => now);
    const v = counting();
    await cache.validate('t', v.verify);
    now = 100_000;
    await cache.validate('t', v.verify);
    expect(v.calls()).toBe(1);
  });
});
