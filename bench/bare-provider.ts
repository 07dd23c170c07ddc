import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { standaloneProviderConfig, type SimUser } from '../oidc-sim/index.js';
import type { BenchTarget } from './bench-target.js';
import { fixedAccountLogin } from './fixed-account-login.js';
import type { ServerSpec } from './server-spec.js';

type BareSpec = Extract<ServerSpec, { kind: 'bare-provider' }>;

/** The one account the baseline signs in: written out, so its process loads no user generator. */
const ACCOUNT: SimUser = {
  username: 'bench',
  sub: 'bench-account',
  name: 'Bench User',
  givenName: 'Bench',
  familyName: 'User',
  email: 'bench@example.test',
  company: 'Bench',
  jobTitle: 'Tester',
  city: 'Loopback',
};

/**
 * Plain oidc-provider with the configuration the simulator builds for the same options (the simulator's own builder,
 * so the two cannot drift apart: same clients, signing algorithm, lifetimes, rotation, exact expiry, endpoints), but
 * with nothing of the simulator in front: no fault layer, no ledger, no refresh serializer, and oidc-provider's
 * default in-memory adapter (an LRU of 1 000 entries) instead of the simulator's token store.
 */
export async function createBareProvider(spec: BareSpec): Promise<BenchTarget> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { configuration, config, clients } = await standaloneProviderConfig(spec.options, [ACCOUNT]);

  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx: unknown, err: Error) => process.stderr.write(`bare provider: server error: ${err.message}\n`));
  provider.use(fixedAccountLogin(provider, ACCOUNT.sub));
  server.on('request', provider.callback());

  return {
    info: { issuer, client: clients.confidential, clients, redirectUri: config.redirectUri, lifetimes: config.lifetimes, idTokenAlg: config.idTokenAlg },
    // Imported when first used: the start-up benchmark's bare process holds oidc-provider and the simulator's config
    // builder, nothing else of the simulator.
    login: async () => (await import('../oidc-sim/index.js')).loginWithCode(issuer, clients.confidential, config.redirectUri, ACCOUNT.username),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
