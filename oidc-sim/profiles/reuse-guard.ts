import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Context } from 'koa';
import type { Ledger } from '../ledger.js';
import type { TokenStore } from '../token-store.js';
import type { SimUser } from '../users.js';
import type { ReusePolicy } from './reuse-policy.js';
import type { RotationLog } from './rotation-log.js';

type Next = () => Promise<unknown>;
const KIND = 'RefreshToken';

/**
 * Extends oidc-provider's reuse detection instead of bypassing it. Runs inside the refresh serializer (so the
 * check and the provider's rotation are one atomic step per token): when the presented token is consumed and the
 * profile allows this reuse, its `consumed` mark is cleared so the provider rotates it again, minting a sibling.
 * Otherwise the provider sees the mark and revokes the grant as usual.
 */
export function reuseGuard(policy: ReusePolicy, store: TokenStore, log: RotationLog, ledger: Ledger, users: Map<string, SimUser>) {
  return async function guardReuse(ctx: Context, token: string, next: Next, hash: string) {
    const stored = store.find(KIND, token);
    const nowSec = Math.floor(Date.now() / 1000);
    let allowed: { sinceRotationMs: number; reuses: number } | undefined;
    if (stored?.consumed && typeof stored.exp === 'number' && stored.exp > nowSec) {
      const entry = log.get(hash);
      const sinceRotationMs = entry ? Date.now() - entry.rotatedAt : Date.now() - Number(stored.consumed) * 1000;
      const use = { sinceRotationMs, reuses: entry?.reuses ?? 0 };
      if (!entry?.graceEnded && policy.allowsReuse(use)) {
        store.upsert(KIND, token, { ...stored, consumed: undefined }, stored.exp - nowSec);
        allowed = use;
      }
    }
    try {
      return await next();
    } finally {
      const rotated = Boolean((ctx as KoaContextWithOIDC).oidc?.entities?.RotatedRefreshToken);
      if (rotated) log.noteRotation(hash);
      if (allowed && rotated) {
        const entry = log.get(hash);
        if (entry) entry.reuses++;
        const sub = stored!.accountId as string | undefined;
        ledger.record({
          type: 'reuse.allowed',
          endpoint: 'token',
          tokenHash: hash,
          grantId: stored!.grantId,
          family: stored!.grantId,
          clientId: stored!.clientId as string | undefined,
          sub,
          username: sub ? users.get(sub)?.username : undefined,
          detail: { profile: policy.name, reuse: allowed.reuses + 1, sinceRotationMs: Math.round(allowed.sinceRotationMs) },
        });
      } else if (allowed) {
        // The provider refused for another reason (client mismatch, say): the token must not stay re-usable.
        restoreConsumed(store, token, stored!.consumed);
      }
    }
  };
}

function restoreConsumed(store: TokenStore, token: string, consumed: unknown): void {
  const now = store.find(KIND, token);
  if (now && !now.consumed && typeof now.exp === 'number') {
    store.upsert(KIND, token, { ...now, consumed }, Math.max(0, now.exp - Math.floor(Date.now() / 1000)));
  }
}
