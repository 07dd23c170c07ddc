import { tokenHash } from '../../../oidc-sim/index.js';
import type { HistoryEvent } from '../../result-types.js';
import { defineResourceScenario, type ResourceScenario } from '../define-resource-scenario.js';
import type { ResourceWorld } from '../resource-world.js';
import { REVOCATION_WORLD_SIM } from '../resource-targets.js';
import type { OAuthWindow } from '../oauth-window.js';

interface RevokedMidRequest {
  id: string;
  title: string;
  seeds: string[];
  /** How alice's tokens end while her call is in flight; resolves with the ledger's record of it. */
  end(world: ResourceWorld, alice: OAuthWindow): Promise<HistoryEvent | undefined>;
}

/**
 * Alice's tokens end at the authorization server while her get_profile is in flight (validated, its upstream call
 * held at the simulator's gate). After: the in-flight answer, if any, is hers; bob is untouched; her revoked token is
 * refused once the declared validation-cache lifetime has passed; she logs in again and works.
 */
export function revokedMidRequest({ id, title, seeds, end }: RevokedMidRequest): ResourceScenario {
  return defineResourceScenario({
    id,
    title,
    seeds,
    tags: ['resource-server', 'revocation', 'logout', 'race'],
    sim: REVOCATION_WORLD_SIM,
    needs: ['revocation-cache'],
    async run(world) {
      const a = world.window('A', { user: 'alice' });
      const b = world.window('B', { user: 'bob' });
      await Promise.all([a.login(), b.login()]);
      const token = a.accessToken;
      const sessionId = a.sessionId;
      if (!token || !sessionId) return world.inconclusive("alice's window never logged in: there was nothing to revoke");
      // Her first data call must go upstream (nothing cached yet): held there, it is validated but not answered.
      const gate = world.sim.gate({ endpoint: 'resource', times: 1 });
      const inFlight = a.getProfile();
      // Whichever comes first, the hold (in the history, from the ledger) or the answer: no timer, no guess.
      const held = await Promise.race([world.history.until((e) => e.type === 'fault.gate.held' && e.detail?.gate === gate.id).then(() => true), inFlight.then(() => false)]);
      let revocation: HistoryEvent | undefined;
      try {
        if (held) revocation = await end(world, a);
      } finally {
        await gate.remove();
      }
      await inFlight;
      if (!held) return world.inconclusive("alice's get_profile was answered without an upstream call being held: no request was in flight when her tokens ended");
      await b.getProfile();
      if (!revocation) return world.inconclusive("the ledger shows no end of alice's tokens: nothing was revoked");
      await world.untilRevocationBound(revocation);
      await a.probe('get_profile', { token, sessionId, note: { revoked: true, tokenHash: tokenHash(token) } });
      await a.close();
      await a.login();
      await a.getProfile();
      await b.getProfile();
    },
  });
}
