import { ConfigError } from '../config-error.js';
import { resourceServerDefaults } from '../defaults.js';

/** `serve --auth bearer`: an OAuth 2.1 resource server (MCP authorization spec) in front of one upstream API. */
export interface ResourceServerOptions {
  /** The authorization server its clients log in at (RFC 8414 metadata, JWKS, token endpoint). */
  issuer: string;
  /** The JWKS to verify access tokens with; default: the authorization server metadata's `jwks_uri`. */
  jwksUri?: string;
  /** RFC 7662 introspection for opaque access tokens, with the service client; default: the metadata's `introspection_endpoint`. */
  introspectionUrl?: string;
  /** Base URL of the upstream API: `GET <apiUrl>/<sub>` answers that user's profile for the server's own token. */
  apiUrl: string;
  /** The server's own client (client credentials) for upstream calls: never the client's token. */
  serviceClientId: string;
  serviceClientSecret: string;
  /** The resource identifier its tokens must be issued for; default `http://127.0.0.1:<port>/mcp`. */
  resource?: string;
  port?: number;
  flaws?: string[];
  validationCacheSeconds?: number;
  profileCacheSeconds?: number;
  log?: (line: string) => void;
}

export type ResourceServerConfig = Required<Omit<ResourceServerOptions, 'jwksUri' | 'introspectionUrl' | 'resource' | 'log'>> & Pick<ResourceServerOptions, 'jwksUri' | 'introspectionUrl' | 'resource' | 'log'>;

export function resolveResourceServerOptions(o: ResourceServerOptions): ResourceServerConfig {
  for (const key of ['issuer', 'apiUrl'] as const) {
    if (!URL.canParse(o[key] ?? '')) throw new ConfigError(key, `expected an http(s) URL, got '${o[key] ?? ''}'`);
  }
  if (o.jwksUri !== undefined && !URL.canParse(o.jwksUri)) throw new ConfigError('jwksUri', `expected an http(s) URL, got '${o.jwksUri}'`);
  if (o.introspectionUrl !== undefined && !URL.canParse(o.introspectionUrl)) throw new ConfigError('introspectionUrl', `expected an http(s) URL, got '${o.introspectionUrl}'`);
  if (o.resource !== undefined && !URL.canParse(o.resource)) throw new ConfigError('resource', `expected an http(s) URL, got '${o.resource}'`);
  if (!o.serviceClientId) throw new ConfigError('serviceClientId', 'is required (the server calls its upstream API with its own credentials)');
  if (!o.serviceClientSecret) throw new ConfigError('serviceClientSecret', 'is required');
  for (const key of ['validationCacheSeconds', 'profileCacheSeconds'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new ConfigError(key, `expected seconds >= 0, got ${v}`);
  }
  return {
    issuer: o.issuer.replace(/\/+$/, ''),
    apiUrl: o.apiUrl.replace(/\/+$/, ''),
    serviceClientId: o.serviceClientId,
    serviceClientSecret: o.serviceClientSecret,
    port: o.port ?? 0,
    flaws: o.flaws ?? [],
    validationCacheSeconds: o.validationCacheSeconds ?? resourceServerDefaults.validationCacheSeconds,
    profileCacheSeconds: o.profileCacheSeconds ?? resourceServerDefaults.profileCacheSeconds,
    ...(o.jwksUri ? { jwksUri: o.jwksUri } : {}),
    ...(o.introspectionUrl ? { introspectionUrl: o.introspectionUrl } : {}),
    ...(o.resource ? { resource: o.resource } : {}),
    ...(o.log ? { log: o.log } : {}),
  };
}
