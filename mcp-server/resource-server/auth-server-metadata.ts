import { resourceServerDefaults } from '../defaults.js';

export interface AuthServerMetadata {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  introspection_endpoint?: string;
}

/** RFC 8414 metadata of the authorization server (OpenID discovery as the fallback), fetched once. */
export async function fetchAuthServerMetadata(issuer: string): Promise<AuthServerMetadata> {
  const errors: string[] = [];
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    const url = `${issuer}${path}`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(resourceServerDefaults.requestTimeoutSeconds * 1000) });
      if (!res.ok) {
        errors.push(`${url}: HTTP ${res.status}`);
        await res.body?.cancel();
        continue;
      }
      const body = (await res.json()) as Partial<AuthServerMetadata>;
      if (typeof body.token_endpoint !== 'string' || typeof body.jwks_uri !== 'string') {
        errors.push(`${url}: no token_endpoint or jwks_uri`);
        continue;
      }
      return { issuer: String(body.issuer ?? issuer), token_endpoint: body.token_endpoint, jwks_uri: body.jwks_uri, ...(typeof body.introspection_endpoint === 'string' ? { introspection_endpoint: body.introspection_endpoint } : {}) };
    } catch (err) {
      errors.push(`${url}: ${(err as Error).message}`);
    }
  }
  throw new Error(`authorization server metadata of ${issuer} not found (${errors.join('; ')})`);
}
