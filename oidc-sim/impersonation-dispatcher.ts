import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import { InvalidOptionError } from './errors.js';
import { isControlPath } from './issuer-path.js';
import type { OidcSim } from './sim.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** A request an impersonation dispatcher refused to send: it would have left the machine. */
export class UnroutedRequestError extends Error {
  override name = 'UnroutedRequestError';
  constructor(
    readonly target: string,
    reason = 'only the impersonated provider (forwarded to the simulator) and loopback are reachable through this dispatcher',
  ) {
    super(`refused a request to ${target}: ${reason}`);
  }
}

/**
 * What msw cannot give code that uses the `undici` package itself (`request`, `fetch`, a `Client` or `Pool`):
 * an undici dispatcher that sends the impersonated provider's origin to the simulator on loopback, as the msw
 * handlers do (X-Forwarded-Host/-Proto), lets loopback through and refuses every other origin. Pass it as the
 * code's `dispatcher`, or to undici's `setGlobalDispatcher` for calls that name none.
 */
// undici loads when a dispatcher is made, not with the simulator's door (lazy-undici.ts: `list` never loads it).
const newAgent = (): Dispatcher => new (createRequire(import.meta.url)('undici') as typeof import('undici')).Agent();

export function impersonationDispatcher(sim: OidcSim, base: Dispatcher = newAgent()): Dispatcher {
  if (sim.presentedIssuer === sim.issuer) {
    throw new InvalidOptionError('impersonate', `the simulator presents its own loopback issuer ${sim.issuer}; start it with createOidcSim({ impersonate: '<real issuer URL>' })`);
  }
  const presented = new URL(sim.presentedIssuer);
  const simOrigin = new URL(sim.issuer).origin;
  return base.compose((dispatch) => (opts, handler) => {
    const origin = new URL(String(opts.origin));
    if (origin.origin === presented.origin) {
      const pathname = new URL(opts.path, origin).pathname;
      if (isControlPath(sim.presentedIssuer, pathname)) throw new UnroutedRequestError(`${origin.origin}${pathname}`, 'the control API is not served at the impersonated origin');
      const headers = { ...plainHeaders(opts.headers), 'x-forwarded-host': origin.host, 'x-forwarded-proto': origin.protocol.slice(0, -1) };
      return dispatch({ ...opts, origin: simOrigin, headers }, handler);
    }
    if (LOOPBACK_HOSTS.has(origin.hostname)) return dispatch(opts, handler);
    throw new UnroutedRequestError(origin.origin);
  });
}

function plainHeaders(headers: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (name: string, value: unknown) => {
    const key = name.toLowerCase();
    if (key === 'host' || key === 'x-forwarded-host' || key === 'x-forwarded-proto') return;
    out[key] = Array.isArray(value) ? value.join(', ') : String(value);
  };
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) put(String(headers[i]), headers[i + 1]);
  } else if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of headers as Iterable<[string, string]>) put(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) put(name, value);
  }
  return out;
}
