import { describe, expect, it } from 'vitest';
import { generateUsers } from './users.js';

describe('generateUsers', () => {
  it('gives the same users for the same seed and different ones for another seed', () => {
    const a = generateUsers(7, ['alice'], 5);
    expect(generateUsers(7, ['alice'], 5)).toEqual(a);
    expect(generateUsers(8, ['alice'], 5).map((u) => u.sub)).not.toEqual(a.map((u) => u.sub));
  });

  it('keeps a named user the same when more users are generated', () => {
    const few = generateUsers(3, ['alice', 'bob'], 1);
    const many = generateUsers(3, ['alice', 'bob'], 50);
    expect(many.find((u) => u.username === 'bob')).toEqual(few.find((u) => u.username === 'bob'));
    expect(new Set(many.map((u) => u.username)).size).toBe(52);
    expect(new Set(many.map((u) => u.sub)).size).toBe(52);
  });
});
