/** When each refresh token was first rotated and how often a profile let it through since. */
interface Rotation {
  rotatedAt: number;
  reuses: number;
  /** expire-now ended its grace: further reuse is detected whatever the window says. */
  graceEnded: boolean;
}

const PRUNE_ABOVE = 10_000;

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
    this.#byHash.set(hash, { rotatedAt: now, reuses: 0, graceEnded: false });
    if (this.#byHash.size > PRUNE_ABOVE) this.#prune(now);
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

  #prune(now: number): void {
    for (const [hash, entry] of this.#byHash) if (now - entry.rotatedAt > this.maxAgeMs) this.#byHash.delete(hash);
  }
}
