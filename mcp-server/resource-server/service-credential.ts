import { resourceServerDefaults } from '../defaults.js';

/** The bearer credential an upstream call is made with, given the client's own token (which must not be it). */
export type UpstreamCredential = (clientToken: string) => Promise<string>;

export interface ServiceCredentialInput {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  /** The upstream API, as the resource indicator (RFC 8707) of the service token. */
  apiUrl: string;
  now?: () => number;
}

/** Why the server's own credentials could not be had: the tool answers `upstream_unavailable`. */
export class ServiceTokenError extends Error {
  override name = 'ServiceTokenError';
}

/**
 * MCP security best practices, "token passthrough": the server calls its upstream API with its own token
 * (client credentials for the API's resource indicator), fetched once and shared until shortly before it
 * expires; concurrent callers share one request. The client's token is ignored here on purpose.
 */
export function createServiceCredential({ tokenEndpoint, clientId, clientSecret, apiUrl, now = Date.now }: ServiceCredentialInput): UpstreamCredential {
  let current: { token: string; until: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: apiUrl, scope: resourceServerDefaults.serviceScope }).toString(),
      signal: AbortSignal.timeout(resourceServerDefaults.requestTimeoutSeconds * 1000),
    }).catch((err: Error) => {
      throw new ServiceTokenError(`client credentials at ${tokenEndpoint} failed: ${err.message}`, { cause: err });
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!res.ok || typeof body.access_token !== 'string') {
      throw new ServiceTokenError(`client credentials at ${tokenEndpoint}: HTTP ${res.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim());
    }
    const lifetime = Math.max(0, (body.expires_in ?? 60) - resourceServerDefaults.serviceTokenMarginSeconds);
    current = { token: body.access_token, until: now() + lifetime * 1000 };
    return body.access_token;
  };
  return async () => {
    if (current && current.until > now()) return current.token;
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
