import type { OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { decodeJwt } from 'jose';
import { tokenHash } from '../../oidc-sim/index.js';

interface Answer {
  status: number;
  headers: [string, string][];
  text: string;
}

/** What the store tells the history about a token it saved: hashes and claims, never the value. */
export interface SavedToken {
  tokenHash: string;
  refreshHash?: string;
  exp?: number;
  aud?: unknown;
  sub?: string;
}

/**
 * One user's OAuth state on one machine, shared by every window (MCP client) of that user, as real clients keep
 * one credential store: the registration, the tokens, the discovery state. Refreshes are single-flight per
 * refresh token at the HTTP layer: a window that presents a refresh token another window already used (or is
 * using) gets that refresh's answer instead of reaching the provider again (a rotated token presented twice
 * would revoke the grant).
 */
export class SharedTokenStore {
  clientInformation: OAuthClientInformationMixed | undefined;
  tokens: OAuthTokens | undefined;
  discovery: OAuthDiscoveryState | undefined;
  readonly #refreshes = new Map<string, Promise<Answer>>();

  constructor(
    readonly user: string,
    private readonly onSaved: (saved: SavedToken) => void,
  ) {}

  saveTokens(tokens: OAuthTokens): void {
    this.tokens = tokens;
    let claims: { exp?: number; aud?: unknown; sub?: string } = {};
    try {
      claims = decodeJwt(tokens.access_token);
    } catch {
      // an opaque access token: no claims to note
    }
    this.onSaved({
      tokenHash: tokenHash(tokens.access_token),
      ...(tokens.refresh_token ? { refreshHash: tokenHash(tokens.refresh_token) } : {}),
      ...(claims.exp !== undefined ? { exp: claims.exp } : {}),
      ...(claims.aud !== undefined ? { aud: claims.aud } : {}),
      ...(claims.sub !== undefined ? { sub: claims.sub } : {}),
    });
  }

  /** The fetch every window of this user hands its transport (and so the SDK's auth calls). */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const refreshToken = refreshTokenOf(init);
    if (!refreshToken) return fetch(input, init);
    let answer = this.#refreshes.get(refreshToken);
    if (!answer) {
      answer = fetch(input, init).then(async (res) => ({ status: res.status, headers: headerList(res.headers), text: await res.text() }));
      this.#refreshes.set(refreshToken, answer);
      // A failed request may be retried with the same token; only an answer the provider gave is final.
      answer.catch(() => this.#refreshes.delete(refreshToken));
    }
    const { status, headers, text } = await answer;
    return new Response(text, { status, headers });
  };
}

function refreshTokenOf(init: RequestInit | undefined): string | undefined {
  if (!init || (init.method ?? 'GET').toUpperCase() !== 'POST') return undefined;
  const body = init.body instanceof URLSearchParams ? init.body : typeof init.body === 'string' ? new URLSearchParams(init.body) : undefined;
  if (body?.get('grant_type') !== 'refresh_token') return undefined;
  return body.get('refresh_token') ?? undefined;
}

function headerList(headers: Headers): [string, string][] {
  const out: [string, string][] = [];
  headers.forEach((value, name) => out.push([name, value]));
  return out;
}
