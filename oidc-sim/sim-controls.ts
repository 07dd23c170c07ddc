import type Provider from 'oidc-provider';
import { InvalidOptionError } from './errors.js';
import { expireNow } from './expire.js';
import { FaultLayer } from './faults/fault-layer.js';
import { IdTokenSigner } from './id-token-signer.js';
import type { Ledger } from './ledger.js';
import type { SimConfig } from './options.js';
import { profileResponse } from './profiles/profile-response.js';
import { reuseGuard } from './profiles/reuse-guard.js';
import type { ReusePolicy } from './profiles/reuse-policy.js';
import { RotationLog } from './profiles/rotation-log.js';
import type { Faults, OidcSim } from './sim.js';
import { TamperRules } from './tamper.js';
import { tokenResponseRewrite } from './token-response-rewrite.js';
import type { TokenStore } from './token-store.js';
import type { SimUser } from './users.js';

export interface ControlsDeps {
  provider: Provider;
  ledger: Ledger;
  store: TokenStore;
  users: SimUser[];
  bySub: Map<string, SimUser>;
  config: SimConfig;
  policy: ReusePolicy;
  signingKey: Record<string, unknown> & { alg: string };
  /** By username or sub; throws UnknownUserError. */
  user(who: string): SimUser;
}

type ControlsApi = Pick<OidcSim, 'faults' | 'gate' | 'expire' | 'skewMs' | 'setSkew' | 'tamper' | 'profile'>;

/**
 * What a scenario bends the simulator with — faults and gates, expire-now, skew, tamper, the provider profile —
 * and the middleware each needs in the provider's pipeline (sim.ts puts them in order).
 */
export function simControls(deps: ControlsDeps) {
  const { provider, ledger, store, config, policy } = deps;
  const rotations = new RotationLog(config.lifetimes.refreshToken * 1000 + config.expiredRetentionMs);
  const layer = new FaultLayer({ provider, ledger, users: deps.bySub, seed: config.seed });
  const tamperRules = new TamperRules();
  let skewMs = config.skewMs;

  const faults: Faults = {
    add: (rule) => layer.add(rule),
    remove: (id) => layer.remove(id) || tamperRules.remove(id),
    clear: () => layer.clear() + tamperRules.clear(),
    list: () => [...layer.list(), ...tamperRules.list()],
    getGate: (id) => layer.getGate(id),
  };

  const api: ControlsApi = {
    faults,
    gate: (match) => layer.gate(match),
    expire: (target) => expireNow(target, { store, ledger, rotations, user: deps.user }),
    get skewMs() {
      return skewMs;
    },
    setSkew(ms) {
      if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new InvalidOptionError('ms', 'must be a finite number of milliseconds');
      skewMs = ms;
      ledger.record({ type: 'fault.skew', endpoint: 'control', detail: { ms } });
    },
    tamper(input) {
      const rule = tamperRules.add(input);
      return { id: rule.id, remove: () => void tamperRules.remove(rule.id) };
    },
    profile: { name: policy.name, settings: policy.settings },
  };

  return {
    api,
    middleware: {
      faults: layer.middleware(),
      rewrite: tokenResponseRewrite({
        skewMs: () => skewMs,
        tamper: tamperRules,
        signer: new IdTokenSigner(deps.signingKey),
        ledger,
        users: deps.users,
        idTokenLifetime: config.lifetimes.idToken,
      }),
      profile: profileResponse(policy),
      reuseGuard: reuseGuard(policy, store, rotations, ledger, deps.bySub),
    },
    /** Part of sim.reset(): no rule, gate or grace survives; skew returns to its configured value. */
    reset() {
      layer.reset();
      tamperRules.reset();
      rotations.clear();
      skewMs = config.skewMs;
    },
    /** Part of sim.close(): hung and held requests are let go. */
    close: () => layer.close(),
  };
}
