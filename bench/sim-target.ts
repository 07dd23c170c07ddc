import { createOidcSim, type OidcSimOptions } from '../oidc-sim/index.js';
import type { BenchTarget } from './bench-target.js';

/** The simulator as a benchmark target: logins are its own browserless code + PKCE login. */
export async function createSimTarget(options: OidcSimOptions, countEvents = false): Promise<BenchTarget> {
  const sim = await createOidcSim(options);
  const counts: Record<string, number> = {};
  if (countEvents) sim.ledger.subscribe((e) => void (counts[e.type] = (counts[e.type] ?? 0) + 1));
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
    ...(countEvents ? { counters: () => ({ ...counts }) } : {}),
    close: () => sim.close(),
  };
}
