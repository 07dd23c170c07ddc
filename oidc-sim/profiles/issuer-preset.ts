import type { ProfileName } from './profile-registry.js';

// Hosts and paths as each provider documents its issuer. Keycloak runs on any host, so its `/realms/<name>` path
// is what gives it away; custom domains (Auth0, Okta) are not recognisable and need `profile` set explicitly.
const BY_HOST: Array<[RegExp, ProfileName]> = [
  [/^accounts\.google\.com$/, 'google'],
  [/\.auth0\.com$/, 'auth0'],
  [/\.(okta|oktapreview|okta-emea)\.com$/, 'okta'],
  [/^(login\.microsoftonline\.com|sts\.windows\.net)$|\.ciamlogin\.com$/, 'entra'],
  [/\.projects\.oryapis\.com$/, 'hydra'],
];

/** The provider preset that a real issuer URL belongs to, or undefined when its host does not say. */
export function issuerPreset(issuer: string): ProfileName | undefined {
  const url = new URL(issuer);
  const host = url.hostname.toLowerCase();
  const byHost = BY_HOST.find(([pattern]) => pattern.test(host))?.[1];
  if (byHost) return byHost;
  return /^\/(auth\/)?realms\/[^/]+\/?$/.test(url.pathname) ? 'keycloak' : undefined;
}
