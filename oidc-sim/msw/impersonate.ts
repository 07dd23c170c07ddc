import type { HttpHandler } from 'msw';
import type { OidcSimOptions } from '../options.js';
import { createOidcSim, type OidcSim } from '../sim.js';
import { impersonationHandlers } from './impersonation-handlers.js';

export interface Impersonation {
  /** The simulator presenting `issuer`; reach it, its ledger, gates and logins as usual. `sim.close()` when done. */
  readonly sim: OidcSim;
  /** For `setupServer(...handlers)` from `msw/node`. */
  readonly handlers: HttpHandler[];
}

/**
 * Starts a simulator that presents a real provider's issuer (with that provider's preset unless `options.profile`
 * says otherwise) and the msw handlers that send that provider's origin to it.
 */
export async function impersonate(issuer: string, options: Omit<OidcSimOptions, 'impersonate'> = {}): Promise<Impersonation> {
  const sim = await createOidcSim({ ...options, impersonate: issuer });
  return { sim, handlers: impersonationHandlers(sim) };
}
