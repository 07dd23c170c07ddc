/** A small seeded PRNG (mulberry32): every random choice of a run comes from the run's seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed of the n-th repetition of a run: stable, spread out, printable. */
export function seedFor(base: number, repetition: number): number {
  return (base + repetition * 7919) >>> 0;
}
