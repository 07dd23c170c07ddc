import { resourceServerDefaults } from '../defaults.js';
import { InvalidAccessTokenError, type AccessTokenVerifier } from './access-token-verifier.js';

export interface IntrospectionInput {
  /** RFC 7662 endpoint of the authorization server. */
  url: string;
  /** The server's own (confidential) client: a resource server authenticates to introspect. */
  clientId: string;
  clientSecret: string;
  issuer: string;
  /** This MCP server's resource identifier; undefined: the audience is not checked (flaw no-audience-check). */
  audience: string | undefined;
  now?: () => number;
}

/** Why introspection gave no answer to judge by: the request is answered 503, never as valid or invalid. */
export class IntrospectionUnavailableError extends Error {
  override name = 'IntrospectionUnavailableError';
}

/**
 * An opaque access token is valid only while the authorization server says so (RFC 7662): active, issued by it,
 * not expired, for this resource. Asking is what lets a server see a revocation; how long an answer is trusted
 * is the validation cache's business (validation-cache.ts).
 */
export function introspectionVerifier({ url, clientId, clientSecret, issuer, audience, now = Date.now }: IntrospectionInput): AccessTokenVerifier {
  const authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  return async (token) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      signal: AbortSignal.timeout(resourceServerDefaults.requestTimeoutSeconds * 1000),
    }).catch((err: Error) => {
      throw new IntrospectionUnavailableError(`POST ${url} failed: ${err.message}`, { cause: err });
    });
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!res.ok || !body) throw new IntrospectionUnavailableError(`POST ${url}: HTTP ${res.status} ${String(body?.error ?? '')}`.trim());
    if (body.active !== true) throw new InvalidAccessTokenError('the access token is not active (revoked, expired or unknown to the authorization server)');
    if (body.iss !== undefined && body.iss !== issuer) throw new InvalidAccessTokenError(`the access token's iss claim is not accepted here (issued by ${String(body.iss)})`);
    if (typeof body.sub !== 'string' || typeof body.exp !== 'number') throw new InvalidAccessTokenError('the access token has no sub or exp');
    if (body.exp * 1000 <= now()) throw new InvalidAccessTokenError('the access token has expired');
    const aud = [body.aud ?? []].flat().map(String);
    if (audience !== undefined && !aud.includes(audience)) throw new InvalidAccessTokenError(`the access token's aud claim is not accepted here (issued for ${aud.join(', ') || 'no audience'})`);
    return {
      sub: body.sub,
      exp: body.exp,
      ...(typeof body.client_id === 'string' ? { clientId: body.client_id } : {}),
      audience: aud,
      scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [],
    };
  };
}
