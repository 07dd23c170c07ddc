import { describe, expect, it } from 'vitest';
import { TokenLeakError, assertNoTokens } from './assert-no-tokens.js';

describe('assertNoTokens', () => {
  it('passes text that holds only hashes', () => {
    expect(() => assertNoTokens('token=#3f9a0c1d2e4b', ['rt_Q2x9vLw3mZp8RkT1yHs6Nb'])).not.toThrow();
  });

  it('names the offsets of a leak but never the token itself', () => {
    const token = 'rt_Q2x9vLw3mZp8RkT1yHs6Nb';
    let caught: unknown;
    try {
      assertNoTokens(`abc ${token}`, [token]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TokenLeakError);
    expect((caught as TokenLeakError).offsets).toEqual([4]);
    expect((caught as Error).message).not.toContain(token);
  });
});
