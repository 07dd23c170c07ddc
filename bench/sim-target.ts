import { createOidcSim, type OidcSimOptions } from '../oidc-sim/index.js';
import type { BenchTarget } from './bench-target.js';

/** The simulator as a benchmark target: logins are its own browserless code + PKCE login. */
export async function createSimTarget(options: OidcSimOptions): Promise<BenchTarget> {
  const sim = await createOidcSim(options);
  const username = sim.users[0]!.username;
  return {
    info: {
      issuer: sim.issuer,
      client: sim.clients.confidential,
      clients: sim.clients,
      redirectUri: sim.config.redirectUri,
      lifetimes: sim.lifetimes,
      idTokenAlg: sim.config.idTokenAlg,
      loginHint: username,
      resourceUrl: sim.resourceUrl,
      usernames: sim.users.map((u) => u.username),
    },
    login: () => sim.login(username),
    approveDevice: (userCode, name) => sim.approveDevice(userCode, name),
    storedRecords: () => sim.storedRecords(),
    close: () => sim.close(),
  };
}
