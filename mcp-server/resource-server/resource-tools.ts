import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { resourceServerDefaults } from '../defaults.js';
import type { ProfileCache, ProfileCacheKey } from './profile-cache.js';
import type { UpstreamCredential } from './service-credential.js';

export interface ResourceToolDeps {
  apiUrl: string;
  /** The subject the session was created for (what the session serves). */
  subjectOf(sessionId: string | undefined): string | undefined;
  upstreamCredential: UpstreamCredential;
  profileCache: ProfileCache;
  profileCacheKey: ProfileCacheKey;
}

const json = (value: unknown, isError = false) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value) }], ...(isError ? { isError: true } : {}) });

/** One McpServer per session (the SDK needs it): `whoami` from the token, `get_profile` from the upstream API. */
export function createResourceToolServer(deps: ResourceToolDeps): McpServer {
  const server = new McpServer({ name: 'oidc-harness-resource-server', version: '1.0.0' });
  server.registerTool('whoami', { description: "The subject of the session's access token" }, async (extra) => {
    const sub = deps.subjectOf(extra.sessionId);
    if (!sub) return json({ error: 'not_authenticated', message: 'no user behind this session' }, true);
    return json({ sub, client_id: extra.authInfo?.clientId, scopes: extra.authInfo?.scopes ?? [] });
  });
  server.registerTool('get_profile', { description: "The upstream API's profile of the session's user" }, async (extra) => {
    const sub = deps.subjectOf(extra.sessionId);
    if (!sub) return json({ error: 'not_authenticated', message: 'no user behind this session' }, true);
    const key = deps.profileCacheKey(sub, 'get_profile');
    const cached = deps.profileCache.get(key);
    if (cached) return json(cached);
    let credential: string;
    try {
      credential = await deps.upstreamCredential(extra.authInfo?.token ?? '');
    } catch (err) {
      return json({ error: 'upstream_unavailable', message: (err as Error).message }, true);
    }
    const url = `${deps.apiUrl}/${encodeURIComponent(sub)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${credential}` }, signal: AbortSignal.timeout(resourceServerDefaults.requestTimeoutSeconds * 1000) }).catch((err: Error) => err);
    if (res instanceof Error) return json({ error: 'upstream_unavailable', message: `GET ${url}: ${res.message}` }, true);
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) return json({ error: 'upstream_error', message: `GET ${url}: HTTP ${res.status} ${String(body.error ?? '')}`.trim() }, true);
    deps.profileCache.set(key, body);
    return json(body);
  });
  return server;
}
