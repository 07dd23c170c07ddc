import type Provider from 'oidc-provider';
import { withoutLoopbackPort } from './loopback-url.js';

/**
 * RFC 8252 §7.3: a loopback redirect URI matches on any port, because a native app (or a test's app on port 0)
 * only learns its port when it listens. oidc-provider applies that rule to `application_type: native` clients
 * only; the simulator applies it to every client, web ones included. Everything else still matches exactly.
 */
export function allowLoopbackRedirectsOnAnyPort(provider: Provider): void {
  const proto = provider.Client.prototype as unknown as {
    redirectUriAllowed(this: { redirectUris?: string[] }, value: string): boolean;
  };
  const exact = proto.redirectUriAllowed;
  proto.redirectUriAllowed = function redirectUriAllowed(value) {
    if (exact.call(this, value)) return true;
    const bare = withoutLoopbackPort(value);
    return bare !== undefined && (this.redirectUris ?? []).some((allowed) => withoutLoopbackPort(allowed) === bare);
  };
}
