import { randomUUID } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';
import { TokenClient, type TokenSet } from '../oidc-sim/index.js';
import type { BenchTarget } from './bench-target.js';

const CLIENT = { clientId: 'bench-client', clientSecret: 'bench-secret-unchecked' };

/**
 * oauth2-mock-server: the popular npm mock a user would otherwise pick. It signs a fresh JWT access token and
 * id_token per token request and keeps no token state, so any refresh token is accepted and "rotation" is a new
 * random string.
 */
export async function createMockServer(alg: 'ES256' | 'RS256'): Promise<BenchTarget> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate(alg);
  await server.start(0, '127.0.0.1');
  const issuer = server.issuer.url!.replace(/\/$/, '');
  const tokens = new TokenClient(issuer, CLIENT);
  return {
    info: { issuer, client: CLIENT, idTokenAlg: alg },
    // There is no login to speak of: any refresh token starts a chain.
    async login() {
      const res = await tokens.refresh(randomUUID());
      if (res.status !== 200) throw new Error(`bench: oauth2-mock-server answered ${res.status}`);
      return res.body as unknown as TokenSet;
    },
    close: () => server.stop(),
  };
}
