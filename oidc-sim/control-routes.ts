import { field, type ControlRoutes } from './control-api.js';
import { InvalidOptionError } from './errors.js';
import { faultRoutes } from './fault-routes.js';
import type { ClientKind, OidcSim } from './sim.js';

/** What the control API can do; mirrors the in-process API one to one. */
export function controlRoutes(sim: OidcSim): ControlRoutes {
  const clientKind = (input: Record<string, unknown>): ClientKind => {
    const kind = input.client ?? 'confidential';
    if (kind !== 'confidential' && kind !== 'public') throw new InvalidOptionError('client', "must be 'confidential' or 'public'");
    return kind;
  };
  return {
    'GET /': () => ({
      issuer: sim.issuer,
      resourceUrl: sim.resourceUrl,
      metadataUrl: sim.metadataUrl,
      registrationEndpoint: sim.registrationEndpoint,
      clients: sim.clients,
      users: sim.users,
      lifetimes: sim.lifetimes,
      profile: sim.profile,
      skewMs: sim.skewMs,
    }),
    'POST /login': async (input) => {
      const flow = input.flow ?? 'code';
      if (flow !== 'code' && flow !== 'device') throw new InvalidOptionError('flow', "must be 'code' or 'device'");
      const user = field(input, 'user');
      const opts = { client: clientKind(input) };
      return flow === 'code' ? sim.login(user, opts) : sim.deviceLogin(user, opts);
    },
    'POST /device/approve': async (input) => {
      await sim.approveDevice(field(input, 'user_code'), field(input, 'user'));
      return { approved: true };
    },
    'GET /ledger': (input) => {
      const since = input.since === undefined ? 0 : Number(input.since);
      if (!Number.isInteger(since) || since < 0) throw new InvalidOptionError('since', 'must be a non-negative integer');
      // `?types=a,b` and `?types=a&types=b` (and both) filter alike; an empty list is no filter.
      const listed = [input.types].flat().flatMap((t) => (typeof t === 'string' ? t.split(',') : [])).filter(Boolean);
      const types = listed.length ? listed : undefined;
      return { events: sim.ledger.events({ since, types }) };
    },
    'POST /reset': () => {
      sim.reset();
      return { reset: true };
    },
    ...faultRoutes(sim),
  };
}
