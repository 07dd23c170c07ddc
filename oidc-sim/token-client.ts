import type { Response } from 'undici';
import { lazyUndici } from './lazy-undici.js';

const fetch: typeof import('undici').fetch = async (...args) => (await lazyUndici()).fetch(...args);
import { simAgent } from './sim-agent.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret?: string;
}

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  token_type: string;
  scope?: string;
}

export interface WireResponse {
  status: number;
  body: Record<string, unknown> & { error?: string; error_description?: string };
}

/**
 * A plain OAuth client over real HTTP: what any MCP server would send. Errors come back as responses, not
 * exceptions, because in a race the error *is* the result.
 */
export class TokenClient {
  constructor(
    readonly issuer: string,
    readonly client: ClientCredentials,
  ) {}

  token(params: Record<string, string>) {
    return this.#post('/token', params);
  }

  refresh(refreshToken: string) {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  revoke(token: string, hint?: 'refresh_token' | 'access_token') {
    return this.#post('/token/revocation', hint ? { token, token_type_hint: hint } : { token });
  }

  introspect(token: string) {
    return this.#post('/token/introspection', { token });
  }

  deviceAuthorization(scope: string) {
    return this.#post('/device/auth', { scope });
  }

  async userinfo(accessToken: string): Promise<WireResponse> {
    return this.#read(await fetch(new URL('/me', this.issuer), { headers: { authorization: `Bearer ${accessToken}` }, dispatcher: await simAgent() }));
  }

  async #post(path: string, params: Record<string, string>): Promise<WireResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams(params);
    if (this.client.clientSecret) {
      const basic = `${encodeURIComponent(this.client.clientId)}:${encodeURIComponent(this.client.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    } else {
      body.set('client_id', this.client.clientId);
    }
    return this.#read(await fetch(new URL(path, this.issuer), { method: 'POST', headers, body: body.toString(), dispatcher: await simAgent() }));
  }

  async #read(res: Response): Promise<WireResponse> {
    const text = await res.text();
    let body: WireResponse['body'];
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: 'non_json_response', error_description: text.slice(0, 200) };
    }
    return { status: res.status, body };
  }
}
