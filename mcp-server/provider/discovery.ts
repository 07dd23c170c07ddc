import type { JWKSCacheInput } from 'jose';
import { ProviderError, ProviderUnavailableError } from './provider-errors.js';
import type { ProviderHttp } from './provider-http.js';

export interface ProviderMetadata {
  issuer: string;
  token_endpoint: string;
  device_authorization_endpoint: string;
  revocation_endpoint?: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported?: string[];
}

/**
 * What the server learnt about its provider that a reset does not unlearn (mcp-session-server.ts): the discovery
 * document once it was fetched and checked, and the provider's signing keys (jose's JWKS cache, refreshed by jose as
 * it always is: after its maximum age, or on a key it does not know once its cooldown passed). Like the connections
 * to the provider, these belong to the provider, not to any session: a server reset between two worlds on one
 * simulator would otherwise fetch both again for its first login.
 */
export interface ProviderFacts {
  metadata?: ProviderMetadata;
  jwks: JWKSCacheInput;
}

export const newProviderFacts = (): ProviderFacts => ({ jwks: {} });

const REQUIRED = ['issuer', 'token_endpoint', 'device_authorization_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const;

/**
 * The provider's discovery document, fetched on first need and kept once it succeeded (in `facts`, which may
 * already hold it). A failure is not kept, so a server started during an outage works as soon as the provider is back.
 */
export class Discovery {
  #pending?: Promise<ProviderMetadata>;

  constructor(
    private readonly http: ProviderHttp,
    private readonly issuer: string,
    private readonly facts: ProviderFacts = newProviderFacts(),
  ) {}

  get(): Promise<ProviderMetadata> {
    const known = this.facts.metadata;
    if (known) return Promise.resolve(known);
    this.#pending ??= this.#fetch().then(
      (metadata) => (this.facts.metadata = metadata),
      (err) => {
        this.#pending = undefined;
        throw err;
      },
    );
    return this.#pending;
  }

  async #fetch(): Promise<ProviderMetadata> {
    const { status, body } = await this.http.get(`${this.issuer}/.well-known/openid-configuration`);
    if (status >= 500) throw new ProviderUnavailableError(`discovery answered ${status}`, status);
    if (status !== 200) throw new ProviderError('discovery_failed', `discovery at ${this.issuer} answered ${status}`, status);
    const missing = REQUIRED.filter((k) => typeof body[k] !== 'string');
    if (missing.length) throw new ProviderError('discovery_failed', `discovery document lacks ${missing.join(', ')}`);
    // OIDC Discovery 1.0 §4.3: the document must name the issuer it was fetched from, else tokens can't be trusted.
    if (String(body.issuer).replace(/\/$/, '') !== this.issuer) {
      throw new ProviderError('discovery_failed', `discovery names issuer ${String(body.issuer)}, expected ${this.issuer}`);
    }
    return body as unknown as ProviderMetadata;
  }
}
