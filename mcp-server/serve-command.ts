import { parseArgs } from 'node:util';
import { ConfigError } from './config-error.js';
import { serverDefaults } from './defaults.js';
import { flawNames, flawRegistry } from './flaws/flaw-registry.js';
import { createMcpSessionServer } from './mcp-session-server.js';
import type { McpSessionServerOptions } from './options.js';

export interface ServeIo {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Stops the server when aborted; without it, SIGINT or SIGTERM does. */
  signal?: AbortSignal;
  /** Called once the server listens (tests and wrappers). */
  onListening?: (url: string) => void;
}

const hb = serverDefaults.heartbeat;
export const serveUsage = `usage: oidc-harness serve --issuer URL --client-id ID [--client-secret SECRET] --resource-url URL [options]

  --flaw NAME                 switch a flaw on (repeatable); --list-flaws shows them
  --store SPEC                memory (default) | postgres://USER:PASS@HOST:PORT/DB | pglite:DIR; a persistent
                              store needs $${serverDefaults.masterKeyEnv} (the same on every replica)
  --port N                    port on 127.0.0.1 (default ${serverDefaults.port}: a free one)
  --time-scale F              multiply every duration (default ${serverDefaults.timeScale})
  --heartbeat-interval S      seconds between heartbeat cycles (default ${hb.intervalSeconds})
  --refresh-lifetime S        refresh-token lifetime at the provider (default ${hb.refreshTokenLifetimeSeconds})
  --latency-margin S          head room before refresh-token expiry (default ${hb.latencyMarginSeconds})
  --failure-budget N          consecutive failed refreshes before needs_reauth (default ${hb.failureBudget})
  --no-heartbeat              do not start the heartbeat timer
  --max-sessions N            sessions held at once; one more initialize gets 503 (default ${serverDefaults.sessions.maxSessions})
  --scope SCOPES              login scopes (default "${serverDefaults.scope}")
  --device-poll-interval S    device-flow polling interval (default: the provider's, else 5)
  --quiet                     no event log on stderr
  --auth bearer               an OAuth resource server (MCP authorization spec) instead: serve --auth bearer --help
`;

const number = (flag: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ConfigError(flag, `expected a number, got '${value}'`);
  return n;
};

/** Turns command-line arguments into server options; throws ConfigError naming the flag to fix. */
export function parseServeArgs(argv: string[]): McpSessionServerOptions & { quiet: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'resource-url': { type: 'string' },
        flaw: { type: 'string', multiple: true },
        store: { type: 'string' },
        port: { type: 'string' },
        'time-scale': { type: 'string' },
        'heartbeat-interval': { type: 'string' },
        'refresh-lifetime': { type: 'string' },
        'latency-margin': { type: 'string' },
        'failure-budget': { type: 'string' },
        'no-heartbeat': { type: 'boolean' },
        'max-sessions': { type: 'string' },
        scope: { type: 'string' },
        'device-poll-interval': { type: 'string' },
        quiet: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new ConfigError('arguments', (err as Error).message);
  }
  for (const required of ['issuer', 'client-id', 'resource-url'] as const) {
    if (!values[required]) throw new ConfigError(`--${required}`, 'is required');
  }
  const heartbeat = {
    timer: !values['no-heartbeat'],
    intervalSeconds: number('--heartbeat-interval', values['heartbeat-interval']),
    refreshTokenLifetimeSeconds: number('--refresh-lifetime', values['refresh-lifetime']),
    latencyMarginSeconds: number('--latency-margin', values['latency-margin']),
    failureBudget: number('--failure-budget', values['failure-budget']),
  };
  return {
    issuer: values.issuer!,
    clientId: values['client-id']!,
    ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
    resourceUrl: values['resource-url']!,
    flaws: values.flaw ?? [],
    ...(values.store ? { store: values.store } : {}),
    port: number('--port', values.port) ?? serverDefaults.port,
    timeScale: number('--time-scale', values['time-scale']) ?? serverDefaults.timeScale,
    heartbeat: Object.fromEntries(Object.entries(heartbeat).filter(([, v]) => v !== undefined)),
    ...(values.scope ? { scope: values.scope } : {}),
    ...(values['max-sessions'] ? { sessions: { maxSessions: number('--max-sessions', values['max-sessions'])! } } : {}),
    ...(values['device-poll-interval'] ? { devicePollIntervalSeconds: number('--device-poll-interval', values['device-poll-interval'])! } : {}),
    quiet: values.quiet ?? false,
  };
}

/**
 * `oidc-harness serve`: runs the reference server until SIGINT/SIGTERM (or `io.signal`). Returns the exit code:
 * 0 after a clean stop, 2 for bad arguments or options (message only, no stack).
 */
export async function runServeCommand(argv: string[], io: ServeIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const auth = argv.indexOf('--auth');
  if (auth >= 0 || argv.some((a) => a.startsWith('--auth='))) {
    const mode = auth >= 0 ? argv[auth + 1] : argv.find((a) => a.startsWith('--auth='))!.slice('--auth='.length);
    if (mode !== 'bearer') {
      stderr.write(`oidc-harness serve: --auth: expected 'bearer' (an OAuth resource server), got '${mode ?? ''}'\n`);
      return 2;
    }
    return (await import('./resource-server/serve-bearer.js')).runServeBearerCommand(argv, io, waitForStop);
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    stdout.write(serveUsage);
    return 0;
  }
  if (argv.includes('--list-flaws')) {
    for (const name of flawNames) stdout.write(`${name.padEnd(24)} seed ${flawRegistry[name].seed.padEnd(8)} ${flawRegistry[name].summary}\n`);
    return 0;
  }
  let server;
  try {
    const { quiet, ...options } = parseServeArgs(argv);
    server = await createMcpSessionServer({ ...options, ...(quiet ? {} : { log: (line: string) => stderr.write(`${line}\n`) }) });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    stderr.write(`oidc-harness serve: ${err.message}\n${err.field === 'arguments' || err.field.startsWith('--') ? `\n${serveUsage}` : ''}`);
    return 2;
  }
  stdout.write(`oidc-harness serve: listening on ${server.url}${server.flaws.length ? ` with flaws ${server.flaws.join(', ')}` : ''}\n`);
  io.onListening?.(server.url);
  await waitForStop(io.signal);
  await server.close();
  return 0;
}

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  if (signal) return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
