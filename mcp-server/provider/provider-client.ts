import { Discovery, newProviderFacts, type ProviderFacts } from './discovery.js';
import { ProviderError, providerErrorFrom } from './provider-errors.js';
import type { HttpAnswer, ProviderHttp } from './provider-http.js';

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in?: number;
  token_type?: string;
  scope?: string;
}

export interface DeviceStart {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  expires_in: number;
  interval?: number;
}

export interface ClientIdentity {
  clientId: string;
  clientSecret?: string;
  resourceUrl: string;
  scope: string;
}

/** The OAuth/OIDC calls the server makes, over HTTP only, against whatever provider discovery describes. */
export class ProviderClient {
  readonly discovery: Discovery;

  constructor(
    readonly http: ProviderHttp,
    issuer: string,
    private readonly identity: ClientIdentity,
    /** What an earlier client of this server learnt about the provider (discovery, keys); see `ProviderFacts`. */
    readonly facts: ProviderFacts = newProviderFacts(),
  ) {
    this.discovery = new Discovery(http, issuer, facts);
  }

  async startDeviceAuthorization(): Promise<DeviceStart> {
    const meta = await this.discovery.get();
    const body = ok(await this.#post(meta.device_authorization_endpoint, { scope: this.identity.scope }));
    if (typeof body.device_code !== 'string' || typeof body.user_code !== 'string' || typeof body.verification_uri !== 'string') {
      throw new ProviderError('invalid_response', 'device authorization answer lacks device_code, user_code or verification_uri');
    }
    return body as unknown as DeviceStart;
  }

  async pollDeviceToken(deviceCode: string): Promise<TokenResponse> {
    const meta = await this.discovery.get();
    return tokens(await this.#post(meta.token_endpoint, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode }));
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const meta = await this.discovery.get();
    return tokens(await this.#post(meta.token_endpoint, { grant_type: 'refresh_token', refresh_token: refreshToken }));
  }

  /** RFC 7009. Throws when the provider has no revocation endpoint or refuses. */
  async revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    const meta = await this.discovery.get();
    if (!meta.revocation_endpoint) throw new ProviderError('unsupported', 'provider announces no revocation_endpoint');
    ok(await this.#post(meta.revocation_endpoint, { token, token_type_hint: hint }));
  }

  async userinfo(accessToken: string): Promise<Record<string, unknown>> {
    const meta = await this.discovery.get();
    return ok(await this.http.get(meta.userinfo_endpoint, bearer(accessToken)));
  }

  async resource(accessToken: string): Promise<Record<string, unknown>> {
    return ok(await this.http.get(this.identity.resourceUrl, bearer(accessToken)));
  }

  #post(url: string, form: Record<string, string>): Promise<HttpAnswer> {
    const { clientId, clientSecret } = this.identity;
    if (!clientSecret) return this.http.postForm(url, { ...form, client_id: clientId });
    // RFC 6749 §2.3.1: client_secret_basic form-encodes id and secret before base64.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    return this.http.postForm(url, form, { authorization: `Basic ${basic}` });
  }
}

function ok(answer: HttpAnswer): Record<string, unknown> {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  throw providerErrorFrom(answer.status, answer.body);
}

function tokens(answer: HttpAnswer): TokenResponse {
  const body = ok(answer);
  if (typeof body.access_token !== 'string') throw new ProviderError('invalid_response', 'token answer lacks access_token');
  return body as unknown as TokenResponse;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
