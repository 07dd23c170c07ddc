/** When each refresh token was first rotated and how often a profile let it through since. */
interface Rotation {
  rotatedAt: number;
  reuses: number;
  /** expire-now ended its grace: further reuse is detected whatever the window says. */
  graceEnded: boolean;
}

/**
 * Keyed by token hash. oidc-provider's `consumed` mark has whole-second precision and is rewritten on each
 * re-rotation; a grace window needs the first rotation's instant in milliseconds.
 */
export class RotationLog {
  #byHash = new Map<string, Rotation>();

  /** @param maxAgeMs entries older than this are forgotten (the token has expired by then). */
  constructor(private readonly maxAgeMs: number) {}

  get(hash: string): Rotation | undefined {
    return this.#byHash.get(hash);
  }

  noteRotation(hash: string, now = Date.now()): void {
    if (this.#byHash.has(hash)) return;
    this.#prune(now);
    this.#byHash.set(hash, { rotatedAt: now, reuses: 0, graceEnded: false });
  }

  /** Ends the grace of a rotated token now (expire-now); false if it was never rotated. */
  endGrace(hash: string): boolean {
    const entry = this.#byHash.get(hash);
    if (entry) entry.graceEnded = true;
    return Boolean(entry);
  }

  clear(): void {
    this.#byHash.clear();
  }

  /** The number of rotations remembered (expired ones are forgotten as new ones come). */
  get size(): number {
    return this.#byHash.size;
  }

  /**
   * Entries are kept in the order they were made, which is the order of `rotatedAt`: the expired ones are at the
   * front, so pruning stops at the first live one. Each rotation costs what it forgets, not the size of the log (a
   * full scan per rotation made refreshes O(live tokens): issue 18's concurrent refresh figure). Should the clock step
   * back, an entry stamped ahead only holds the ones behind it until the clock passes it again.
   */
  #prune(now: number): void {
    for (const [hash, entry] of this.#byHash) {
      if (now - entry.rotatedAt <= this.maxAgeMs) return;
      this.#byHash.delete(hash);
    }
  }
}
