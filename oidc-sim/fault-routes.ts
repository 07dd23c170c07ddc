import { field, type ControlRoutes } from './control-api.js';
import { InvalidOptionError, UnknownFaultError } from './errors.js';
import type { FaultRuleInput } from './faults/fault-effects.js';
import type { MatchInput } from './faults/fault-match.js';
import type { ExpireTarget } from './expire.js';
import type { OidcSim } from './sim.js';
import type { TamperInput } from './tamper.js';

const MAX_WAIT_MS = 60_000;
// Ids travel in the body: the control API's routes are exact paths.
const idOf = (input: Record<string, unknown>) => field(input, 'id');

/** Faults, gates, expire-now, skew and tamper over the control API; each mirrors an in-process call. */
export function faultRoutes(sim: OidcSim): ControlRoutes {
  const gate = (input: Record<string, unknown>) => sim.faults.getGate(idOf(input));
  return {
    'GET /faults': () => ({ rules: sim.faults.list() }),
    'POST /faults': (input) => ({ id: sim.faults.add(input as FaultRuleInput).id }),
    'DELETE /faults': (input) => {
      const id = idOf(input);
      if (!sim.faults.remove(id)) throw new UnknownFaultError('fault rule, gate or tamper rule', id);
      return { removed: id };
    },
    'POST /faults/clear': () => ({ cleared: sim.faults.clear() }),
    'POST /gates': (input) => ({ id: sim.gate(input as MatchInput).id }),
    'POST /gates/wait': (input) => {
      const n = input.n ?? 1;
      const timeout = input.timeout ?? 5000;
      if (typeof n !== 'number') throw new InvalidOptionError('n', 'must be a positive integer');
      if (typeof timeout !== 'number' || timeout > MAX_WAIT_MS) throw new InvalidOptionError('timeout', `must be at most ${MAX_WAIT_MS} ms`);
      return gate(input).waitFor(n, { timeout });
    },
    'POST /gates/release': async (input) => {
      const g = gate(input);
      if (input.order === undefined) return { released: [await g.release()].filter(Boolean) };
      if (!Array.isArray(input.order)) throw new InvalidOptionError('order', 'must be an array of indexes or ids');
      return { released: await g.releaseInOrder(input.order) };
    },
    'POST /gates/release-all': async (input) => ({ released: await gate(input).releaseAll() }),
    'DELETE /gates': async (input) => {
      await gate(input).remove();
      return { removed: idOf(input) };
    },
    'POST /expire': (input) => ({ expired: sim.expire(input as ExpireTarget) }),
    'POST /skew': (input) => {
      sim.setSkew(input.ms as number);
      return { skewMs: sim.skewMs };
    },
    'POST /tamper': (input) => ({ id: sim.tamper(input as TamperInput).id }),
    'DELETE /tamper': (input) => {
      const id = idOf(input);
      if (!sim.faults.remove(id)) throw new UnknownFaultError('tamper rule', id);
      return { removed: id };
    },
  };
}
