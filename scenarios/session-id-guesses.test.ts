import { describe, expect, it } from 'vitest';
import { sessionIdGuesses } from './session-id-guesses.js';

describe('sessionIdGuesses', () => {
  it('steps a counter at the end of an id by one and two, keeping its width', () => {
    expect(sessionIdGuesses('sess-0041')).toEqual(['sess-0042', 'sess-0040', 'sess-0043', 'sess-0039']);
    expect(sessionIdGuesses('9')).toEqual(['10', '8', '11', '7']);
  });

  it('steps the hex tail of a UUID, so a guess beside a random id is just another unknown id', () => {
    const guesses = sessionIdGuesses('3f2b8c1e-4d5a-4b6c-9d7e-00000000000f');
    expect(guesses).toContain('3f2b8c1e-4d5a-4b6c-9d7e-000000000010');
    expect(guesses).toContain('3f2b8c1e-4d5a-4b6c-9d7e-00000000000e');
    expect(guesses.every((g) => g.length === 36)).toBe(true);
  });

  it('offers nothing for an id with no digits to step', () => {
    expect(sessionIdGuesses('---')).toEqual([]);
  });
});
