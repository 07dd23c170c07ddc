import { profileNames, SimError, validateProfile, type ProfileOption } from '../../oidc-sim/index.js';
import { UsageError } from '../usage-error.js';

const COUNTED = new Set(['max-reuse', 'keycloak']);

export const profileUsage = `NAME[:N], e.g. okta, grace:30, max-reuse:2
                    NAME: ${profileNames.join(', ')}
                    N: the grace window in seconds, or the reuse count for max-reuse and keycloak`;

/** `--profile okta`, `--profile grace:30`, `--profile max-reuse:2` → the simulator's profile option, checked. */
export function parseProfile(value: string | undefined): ProfileOption | undefined {
  if (value === undefined) return undefined;
  const [kind = '', n] = value.split(':');
  const option = n === undefined ? kind : { kind, [COUNTED.has(kind) ? 'n' : 'windowSeconds']: Number(n) };
  try {
    validateProfile(option);
  } catch (err) {
    if (err instanceof SimError) throw new UsageError(`--profile ${value}: ${err.message}`);
    throw err;
  }
  return option as ProfileOption;
}
