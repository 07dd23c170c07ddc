import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { createOidcSim, type OidcSim } from '../../oidc-sim/index.js';
import { createVerifyingValidator } from './id-token-validator.js';
import { ProviderClient } from './provider-client.js';
import { ProviderHttp } from './provider-http.js';
import { InvalidIdTokenError } from './provider-errors.js';

let sim: OidcSim;
const agent = new Agent();
const closing = new AbortController();

beforeAll(async () => {
  sim = await createOidcSim({ users: ['alice'], timeScale: 1 });
});
afterAll(async () => {
  closing.abort();
  await agent.close();
  await sim?.close();
});

const validatorFor = (clientId: string, issuer = sim.issuer) =>
  createVerifyingValidator(new ProviderClient(new ProviderHttp(agent, 5000, closing.signal), issuer, { clientId, resourceUrl: sim.resourceUrl, scope: 'openid' }), clientId, Date.now);

describe('id_token validation (seed 001 #17)', () => {
  it("accepts the provider's own id_token and reads the subject", async () => {
    const { id_token } = await sim.login('alice');
    await expect(validatorFor(sim.clients.confidential.clientId).validate(id_token)).resolves.toMatchObject({ sub: sim.user('alice').sub });
  });

  it('refuses a properly signed id_token that names another subject than userinfo does', async () => {
    sim.tamper({ kind: 'other-subject', user: 'alice', times: 1 });
    const { id_token, access_token } = await sim.login('alice');
    const validator = validatorFor(sim.clients.confidential.clientId);
    await expect(validator.validate(id_token)).resolves.toMatchObject({ sub: expect.not.stringMatching(sim.user('alice').sub) });
    await expect(validator.validate(id_token, access_token)).rejects.toThrow(/names another subject than userinfo/);
  });

  it('reads the display name from userinfo when the id_token has none', async () => {
    const { id_token, access_token } = await sim.login('alice');
    await expect(validatorFor(sim.clients.confidential.clientId).validate(id_token, access_token)).resolves.toEqual({ sub: sim.user('alice').sub, preferred_username: 'alice' });
  });

  it('refuses an id_token issued to another client (aud)', async () => {
    const { id_token } = await sim.login('alice');
    await expect(validatorFor('someone-else').validate(id_token)).rejects.toThrow(/aud/);
  });

  it('refuses an id_token issued a year in the future, and accepts ordinary clock skew (issue 13)', async () => {
    const validator = validatorFor(sim.clients.confidential.clientId);
    try {
      sim.setSkew(365 * 86_400_000);
      const ahead = await sim.login('alice');
      await expect(validator.validate(ahead.id_token)).rejects.toThrow(/"iat" lies more than 60 s in the future/);
      sim.setSkew(30_000);
      const skewed = await sim.login('alice');
      await expect(validator.validate(skewed.id_token)).resolves.toMatchObject({ sub: sim.user('alice').sub });
    } finally {
      sim.setSkew(0);
    }
  });

  it('refuses a token response without an id_token', async () => {
    await expect(validatorFor(sim.clients.confidential.clientId).validate(undefined)).rejects.toBeInstanceOf(InvalidIdTokenError);
  });

  it('refuses a provider whose discovery names another issuer', async () => {
    const { id_token } = await sim.login('alice');
    const aliasIssuer = sim.issuer.replace('127.0.0.1', 'localhost');
    await expect(validatorFor(sim.clients.confidential.clientId, aliasIssuer).validate(id_token)).rejects.toThrow(/discovery names issuer/);
  });
});
