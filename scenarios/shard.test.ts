import { describe, expect, it } from 'vitest';
import { catalogue } from './catalog/index.js';
import { parseShard, shardOf } from './shard.js';
import { UsageError } from './usage-error.js';

const ids = (items: Array<{ id: string }>) => items.map((s) => s.id);

describe('shardOf', () => {
  it('puts every scenario of the catalogue in exactly one shard, for every shard count up to one per scenario', () => {
    for (let total = 1; total <= catalogue.length + 2; total++) {
      const parts = Array.from({ length: total }, (_, k) => ids(shardOf(catalogue, { index: k + 1, total })));
      expect(parts.flat().sort()).toEqual(ids(catalogue).sort());
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('splits by id, whatever order the scenarios come in', () => {
    const reversed = [...catalogue].reverse();
    for (let k = 1; k <= 3; k++) expect(ids(shardOf(reversed, { index: k, total: 3 }))).toEqual(ids(shardOf(catalogue, { index: k, total: 3 })));
  });

  it('cuts the id-sorted list into contiguous parts, the first ones taking the remainder, as Playwright does', () => {
    const items = ['e', 'a', 'd', 'b', 'c'].map((id) => ({ id }));
    expect([1, 2, 3].map((index) => ids(shardOf(items, { index, total: 3 })))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(ids(shardOf(items, { index: 7, total: 7 }))).toEqual([]);
  });
});

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
  });

  it.each(['0/3', '4/3', '1/0', '2', '1/2/3', 'a/b', '-1/2', '1.5/3', ''])('refuses %j with a usage error naming the value', (value) => {
    expect(() => parseShard(value)).toThrow(UsageError);
    expect(() => parseShard(value)).toThrow(`got '${value}'`);
  });
});
