import { UsageError } from './usage-error.js';

/** One part of a run split across CI machines: shard `index` (1-based) of `total`. */
export interface Shard {
  index: number;
  total: number;
}

/** `--shard i/n` as Playwright spells it: 1 <= i <= n. Anything else is a usage error naming what was given. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n (e.g. --shard 2/4), got '${value}'`);
  }
  return { index, total };
}

/**
 * The items of shard `index` of `total`: the items sorted by id, cut into `total` contiguous parts whose sizes differ
 * by at most one (the first parts take the remainder), as Playwright splits its tests. The split depends only on the
 * ids, never on the order they were given in, so every shard job of one CI run agrees on it; together the shards
 * hold every item exactly once.
 */
export function shardOf<T extends { id: string }>(items: readonly T[], shard: Shard): T[] {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const size = Math.floor(sorted.length / shard.total);
  const extra = sorted.length % shard.total;
  const i = shard.index - 1;
  const start = i * size + Math.min(i, extra);
  return sorted.slice(start, start + size + (i < extra ? 1 : 0));
}
