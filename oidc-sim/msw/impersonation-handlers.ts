import { http, HttpResponse, passthrough, type HttpHandler } from 'msw';
import { fetch } from 'undici';
import { InvalidOptionError } from '../errors.js';
import { isControlPath } from '../issuer-path.js';
import type { OidcSim } from '../sim.js';

// Hop-by-hop headers, and the ones the forwarder sets itself.
const DROP_REQUEST = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded']);
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding']);

/**
 * msw handlers (for `setupServer` from `msw/node`) that stand a running simulator in for the real provider it
 * impersonates (`createOidcSim({ impersonate })`): every request to that provider's origin is forwarded over real
 * HTTP to the simulator on loopback, as a reverse proxy would (X-Forwarded-Host/-Proto), so discovery, `iss` and
 * every endpoint URL name the real provider while the simulator's fault layer, gates and ledger see each request.
 * Requests straight to the simulator's loopback URL pass through; with `onUnhandledRequest: 'error'` nothing
 * else leaves the process. `issuer`, when given, must be the one the simulator presents.
 */
export function impersonationHandlers(sim: OidcSim, issuer: string = sim.presentedIssuer): HttpHandler[] {
  if (sim.presentedIssuer === sim.issuer) {
    throw new InvalidOptionError('impersonate', `the simulator presents its own loopback issuer ${sim.issuer}; start it with createOidcSim({ impersonate: '<real issuer URL>' }) or use impersonate()`);
  }
  if (issuer !== sim.presentedIssuer) {
    throw new InvalidOptionError('issuer', `the simulator presents ${sim.presentedIssuer}, not ${issuer}; start one with createOidcSim({ impersonate: '${issuer}' })`);
  }
  const presented = new URL(sim.presentedIssuer);
  return [
    http.all(underOrigin(presented.origin), async ({ request }) => {
      const url = new URL(request.url);
      if (isControlPath(sim.presentedIssuer, url.pathname)) {
        return HttpResponse.json({ error: 'not_found', error_description: `no route ${url.pathname}` }, { status: 404 });
      }
      return forward(request, url, sim.issuer);
    }),
    http.all(underOrigin(new URL(sim.issuer).origin), () => passthrough()),
  ];
}

async function forward(request: Request, url: URL, simOrigin: string): Promise<Response> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (!DROP_REQUEST.has(name)) headers[name] = value;
  });
  headers['x-forwarded-host'] = url.host;
  headers['x-forwarded-proto'] = url.protocol.slice(0, -1);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let answer: Awaited<ReturnType<typeof fetch>>;
  try {
    answer = await fetch(new URL(`${url.pathname}${url.search}`, simOrigin), {
      method: request.method,
      headers,
      body: hasBody ? Buffer.from(await request.arrayBuffer()) : undefined,
      // Redirects belong to the code under test, which follows them back through these handlers.
      redirect: 'manual',
      signal: request.signal,
    });
  } catch {
    // A reset, refused or aborted connection at the simulator (its `reset` fault, say) is a network error to
    // the caller, as it would be against the real provider.
    return HttpResponse.error();
  }
  const out = new Headers();
  answer.headers.forEach((value, name) => {
    if (!DROP_RESPONSE.has(name) && name !== 'set-cookie') out.set(name, value);
  });
  for (const cookie of answer.headers.getSetCookie()) out.append('set-cookie', cookie);
  const body = request.method === 'HEAD' || answer.status === 204 || answer.status === 304 ? null : await answer.arrayBuffer();
  return new HttpResponse(body, { status: answer.status, statusText: answer.statusText, headers: out });
}

/** A RegExp rather than an msw path: `http://[::1]:4000/*` would read `:1` as a path parameter. */
function underOrigin(origin: string): RegExp {
  return new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)`);
}
