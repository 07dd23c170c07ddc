// Fuzz targets (issue 13 #11): the MCP endpoint, the control API, the OIDC endpoints' form bodies, and CLI option and
// scenario parsing. One definition each, run by the property tests (few inputs, in CI) and by bench/fuzz.ts (>= 10 000).
import fc from 'fast-check';
import { request } from 'undici';
import { createMcpSessionServer, ConfigError, parseServeArgs, type McpSessionServer } from '../mcp-server/index.js';
import { resolveOptions as resolveServerOptions } from '../mcp-server/options.js';
import { createOidcSim, InvalidOptionError, type OidcSim } from '../oidc-sim/index.js';
import { resolveOptions as resolveSimOptions } from '../oidc-sim/options.js';
import { intOption, numberOption, parse, runOptions } from '../scenarios/commands/parse.js';
import { parseProfile } from '../scenarios/commands/profile-option.js';
import { selectScenarios } from '../scenarios/select-scenarios.js';
import { UsageError } from '../scenarios/usage-error.js';

/** How one input ended. A `crash` is an exception nobody meant; `unclear` an error answer that says nothing. */
export type Outcome = 'ok' | 'crash' | '5xx' | 'hang' | 'unclear';

export interface Tally {
  inputs: number;
  crashes: number;
  '5xx': number;
  hangs: number;
  unclear: number;
  /** The first few bad inputs with what happened, to replay by hand. */
  examples: string[];
}

export interface FuzzTarget<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** Starts what the target needs; returns how to try one input and how to stop. */
  start(): Promise<{ run(input: T): Promise<{ outcome: Outcome; detail?: string }>; close(): Promise<void> }>;
}

/** No answer within this long is a hang (the servers' own timeouts are shorter). */
const HANG_MS = 15_000;

export const newTally = (): Tally => ({ inputs: 0, crashes: 0, '5xx': 0, hangs: 0, unclear: 0, examples: [] });

export function count(tally: Tally, input: unknown, result: { outcome: Outcome; detail?: string }): void {
  tally.inputs++;
  if (result.outcome === 'ok') return;
  if (result.outcome === 'crash') tally.crashes++;
  if (result.outcome === '5xx') tally['5xx']++;
  if (result.outcome === 'hang') tally.hangs++;
  if (result.outcome === 'unclear') tally.unclear++;
  if (tally.examples.length < 5) tally.examples.push(`${result.outcome}: ${result.detail ?? ''} <- ${fc.stringify(input).slice(0, 300)}`);
}

interface HttpInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends one request; judges status, time and whether an error answer carries a readable message. */
async function send(base: string, input: HttpInput, clear: (status: number, type: string, text: string) => boolean) {
  let res;
  try {
    res = await request(`${base}${input.path}`, {
      method: input.method as 'GET',
      headers: input.headers,
      ...(input.body !== undefined && input.method !== 'GET' ? { body: input.body } : {}),
      headersTimeout: HANG_MS,
      bodyTimeout: HANG_MS,
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return { outcome: 'hang' as const, detail: code };
    if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') return { outcome: 'ok' as const }; // refused by the client itself
    return { outcome: 'crash' as const, detail: `${code ?? ''} ${(err as Error).message}` };
  }
  const type = String(res.headers['content-type'] ?? '');
  // A stream (SSE) answers with headers at once and stays open by design: the headers are the answer.
  if (type.startsWith('text/event-stream')) {
    res.body.destroy();
    return { outcome: 'ok' as const };
  }
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { outcome: code === 'UND_ERR_BODY_TIMEOUT' ? ('hang' as const) : ('crash' as const), detail: `${res.statusCode} ${code ?? ''} ${(err as Error).message}` };
  }
  if (res.statusCode >= 500) return { outcome: '5xx' as const, detail: `${res.statusCode} ${text.slice(0, 200)}`, headers: res.headers };
  if (res.statusCode >= 400 && !clear(res.statusCode, type, text)) return { outcome: 'unclear' as const, detail: `${res.statusCode} ${type} ${text.slice(0, 200)}` };
  return { outcome: 'ok' as const, headers: res.headers };
}

const jsonMessage = (text: string, pick: (v: any) => unknown) => {
  try {
    const m = pick(JSON.parse(text));
    return typeof m === 'string' && m.length > 0;
  } catch {
    return false;
  }
};

const junk = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '%', '%ZZ', '\u0000', 'é', '🦊', '\ud800', 'null', '[]', '{}', 'a'.repeat(5000)));
const jsonValue = fc.oneof(fc.jsonValue(), junk, fc.integer(), fc.double(), fc.constant(2 ** 31), fc.constant(-1), fc.boolean());

// ---------------------------------------------------------------------------------------------------- MCP endpoint

const TOOLS = ['session_status', 'whoami', 'get_profile', 'resume', 'no_such_tool'];
const rpc = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant('2.0'), jsonValue),
    id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    method: fc.oneof(fc.constantFrom('initialize', 'tools/list', 'tools/call', 'ping', 'resources/list', 'prompts/get', 'notifications/initialized'), fc.string()),
    params: fc.oneof(
      fc.record({ name: fc.oneof(fc.constantFrom(...TOOLS), fc.string()), arguments: fc.oneof(fc.dictionary(fc.constantFrom('resume_token', 'x', '__proto__'), jsonValue), jsonValue) }),
      fc.record({ protocolVersion: fc.oneof(fc.constantFrom('2025-06-18', '2025-03-26', '1999-01-01'), fc.string()), capabilities: fc.oneof(fc.object(), jsonValue), clientInfo: fc.oneof(fc.record({ name: fc.string(), version: fc.string() }), jsonValue) }),
      jsonValue,
    ),
  },
  { requiredKeys: [] },
);

export interface McpInput {
  method: string;
  session: 'none' | 'valid' | string;
  contentType: string;
  accept: string;
  protocolHeader: boolean;
  body: string;
}

export const mcpEndpoint: FuzzTarget<McpInput> = {
  name: 'mcp-endpoint',
  arbitrary: fc.record({
    method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'DELETE', 'PUT', 'PATCH'),
    session: fc.oneof(fc.constantFrom('none', 'valid'), fc.string({ maxLength: 64 })),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', ''),
    accept: fc.constantFrom('application/json, text/event-stream', 'application/json', 'text/event-stream', '*/*', ''),
    protocolHeader: fc.boolean(),
    body: fc.oneof(rpc.map((r) => JSON.stringify(r)), fc.array(rpc, { maxLength: 3 }).map((r) => JSON.stringify(r)), fc.json(), junk),
  }),
  async start() {
    const sim = await createOidcSim({ users: ['alice'], timeScale: 1 });
    const server: McpSessionServer = await createMcpSessionServer({
      issuer: sim.issuer,
      clientId: sim.clients.confidential.clientId,
      clientSecret: sim.clients.confidential.clientSecret!,
      resourceUrl: sim.resourceUrl,
      heartbeat: { timer: false },
      sessions: { maxSessions: 100_000 },
    });
    const base = server.url.replace(/\/mcp$/, '');
    const init = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fuzz', version: '0' } } });
    const opened = await request(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: init });
    await opened.body.text();
    const valid = String(opened.headers['mcp-session-id']);
    let internal = 0;
    const off = server.events.subscribe((e) => {
      if (e.type === 'server.error') internal++;
    });
    const clear = (_s: number, _t: string, text: string) => jsonMessage(text, (v) => v?.error?.message);
    return {
      async run(input) {
        const before = internal;
        const headers: Record<string, string> = {};
        if (input.contentType) headers['content-type'] = input.contentType;
        if (input.accept) headers.accept = input.accept;
        if (input.protocolHeader) headers['mcp-protocol-version'] = '2025-06-18';
        if (input.session !== 'none') headers['mcp-session-id'] = input.session === 'valid' ? valid : input.session;
        // A DELETE of the one valid session would leave the rest of the run without one.
        const method = input.method === 'DELETE' && input.session === 'valid' ? 'GET' : input.method;
        const result = await send(base, { method, path: '/mcp', headers, body: input.body }, clear);
        const created = 'headers' in result ? result.headers?.['mcp-session-id'] : undefined;
        if (typeof created === 'string' && created !== valid) {
          // Sessions the fuzz opened are closed again, so 10 000 inputs do not hold 10 000 sessions.
          await request(server.url, { method: 'DELETE', headers: { 'mcp-session-id': created } }).then((r) => r.body.dump());
        }
        if (result.outcome === 'ok' && internal > before) return { outcome: 'crash' as const, detail: 'server.error event' };
        return { outcome: result.outcome, ...(result.detail ? { detail: result.detail } : {}) };
      },
      async close() {
        off();
        await server.close();
        await sim.close();
      },
    };
  },
};

// ----------------------------------------------------------------------------------------------------- control API

// Random paths carry no dots: /control/.. (or %2E%2E) is resolved by the URL parser to /, which is the provider's
// page, not the control API.
const CONTROL_ROUTES = [
  'GET /',
  'POST /login',
  'POST /device/approve',
  'GET /ledger',
  'POST /reset',
  'GET /faults',
  'POST /faults',
  'DELETE /faults',
  'POST /faults/clear',
  'POST /gates',
  'POST /gates/release',
  'POST /gates/release-all',
  'DELETE /gates',
  'POST /expire',
  'POST /skew',
  'POST /tamper',
  'DELETE /tamper',
];
const FIELDS = ['user', 'flow', 'client', 'user_code', 'effect', 'endpoint', 'ms', 'jitterMs', 'times', 'from', 'until', 'grantType', 'status', 'retryAfter', 'id', 'order', 'n', 'token', 'family', 'grace', 'kind', 'since', 'types'];
const fieldValue = fc.oneof(
  fc.constantFrom('alice', 'bob', 'mallory', 'code', 'device', 'public', 'confidential', 'token', 'authorization', 'refresh_token', 'latency', 'refuse', 'reset', 'outage', 'commit-then-fail', 'expired', 'unknown-key', 'ABCD-EFGH'),
  fc.array(fc.constantFrom('token', 'userinfo', 'nope'), { maxLength: 3 }),
  jsonValue,
);

export interface ControlInput {
  route: string;
  path: string;
  auth: 'token' | 'lowercase' | 'none' | 'wrong';
  query: string;
  body: string;
}

export const controlApi: FuzzTarget<ControlInput> = {
  name: 'control-api',
  arbitrary: fc.record({
    route: fc.oneof(fc.constantFrom(...CONTROL_ROUTES), fc.tuple(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'), fc.string()).map(([m, p]) => `${m} /${encodeURIComponent(p.replace(/\./g, '_'))}`)),
    path: fc.constant(''),
    auth: fc.constantFrom('token', 'token', 'token', 'lowercase', 'none', 'wrong'),
    query: fc.oneof(fc.constant(''), fc.dictionary(fc.constantFrom('since', 'types', 'x'), fc.string()).map((d) => new URLSearchParams(d).toString()), fc.constantFrom('types=a&types=b', 'since=1e400', 'since=-1', '%zz')),
    body: fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 6 }).map((d) => JSON.stringify(d)), fc.json(), junk),
  }),
  async start() {
    const sim: OidcSim = await createOidcSim({ users: ['alice', 'bob'], browserlessTimeoutSeconds: 5 });
    const clear = (_s: number, _t: string, text: string) => jsonMessage(text, (v) => v?.error_description);
    return {
      async run(input) {
        const [method, path] = input.route.split(' ') as [string, string];
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (input.auth === 'token') headers.authorization = `Bearer ${sim.controlToken}`;
        if (input.auth === 'lowercase') headers.authorization = `bearer ${sim.controlToken}`;
        if (input.auth === 'wrong') headers.authorization = 'Bearer wrong';
        const result = await send(sim.issuer, { method, path: `/control${path === '/' ? '/' : path}${input.query ? `?${input.query}` : ''}`, headers, body: input.body }, clear);
        // Each input starts from a clean simulator: a rule one input adds must not hold the next one.
        sim.reset();
        return { outcome: result.outcome, ...(result.detail ? { detail: result.detail } : {}) };
      },
      close: () => sim.close(),
    };
  },
};

// -------------------------------------------------------------------------------------- OIDC endpoints' form bodies

const FORM_KEYS = ['grant_type', 'refresh_token', 'code', 'client_id', 'client_secret', 'token', 'token_type_hint', 'device_code', 'scope', 'redirect_uri', 'code_verifier', 'resource'];
const formValue = fc.oneof(fc.constantFrom('refresh_token', 'authorization_code', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code', 'harness-confidential', 'harness-public', 'openid offline_access', 'access_token'), fc.string(), junk);

export interface FormInput {
  endpoint: string;
  auth: 'basic' | 'basic-junk' | 'none' | 'bearer';
  contentType: string;
  body: string;
}

export const formBodies: FuzzTarget<FormInput> = {
  name: 'oidc-forms',
  arbitrary: fc.record({
    endpoint: fc.constantFrom('/token', '/token', '/token/revocation', '/token/introspection', '/device/auth'),
    auth: fc.constantFrom('basic', 'basic', 'basic-junk', 'none', 'bearer'),
    contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'application/json', 'text/plain', ''),
    body: fc.oneof(
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FORM_KEYS), fc.string()), formValue), { maxLength: 8 }).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.constantFrom('%', '%ZZ=1', 'grant_type=refresh_token&grant_type=refresh_token', 'a=%E2%82', `refresh_token=${'x'.repeat(70_000)}`),
      junk,
    ),
  }),
  async start() {
    const sim = await createOidcSim({ users: ['alice'] });
    const { clientId, clientSecret } = sim.clients.confidential;
    const clear = (_s: number, _t: string, text: string) => jsonMessage(text, (v) => v?.error);
    return {
      async run(input) {
        const headers: Record<string, string> = {};
        if (input.contentType) headers['content-type'] = input.contentType;
        if (input.auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        if (input.auth === 'basic-junk') headers.authorization = `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}`;
        if (input.auth === 'bearer') headers.authorization = 'Bearer x';
        const result = await send(sim.issuer, { method: 'POST', path: input.endpoint, headers, body: input.body }, clear);
        return { outcome: result.outcome, ...(result.detail ? { detail: result.detail } : {}) };
      },
      close: () => sim.close(),
    };
  },
};

// ------------------------------------------------------------------------------------ CLI options and scenario ids

const FLAGS = ['--issuer', '--client-id', '--client-secret', '--resource-url', '--flaw', '--store', '--port', '--time-scale', '--heartbeat-interval', '--refresh-lifetime', '--latency-margin', '--failure-budget', '--no-heartbeat', '--max-sessions', '--scope', '--device-poll-interval', '--quiet', '--seed', '--repeat', '--json', '--report', '--reporter', '--concurrency', '--profile', '--server-cmd', '-h', '--', '-x'];
const argValue = fc.oneof(
  fc.constantFrom('http://127.0.0.1:1', 'harness', 'unlocked-refresh', 'memory', 'pglite:', 'postgres://x', '0', '-1', '1e9', 'NaN', 'Infinity', '0.5', 'okta', 'grace:30', 'grace:', 'max-reuse:x', 'dual-windows-same-user', 'nope'),
  fc.string(),
);

export const cliParsing: FuzzTarget<string[]> = {
  name: 'cli-parsing',
  arbitrary: fc.array(fc.oneof(fc.constantFrom(...FLAGS), argValue), { maxLength: 12 }),
  async start() {
    // Each parser either returns or throws its own user-error class, whose message is meant to be shown.
    const userError = (err: unknown) => err instanceof ConfigError || err instanceof UsageError || err instanceof InvalidOptionError;
    const attempt = (work: () => unknown): { outcome: Outcome; detail?: string } | undefined => {
      try {
        work();
        return undefined;
      } catch (err) {
        if (!userError(err)) return { outcome: 'crash', detail: `${(err as Error)?.name}: ${(err as Error)?.message}` };
        if (!(err as Error).message || /\n\s+at /.test((err as Error).message)) return { outcome: 'unclear', detail: (err as Error).message };
        return undefined;
      }
    };
    return {
      async run(argv) {
        const failures = [
          attempt(() => resolveServerOptions(parseServeArgs(argv))),
          attempt(() => {
            const { values, positionals } = parse(argv, { ...runOptions, 'server-cmd': { type: 'string' }, profile: { type: 'string' } }, true);
            selectScenarios(positionals);
            intOption(values.seed, 'seed');
            intOption(values.repeat, 'repeat', 1);
            intOption(values.concurrency, 'concurrency', 1);
            parseProfile(values.profile);
          }),
          attempt(() => {
            const [first, second] = argv;
            resolveSimOptions({ timeScale: numberOption(first?.replace(/^--?/, '') || undefined, 'time-scale'), users: second ? second.split(',') : undefined });
          }),
        ].filter(Boolean);
        return failures[0] ?? { outcome: 'ok' };
      },
      async close() {},
    };
  },
};

export const fuzzTargets = [mcpEndpoint, controlApi, formBodies, cliParsing] as FuzzTarget<any>[];

/** Runs `runs` inputs of one target from `seed`; every input is tallied, none stops the run. */
export async function fuzz<T>(target: FuzzTarget<T>, runs: number, seed = 1): Promise<Tally> {
  const tally = newTally();
  const runner = await target.start();
  try {
    await fc.assert(
      fc.asyncProperty(target.arbitrary, async (input) => {
        count(tally, input, await runner.run(input));
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  } finally {
    await runner.close();
  }
  return tally;
}
