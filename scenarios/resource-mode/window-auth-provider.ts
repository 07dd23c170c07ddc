import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { SharedTokenStore } from './shared-token-store.js';

/** Where an MCP client on a developer's machine says its redirect lands; the harness reads the code from the redirect instead. */
export const WINDOW_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
/** The scopes a window asks for: identity, the profile, and offline_access for a refresh token. */
export const WINDOW_SCOPE = 'openid profile email offline_access';

export interface WindowAuthInput {
  store: SharedTokenStore;
  /** Plays the user at the authorization URL the SDK built; resolves with the code, or rejects with the provider's error. */
  authorize(url: URL): Promise<string>;
  /** A resource other than the server's own (a confused or hostile client); default: the metadata's resource. */
  resourceOverride?: string;
}

/**
 * The MCP SDK's OAuthClientProvider for one window: registration, tokens and discovery live in the user's shared
 * store; PKCE verifier and the authorization code are the window's own. Consent is browserless (the simulator's
 * interaction page), the rest is the SDK's: discovery through RFC 9728, RFC 7591 registration, PKCE, `resource`.
 */
export class WindowAuthProvider implements OAuthClientProvider {
  #verifier = '';
  /** The code of the last authorization, for `transport.finishAuth`. */
  code: string | undefined;

  constructor(private readonly input: WindowAuthInput) {}

  get redirectUrl() {
    return WINDOW_REDIRECT_URI;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: `oidc-harness window (${this.input.store.user})`,
      redirect_uris: [WINDOW_REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: WINDOW_SCOPE,
    };
  }

  clientInformation() {
    return this.input.store.clientInformation;
  }
  saveClientInformation(info: NonNullable<SharedTokenStore['clientInformation']>) {
    this.input.store.clientInformation = info;
  }
  tokens() {
    return this.input.store.tokens;
  }
  saveTokens(tokens: NonNullable<SharedTokenStore['tokens']>) {
    this.input.store.saveTokens(tokens);
  }
  discoveryState() {
    return this.input.store.discovery;
  }
  saveDiscoveryState(state: NonNullable<SharedTokenStore['discovery']>) {
    this.input.store.discovery = state;
  }
  async redirectToAuthorization(url: URL) {
    this.code = await this.input.authorize(url);
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery') {
    if (scope === 'all' || scope === 'tokens') this.input.store.tokens = undefined;
    if (scope === 'all' || scope === 'client') this.input.store.clientInformation = undefined;
    if (scope === 'all' || scope === 'discovery') this.input.store.discovery = undefined;
  }
  get validateResourceURL() {
    const override = this.input.resourceOverride;
    return override ? async () => new URL(override) : undefined;
  }
}
