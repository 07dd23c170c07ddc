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

const REQUIRED = ['issuer', 'token_endpoint', 'device_authorization_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const;

/**
 * The provider's discovery document, fetched on first need and kept once it succeeded. A failure is not kept,
 * so a server started during an outage works as soon as the provider is back.
 */
export class Discovery {
  #pending?: Promise<ProviderMetadata>;

  constructor(
    private readonly http: ProviderHttp,
    private readonly issuer: string,
  ) {}

  get(): Promise<ProviderMetadata> {
    this.#pending ??= this.#fetch().catch((err) => {
      this.#pending = undefined;
      throw err;
    });
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
