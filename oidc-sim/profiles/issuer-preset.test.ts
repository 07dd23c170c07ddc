import { describe, expect, it } from 'vitest';
import { issuerPreset } from './issuer-preset.js';

describe('issuerPreset', () => {
  it.each([
    ['https://accounts.google.com', 'google'],
    ['https://dev-abc123.us.auth0.com/', 'auth0'],
    ['https://acme.okta.com/oauth2/default', 'okta'],
    ['https://acme.oktapreview.com', 'okta'],
    ['https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/v2.0', 'entra'],
    ['https://acme.ciamlogin.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/v2.0', 'entra'],
    ['https://sso.acme.example/realms/staff', 'keycloak'],
    ['https://sso.acme.example/auth/realms/staff', 'keycloak'],
    ['https://upbeat-lamport-abc.projects.oryapis.com', 'hydra'],
  ])('recognises %s as %s', (issuer, preset) => {
    expect(issuerPreset(issuer)).toBe(preset);
  });

  it('recognises nothing from a custom domain or a look-alike host', () => {
    expect(issuerPreset('https://login.acme.example')).toBeUndefined();
    expect(issuerPreset('https://accounts.google.com.evil.example')).toBeUndefined();
    expect(issuerPreset('https://auth0.com.evil.example')).toBeUndefined();
  });
});
