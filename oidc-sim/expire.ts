import type { AdapterPayload } from 'oidc-provider';
import { z } from 'zod';
import type { Ledger } from './ledger.js';
import { parseInput } from './parse-input.js';
import type { RotationLog } from './profiles/rotation-log.js';
import { storageKey, tokenHash } from './token-hash.js';
import type { TokenStore } from './token-store.js';
import type { SimUser } from './users.js';

const value = z.string().min(1);
const targetSchema = z
  .strictObject({ token: value, family: value, grantId: value, user: value, grace: value, accessTokensOf: value }).partial()
  .refine((t) => Object.keys(t).length === 1, 'name exactly one of token, family (or grantId), user, grace, accessTokensOf');

/**
 * What to end now: one token (access or refresh, by value), a token family (grant id: every token of one login
 * and the grant itself), every record of a user (username or sub), or the reuse grace of a rotated refresh token.
 */
export type ExpireTarget = { token: string } | { family: string } | { grantId: string } | { user: string } | { grace: string } | { accessTokensOf: string };

export interface ExpireDeps {
  store: TokenStore;
  ledger: Ledger;
  rotations: RotationLog;
  user(nameOrSub: string): SimUser;
}

/**
 * expire-now: moves `exp` into the past through the storage adapter, so the provider's own expiry rules answer
 * from then on ("refresh token is expired", inactive on introspection). No scenario waits for the clock, and
 * oidc-provider's whole-second lifetimes stop limiting sub-second scenarios. Returns how many records ended.
 */
export function expireNow(input: ExpireTarget, deps: ExpireDeps): number {
  const target = parseInput(targetSchema, input, 'target');
  const { store, ledger } = deps;
  const record = (count: number, fields: Record<string, string | undefined>, kind: string) =>
    ledger.record({ type: 'token.expired', endpoint: 'control', ...fields, detail: { target: kind, records: count } });

  if (target.token) {
    const refs = ['RefreshToken', 'AccessToken'].map((kind) => payloadOf(store, kind, target.token!)).filter(Boolean);
    const count = store.expireWhere((_kind, p) => refs.includes(p));
    const owner = refs[0];
    record(count, { tokenHash: tokenHash(target.token), grantId: owner?.grantId, family: owner?.grantId, ...who(deps, owner) }, 'token');
    return count;
  }
  if (target.grace) {
    const ended = deps.rotations.endGrace(tokenHash(target.grace));
    record(ended ? 1 : 0, { tokenHash: tokenHash(target.grace) }, 'grace');
    return ended ? 1 : 0;
  }
  const family = target.family ?? target.grantId;
  if (family) {
    const count = store.expireWhere((kind, p) => p.grantId === family || (kind === 'Grant' && p.jti === family));
    record(count, { grantId: family, family }, 'family');
    return count;
  }
  if (target.accessTokensOf) {
    // Only the access tokens: the grant and its refresh token live on, so the next call must refresh (a forced
    // refresh any server meets, black-box: the resource API now answers 401 to the token it holds).
    const owner = deps.user(target.accessTokensOf);
    const count = store.expireWhere((kind, p) => kind === 'AccessToken' && p.accountId === owner.sub);
    record(count, { sub: owner.sub, username: owner.username }, 'access');
    return count;
  }
  const user = deps.user(target.user!);
  const count = store.expireWhere((_kind, p) => p.accountId === user.sub);
  record(count, { sub: user.sub, username: user.username }, 'user');
  return count;
}

/** The stored payload object itself (not a copy), so expireWhere can pick exactly this record. */
function payloadOf(store: TokenStore, kind: string, value: string): AdapterPayload | undefined {
  const key = storageKey(kind, value);
  for (const [k, rec] of store.entries()) if (k === key) return rec.payload;
  return undefined;
}

function who(deps: ExpireDeps, payload: AdapterPayload | undefined) {
  const sub = payload?.accountId;
  if (!sub) return {};
  try {
    return { sub, username: deps.user(sub).username };
  } catch {
    return { sub };
  }
}
