import { parseArgs } from 'node:util';
import { ConfigError } from '../config-error.js';
import { resourceServerDefaults } from '../defaults.js';
import { resourceFlawNames, resourceFlawRegistry } from '../flaws/resource-flaw-registry.js';
import type { ServeIo } from '../serve-command.js';
import { createResourceMcpServer } from './resource-mcp-server.js';
import type { ResourceServerOptions } from './resource-server-options.js';

export const serveBearerUsage = `usage: oidc-harness serve --auth bearer --issuer URL --api-url URL --service-client-id ID --service-client-secret SECRET [options]

An MCP server built to the MCP authorization spec (an OAuth resource server): clients bring their own tokens.

  --issuer URL                the authorization server (RFC 8414 metadata, JWKS, token endpoint)
  --api-url URL               the upstream API: GET <api-url>/<sub> with the server's own token
  --service-client-id ID      the server's own client (client credentials) for upstream calls
  --service-client-secret S
  --resource URL              the resource identifier tokens must name (default http://127.0.0.1:PORT${resourceServerDefaults.mcpPath})
  --jwks-uri URL              verify tokens with this JWKS (default: the metadata's jwks_uri)
  --introspection-url URL     introspect opaque tokens here with the service client (default: the metadata's
                              introspection_endpoint); revocation is then honoured within --validation-cache
  --port N                    port on 127.0.0.1 (default 0: a free one)
  --validation-cache S        seconds a validated token is trusted without asking again, never past its exp
                              (default ${resourceServerDefaults.validationCacheSeconds}): for opaque tokens, how late a revocation is seen
  --profile-cache S           seconds an upstream answer is reused for the same subject (default ${resourceServerDefaults.profileCacheSeconds})
  --flaw NAME                 switch a flaw on (repeatable); --list-flaws shows them
  --quiet                     no log on stderr
`;

const seconds = (flag: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(flag, `expected seconds >= 0, got '${value}'`);
  return n;
};

export function parseServeBearerArgs(argv: string[]): ResourceServerOptions & { quiet: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        auth: { type: 'string' },
        issuer: { type: 'string' },
        'api-url': { type: 'string' },
        'service-client-id': { type: 'string' },
        'service-client-secret': { type: 'string' },
        resource: { type: 'string' },
        'jwks-uri': { type: 'string' },
        'introspection-url': { type: 'string' },
        port: { type: 'string' },
        'validation-cache': { type: 'string' },
        'profile-cache': { type: 'string' },
        flaw: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new ConfigError('arguments', (err as Error).message);
  }
  for (const required of ['issuer', 'api-url', 'service-client-id', 'service-client-secret'] as const) {
    if (!values[required]) throw new ConfigError(`--${required}`, 'is required');
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('--port', `expected a port number, got '${values.port}'`);
  const validationCacheSeconds = seconds('--validation-cache', values['validation-cache']);
  const profileCacheSeconds = seconds('--profile-cache', values['profile-cache']);
  return {
    issuer: values.issuer!,
    apiUrl: values['api-url']!,
    serviceClientId: values['service-client-id']!,
    serviceClientSecret: values['service-client-secret']!,
    ...(values.resource ? { resource: values.resource } : {}),
    ...(values['jwks-uri'] ? { jwksUri: values['jwks-uri'] } : {}),
    ...(values['introspection-url'] ? { introspectionUrl: values['introspection-url'] } : {}),
    port,
    ...(validationCacheSeconds !== undefined ? { validationCacheSeconds } : {}),
    ...(profileCacheSeconds !== undefined ? { profileCacheSeconds } : {}),
    flaws: values.flaw ?? [],
    quiet: values.quiet ?? false,
  };
}

/** `oidc-harness serve --auth bearer`: the reference resource server until SIGINT/SIGTERM (or `io.signal`). */
export async function runServeBearerCommand(argv: string[], io: ServeIo, waitForStop: (signal?: AbortSignal) => Promise<void>): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  if (argv.includes('--help') || argv.includes('-h')) {
    stdout.write(serveBearerUsage);
    return 0;
  }
  if (argv.includes('--list-flaws')) {
    for (const name of resourceFlawNames) stdout.write(`${name.padEnd(38)} ${resourceFlawRegistry[name].summary}\n`);
    return 0;
  }
  let server;
  try {
    const { quiet, ...options } = parseServeBearerArgs(argv);
    server = await createResourceMcpServer({ ...options, ...(quiet ? {} : { log: (line: string) => stderr.write(`${line}\n`) }) });
  } catch (err) {
    if (!(err instanceof ConfigError)) {
      stderr.write(`oidc-harness serve --auth bearer: ${(err as Error).message}\n`);
      return 2;
    }
    stderr.write(`oidc-harness serve: ${err.message}\n${err.field === 'arguments' || err.field.startsWith('--') ? `\n${serveBearerUsage}` : ''}`);
    return 2;
  }
  stdout.write(`MCP_ENDPOINT=${server.url}\n`);
  stdout.write(`oidc-harness serve --auth bearer: listening on ${server.url} (resource ${server.resource})${server.flaws.size ? ` with flaws ${[...server.flaws].join(', ')}` : ''}\n`);
  io.onListening?.(server.url);
  await waitForStop(io.signal);
  await server.close();
  return 0;
}
