/**
 * Flaws of the resource-server mode (`serve --auth bearer`): each brings back one bug class of the MCP
 * authorization spec's security best practices, with the composition point whose strategy it swaps, the `file`
 * that holds the flawed strategy, and what an observer outside the server sees. Kept apart from the custodian
 * server's switchboard (flaw-registry.ts): the two servers share no composition point.
 */
export const resourceFlawRegistry = {
  'session-not-bound-to-user': {
    seed: 'MCP security: session hijacking',
    point: 'sessionGuard',
    file: 'mcp-server/flaws/unbound-session-guard.ts',
    summary: "a request with user B's valid token is served on user A's session",
    observable: "a window presenting B's token with A's mcp-session-id gets an answer (A's data) instead of 403/404",
  },
  'no-audience-check': {
    seed: 'MCP auth: token audience binding',
    point: 'accessTokenVerifier',
    file: 'mcp-server/flaws/audience-blind-verifier.ts',
    summary: 'access tokens are checked for signature, issuer and expiry but not audience',
    observable: 'a token the authorization server issued for another resource is accepted (no 401)',
  },
  'token-passthrough': {
    seed: 'MCP security: token passthrough',
    point: 'upstreamCredential',
    file: 'mcp-server/flaws/passthrough-credential.ts',
    summary: "the client's access token is forwarded to the upstream API instead of the server's own credentials",
    observable: "the upstream API's ledger shows a call carrying a token a window holds (audience: the MCP server)",
  },
  'validation-cache-outlives-revocation': {
    seed: 'MCP auth: token validation',
    point: 'validationCache',
    file: 'mcp-server/flaws/fixed-ttl-validation-cache.ts',
    summary: "a validated token stays trusted for the cache's lifetime past its own expiry, whatever the authorization server says since",
    observable: 'a request with an access token past its exp, or revoked longer ago than the declared cache lifetime, is served instead of 401',
  },
  'data-cache-keyed-wrong': {
    seed: 'MCP security: confused deputy (data)',
    point: 'profileCacheKey',
    file: 'mcp-server/flaws/tool-keyed-profile-cache.ts',
    summary: 'upstream answers are cached by tool name, not by the subject they belong to',
    observable: "a user's get_profile answers another user's profile",
  },
} as const satisfies Record<string, { seed: string; point: string; file: string; summary: string; observable: string }>;

export type ResourceFlawName = keyof typeof resourceFlawRegistry;
export const resourceFlawNames = Object.keys(resourceFlawRegistry) as ResourceFlawName[];

export function isResourceFlawName(name: string): name is ResourceFlawName {
  return Object.hasOwn(resourceFlawRegistry, name);
}
