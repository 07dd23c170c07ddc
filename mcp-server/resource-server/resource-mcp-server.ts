import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { resourceServerDefaults, serverDefaults, serverKeepAlive } from '../defaults.js';
import { composeResourceStrategies } from '../flaws/compose-resource-strategies.js';
import type { ResourceFlawName } from '../flaws/resource-flaw-registry.js';
import { listen } from '../support/listen.js';
import { InvalidAccessTokenError, type AccessClaims } from './access-token-verifier.js';
import { fetchAuthServerMetadata } from './auth-server-metadata.js';
import { createProfileCache } from './profile-cache.js';
import { protectedResourceMetadata, protectedResourceMetadataUrl, wwwAuthenticate } from './protected-resource-metadata.js';
import { resolveResourceServerOptions, type ResourceServerOptions } from './resource-server-options.js';
import { createResourceToolServer } from './resource-tools.js';

export interface ResourceMcpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:PORT/mcp. */
  readonly url: string;
  /** The resource identifier its tokens must be issued for. */
  readonly resource: string;
  /** RFC 9728 metadata URL. */
  readonly metadataUrl: string;
  readonly flaws: ReadonlySet<ResourceFlawName>;
  close(): Promise<void>;
}

interface BoundSession {
  transport: StreamableHTTPServerTransport;
  /** The subject of the token that created the session: the only user it serves. */
  sub: string;
}

/** Seed 004: session ids from a CSPRNG. */
const newSessionId = () => randomBytes(24).toString('base64url');

/**
 * An MCP server built to the MCP authorization spec: an OAuth 2.1 resource server. Clients discover its
 * authorization server through protected-resource metadata, hold their own tokens and send a Bearer token on
 * every request; the server validates it (JWT against the JWKS, audience = this resource), binds each session to
 * the token's subject, and calls its upstream API with its own credentials.
 */
export async function createResourceMcpServer(options: ResourceServerOptions): Promise<ResourceMcpServer> {
  const config = resolveResourceServerOptions(options);
  const log = config.log ?? (() => undefined);
  const metadata = await fetchAuthServerMetadata(config.issuer);
  const http = createServer();
  http.keepAliveTimeout = serverKeepAlive.serverIdleMs;
  const port = await listen(http, '127.0.0.1', config.port);
  const origin = `http://127.0.0.1:${port}`;
  const resource = config.resource ?? `${origin}${resourceServerDefaults.mcpPath}`;
  const mcpPath = new URL(resource).pathname;
  const metadataUrl = protectedResourceMetadataUrl(resource);
  let strategies;
  try {
    strategies = composeResourceStrategies(config.flaws, {
      verifier: { issuer: metadata.issuer, jwksUri: config.jwksUri ?? metadata.jwks_uri, resource, ...introspectionOf(config.introspectionUrl ?? metadata.introspection_endpoint, config) },
      service: { tokenEndpoint: metadata.token_endpoint, clientId: config.serviceClientId, clientSecret: config.serviceClientSecret, apiUrl: config.apiUrl },
      validationCacheSeconds: config.validationCacheSeconds,
    });
  } catch (err) {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    throw err;
  }
  const { sessionGuard, accessTokenVerifier, validationCache } = strategies;
  const sessions = new Map<string, BoundSession>();
  const profileCache = createProfileCache(config.profileCacheSeconds);
  const toolDeps = {
    apiUrl: config.apiUrl,
    subjectOf: (id: string | undefined) => (id ? sessions.get(id)?.sub : undefined),
    upstreamCredential: strategies.upstreamCredential,
    profileCache,
    profileCacheKey: strategies.profileCacheKey,
  };

  const unauthorized = (res: ServerResponse, error?: { code: string; description: string }) => {
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': wwwAuthenticate(metadataUrl, error), 'cache-control': 'no-store' });
    res.end(JSON.stringify(error ? { error: error.code, error_description: error.description } : { error: 'unauthorized', error_description: 'a Bearer access token is required' }));
  };
  const rpcError = (res: ServerResponse, status: number, code: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
  };

  const handleMcp = async (req: IncomingMessage, res: ServerResponse) => {
    const token = /^Bearer ([\x21-\x7e]+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return unauthorized(res);
    let claims: AccessClaims;
    try {
      claims = await validationCache.validate(token, accessTokenVerifier);
    } catch (err) {
      if (err instanceof InvalidAccessTokenError) return unauthorized(res, { code: 'invalid_token', description: err.message });
      log(`token validation failed: ${(err as Error).message}`);
      return rpcError(res, 503, -32000, 'the authorization server could not be reached to validate the token');
    }
    const auth: AuthInfo = { token, clientId: claims.clientId ?? '', scopes: claims.scopes, expiresAt: claims.exp, resource: new URL(resource), extra: { sub: claims.sub } };
    (req as IncomingMessage & { auth?: AuthInfo }).auth = auth;
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    if (body instanceof Error) return rpcError(res, 400, -32700, `parse error: ${body.message}`);
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session) return rpcError(res, 404, -32001, 'session not found');
      if (!sessionGuard(session.sub, claims.sub)) return rpcError(res, 403, -32003, 'this session belongs to another user');
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) return rpcError(res, 400, -32000, 'no mcp-session-id: only an initialize request may open a session');
    const server = createResourceToolServer(toolDeps);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: newSessionId,
      enableJsonResponse: true,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, sub: claims.sub });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId && sessions.get(transport.sessionId)?.transport === transport) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    const work = path.startsWith('/.well-known/oauth-protected-resource')
      ? Promise.resolve(sendJson(res, 200, protectedResourceMetadata(resource, metadata.issuer)))
      : path === mcpPath
        ? handleMcp(req, res)
        : Promise.resolve(sendJson(res, 404, { error: 'not_found' }));
    work.catch((err: Error) => {
      log(`request failed: ${err.message}`);
      if (!res.headersSent) rpcError(res, 500, -32603, 'internal error');
      else res.end();
    });
  });
  log(`resource server listening at ${origin}${mcpPath} (resource ${resource}, authorization server ${metadata.issuer})`);

  return {
    url: `${origin}${mcpPath}`,
    resource,
    metadataUrl,
    flaws: strategies.flaws,
    async close() {
      await Promise.all([...sessions.values()].map((s) => s.transport.close().catch(() => undefined)));
      sessions.clear();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** Opaque tokens are introspected with the server's own client (RFC 7662: a resource server authenticates). */
function introspectionOf(url: string | undefined, config: { serviceClientId: string; serviceClientSecret: string }) {
  return url ? { introspection: { url, clientId: config.serviceClientId, clientSecret: config.serviceClientSecret } } : {};
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > serverDefaults.maxBodyBytes) return new Error(`body larger than ${serverDefaults.maxBodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    return err as Error;
  }
}
