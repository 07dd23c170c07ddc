import { createRemoteJWKSet, jwtVerify } from 'jose';

// The code under test in the example: an app's small OAuth client, written the way many are. Its provider's
// issuer and client id are constants, every call goes through the global fetch, and refresh has no lock — two
// callers that find the access token stale both refresh with the same refresh token (seed 001, bug #1).
export const ISSUER = 'https://example-tenant.us.auth0.com/';
export const CLIENT_ID = 'example-cli';

interface Metadata {
  issuer: string;
  token_endpoint: string;
  device_authorization_endpoint: string;
  jwks_uri: string;
}

export interface AppTokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

export class AppAuthError extends Error {
  override name = 'AppAuthError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class AppAuth {
  tokens?: AppTokens;
  /** The signed-in user, from a verified id_token. */
  subject?: string;
  #metadata?: Promise<Metadata>;
  #deviceCode?: string;

  /** Device login, step 1: the code to show the user. */
  async startLogin(): Promise<{ userCode: string; verificationUri: string }> {
    const meta = await this.#discover();
    const body = await this.#post(meta.device_authorization_endpoint, { client_id: CLIENT_ID, scope: 'openid profile offline_access' });
    this.#deviceCode = String(body.device_code);
    return { userCode: String(body.user_code), verificationUri: String(body.verification_uri) };
  }

  /** Device login, step 2, once the user approved: one poll of the token endpoint. */
  async finishLogin(): Promise<void> {
    const meta = await this.#discover();
    const tokens = (await this.#post(meta.token_endpoint, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: this.#deviceCode ?? '',
      client_id: CLIENT_ID,
    })) as unknown as AppTokens;
    const jwks = createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 60_000 });
    const { payload } = await jwtVerify(tokens.id_token ?? '', jwks, { issuer: ISSUER, audience: CLIENT_ID });
    this.subject = payload.sub;
    this.tokens = tokens;
  }

  /** Trades the refresh token for new tokens; keeps the old refresh token when the provider sends none (Google). */
  async refresh(): Promise<AppTokens> {
    const meta = await this.#discover();
    const presented = this.tokens?.refresh_token ?? '';
    const fresh = (await this.#post(meta.token_endpoint, { grant_type: 'refresh_token', refresh_token: presented, client_id: CLIENT_ID })) as unknown as AppTokens;
    this.tokens = { ...fresh, refresh_token: fresh.refresh_token ?? presented };
    return fresh;
  }

  #discover(): Promise<Metadata> {
    this.#metadata ??= (async () => {
      const res = await fetch(new URL('.well-known/openid-configuration', ISSUER));
      const meta = (await res.json()) as Metadata;
      if (meta.issuer !== ISSUER) throw new AppAuthError('issuer_mismatch', `discovery names ${meta.issuer}, expected ${ISSUER}`);
      return meta;
    })();
    return this.#metadata;
  }

  async #post(url: string, form: Record<string, string>): Promise<Record<string, unknown>> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new AppAuthError(String(body.error), `${String(body.error)}: ${String(body.error_description ?? '')}`);
    return body;
  }
}
