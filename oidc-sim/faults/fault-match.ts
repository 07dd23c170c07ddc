import { z } from 'zod';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import type { RequestFacts } from './request-facts.js';
import { tokenHash } from '../token-hash.js';

/** Milliseconds from now, or an ISO date-time for an absolute instant. */
const instant = z.union([z.number().min(0, 'must be 0 or more milliseconds from now'), z.iso.datetime()]);
const name = z.string().min(1);

/** What a fault rule or a gate matches, and when it applies. */
export const matchShape = {
  /** Names a rule, so a ledger event or a DELETE can refer to it; generated when absent. */
  id: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, . _ - (at most 64)').optional(),
  endpoint: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(z.enum(ENDPOINTS, { error: `unknown endpoint (one of ${ENDPOINTS.join(', ')})` })).min(1, 'name at least one endpoint'),
  ),
  grantType: name.optional(),
  clientId: name.optional(),
  /** Username or sub of the token's owner (for a refresh: whoever the presented refresh token belongs to). */
  user: name.optional(),
  /** Lineage: the tokenHash (as in the ledger) of the refresh token presented. */
  refreshToken: name.optional(),
  /** Lineage: the grant id (ledger `family`) the presented token belongs to. */
  family: name.optional(),
  from: instant.optional(),
  until: instant.optional(),
  /** Apply to the next N matching requests only. */
  times: z.number().int().positive().optional(),
};
export const matchSchema = z.strictObject(matchShape);
export type MatchInput = z.input<typeof matchSchema>;
type MatchFields = z.output<typeof matchSchema>;

/** A rule's match, with its window resolved to absolute epoch milliseconds at the moment it was added. */
export interface Matcher {
  endpoints: Set<Endpoint>;
  fields: MatchFields;
  fromAt: number;
  untilAt: number;
  remaining: number;
}

export function toMatcher(fields: MatchFields, now = Date.now()): Matcher {
  const at = (v: number | string | undefined, dflt: number) => (v === undefined ? dflt : typeof v === 'number' ? now + v : Date.parse(v));
  return {
    endpoints: new Set(fields.endpoint),
    fields,
    fromAt: at(fields.from, -Infinity),
    untilAt: at(fields.until, Infinity),
    remaining: fields.times ?? Infinity,
  };
}

/** Cheap checks first (endpoint, window); token lookups only when a rule asks about the owner or lineage. */
export async function matches(m: Matcher, facts: RequestFacts, now = Date.now()): Promise<boolean> {
  if (m.remaining <= 0 || !m.endpoints.has(facts.endpoint) || now < m.fromAt || now >= m.untilAt) return false;
  const f = m.fields;
  if (f.grantType && (await facts.grantType()) !== f.grantType) return false;
  if (f.clientId && (await facts.clientId()) !== f.clientId) return false;
  if (f.refreshToken) {
    const rt = await facts.refreshToken();
    if (!rt || tokenHash(rt) !== f.refreshToken) return false;
  }
  if (f.user || f.family) {
    const owner = await facts.owner();
    if (f.user && owner.sub !== f.user && owner.username !== f.user) return false;
    if (f.family && owner.grantId !== f.family) return false;
  }
  return true;
}

/** True when the window has closed for good (the rule can be forgotten). */
export function spent(m: Matcher, now = Date.now()): boolean {
  return m.remaining <= 0 || now >= m.untilAt;
}
