import { profileNames, SimError, validateProfile, type ProfileOption } from '../../oidc-sim/index.js';
import { UsageError } from '../usage-error.js';

const COUNTED = new Set(['max-reuse', 'keycloak']);

export const profileUsage = `NAME[:N] with NAME one of ${profileNames.join(', ')}; N is the grace window in
                    seconds (grace, okta, auth0, hydra, ...) or the reuse count (max-reuse, keycloak), e.g. grace:30`;

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
