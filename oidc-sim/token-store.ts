import type { Adapter, AdapterPayload } from 'oidc-provider';
import { storageKey } from './token-hash.js';

/** Kinds whose id is the bearer token value itself; these are stored without it. */
const BEARER_KINDS = new Set(['AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials']);

interface StoredRecord {
  kind: string;
  payload: AdapterPayload;
  /** Epoch ms after which the provider treats the record as expired. */
  expiresAt: number;
  /** True when the payload's `jti` was the lookup id and was stripped before storing. */
  strippedJti: boolean;
}

/**
 * The provider's storage, shared by all its models. Unlike oidc-provider's default LRU (1000 entries, silently
 * drops live tokens under load), it never drops a live record; unlike a plain Map, it evicts records once they
 * are expired plus a short retention, so memory stays bounded under a refresh storm. Records are keyed by a
 * digest of the token value and stored without it, so no token is held in plaintext at rest.
 */
export class TokenStore {
  #records = new Map<string, StoredRecord>();
  #byGrant = new Map<string, Set<string>>();
  #byUserCode = new Map<string, string>();
  #byUid = new Map<string, string>();
  #sweeper: NodeJS.Timeout;

  constructor(readonly retentionMs: number) {
    this.#sweeper = setInterval(() => this.sweep(), 1000);
    this.#sweeper.unref();
  }

  get size(): number {
    return this.#records.size;
  }

  /** An oidc-provider adapter class bound to this store. */
  adapterClass(): new (name: string) => Adapter {
    const store = this;
    return class StoreAdapter implements Adapter {
      constructor(readonly name: string) {}
      async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
        store.upsert(this.name, id, payload, expiresIn);
      }
      async find(id: string) {
        return store.find(this.name, id);
      }
      async findByUserCode(userCode: string) {
        const key = store.#byUserCode.get(userCode);
        return key ? store.#read(key) : undefined;
      }
      async findByUid(uid: string) {
        const key = store.#byUid.get(uid);
        return key ? store.#read(key) : undefined;
      }
      async consume(id: string) {
        const rec = store.#records.get(storageKey(this.name, id));
        if (rec) rec.payload = { ...rec.payload, consumed: Math.floor(Date.now() / 1000) };
      }
      async destroy(id: string) {
        store.#delete(storageKey(this.name, id));
      }
      async revokeByGrantId(grantId: string) {
        for (const key of [...(store.#byGrant.get(grantId) ?? [])]) {
          if (store.#records.get(key)?.kind === this.name) store.#delete(key);
        }
      }
    };
  }

  upsert(kind: string, id: string, payload: AdapterPayload, expiresIn: number): void {
    const key = storageKey(kind, id);
    const strippedJti = BEARER_KINDS.has(kind) && payload.jti === id;
    const stored = strippedJti ? { ...payload, jti: undefined } : { ...payload };
    this.#delete(key);
    // Dynamically registered clients come without a lifetime: they live until reset().
    const expiresAt = Number.isFinite(expiresIn) ? Date.now() + expiresIn * 1000 : Infinity;
    this.#records.set(key, { kind, payload: stored, expiresAt, strippedJti });
    if (payload.grantId) {
      let set = this.#byGrant.get(payload.grantId);
      if (!set) this.#byGrant.set(payload.grantId, (set = new Set()));
      set.add(key);
    }
    if (payload.userCode) this.#byUserCode.set(payload.userCode, key);
    if (payload.uid) this.#byUid.set(payload.uid, key);
  }

  find(kind: string, id: string): AdapterPayload | undefined {
    const rec = this.#records.get(storageKey(kind, id));
    if (!rec) return undefined;
    return rec.strippedJti ? { ...rec.payload, jti: id } : { ...rec.payload };
  }

  /** What is held at rest (storage key, kind, payload): for inspection, e.g. that no token value is in it. */
  *entries(): Iterable<[string, { kind: string; payload: AdapterPayload }]> {
    for (const [key, rec] of this.#records) yield [key, { kind: rec.kind, payload: rec.payload }];
  }

  /** Grant ids of the live records that match; used by expire-now and the ledger. */
  grantsWhere(match: (kind: string, payload: AdapterPayload) => boolean): Set<string> {
    const grants = new Set<string>();
    for (const rec of this.#records.values()) {
      if (rec.payload.grantId && match(rec.kind, rec.payload)) grants.add(rec.payload.grantId);
    }
    return grants;
  }

  /**
   * Ends matching records now by moving their `exp` into the past; the provider's own expiry rules then
   * apply (oidc-provider counts whole seconds, so this is how sub-second scenarios stay exact).
   */
  expireWhere(match: (kind: string, payload: AdapterPayload) => boolean): number {
    const past = Math.floor(Date.now() / 1000) - 1;
    let count = 0;
    for (const rec of this.#records.values()) {
      if (!match(rec.kind, rec.payload)) continue;
      rec.payload = { ...rec.payload, exp: past };
      rec.expiresAt = Math.min(rec.expiresAt, Date.now());
      count++;
    }
    return count;
  }

  /** Removes records whose expiry plus retention has passed. */
  sweep(now = Date.now()): number {
    let evicted = 0;
    for (const [key, rec] of this.#records) {
      if (rec.expiresAt + this.retentionMs <= now) {
        this.#delete(key);
        evicted++;
      }
    }
    return evicted;
  }

  clear(): void {
    this.#records.clear();
    this.#byGrant.clear();
    this.#byUserCode.clear();
    this.#byUid.clear();
  }

  close(): void {
    clearInterval(this.#sweeper);
  }

  #read(key: string): AdapterPayload | undefined {
    const rec = this.#records.get(key);
    return rec && { ...rec.payload };
  }

  #delete(key: string): void {
    const rec = this.#records.get(key);
    if (!rec) return;
    this.#records.delete(key);
    const { grantId, userCode, uid } = rec.payload;
    if (grantId) {
      const set = this.#byGrant.get(grantId);
      set?.delete(key);
      if (set?.size === 0) this.#byGrant.delete(grantId);
    }
    if (userCode && this.#byUserCode.get(userCode) === key) this.#byUserCode.delete(userCode);
    if (uid && this.#byUid.get(uid) === key) this.#byUid.delete(uid);
  }
}
