/** Which key an upstream answer is cached under, from the subject and the tool asking. */
export type ProfileCacheKey = (sub: string, tool: string) => string;

/** A user's data is cached for that user only: keyed by the token's subject. */
export const subjectKey: ProfileCacheKey = (sub, tool) => `${tool}\u0000${sub}`;

export interface ProfileCache {
  get(key: string): Record<string, unknown> | undefined;
  set(key: string, value: Record<string, unknown>): void;
}

export function createProfileCache(seconds: number, now: () => number = Date.now): ProfileCache {
  const entries = new Map<string, { value: Record<string, unknown>; until: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit && hit.until > now()) return hit.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value) {
      if (seconds <= 0) return;
      if (entries.size > 10_000) entries.clear();
      entries.set(key, { value, until: now() + seconds * 1000 });
    },
  };
}
