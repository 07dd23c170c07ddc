import { z } from 'zod';
import { gracePolicy, windowSeconds } from './grace.js';
import { maxReusePolicy, reuseCount } from './max-reuse.js';
import { never, defineProfile } from './reuse-policy.js';

// Each preset emulates one provider's documented rotation rule and its invalid_grant wording. Windows and
// counts are that provider's defaults; the object form ({ kind: 'okta', windowSeconds: 10 }) overrides them.

/**
 * Auth0: rotation with reuse detection; "Reuse Interval" / "Rotation Overlap Period" (`leeway`, default 0 s)
 * lets the previous token be exchanged again without triggering breach detection.
 * https://auth0.com/docs/secure/tokens/refresh-tokens/configure-refresh-token-rotation
 */
export const auth0 = defineProfile({
  schema: z.strictObject({ kind: z.literal('auth0'), windowSeconds: windowSeconds.default(0) }),
  build: (o, { timeScale }) => ({
    ...gracePolicy('auth0', o.windowSeconds, timeScale),
    errorDescription: { reuse: 'Unknown or invalid refresh token.', other: 'Unknown or invalid refresh token.' },
  }),
});

/**
 * Okta: after a rotation the previous token stays valid for a grace period of 0–60 s, default 30 s (`leeway`);
 * reuse after it invalidates the most recent refresh token and its access tokens.
 * https://developer.okta.com/docs/guides/refresh-tokens/main/#refresh-token-reuse-detection
 */
export const okta = defineProfile({
  schema: z.strictObject({ kind: z.literal('okta'), windowSeconds: windowSeconds.max(60, 'Okta allows 0-60 seconds').default(30) }),
  build: (o, { timeScale }) => ({
    ...gracePolicy('okta', o.windowSeconds, timeScale),
    errorDescription: { reuse: 'The refresh token is invalid or expired.', other: 'The refresh token is invalid or expired.' },
  }),
});

/**
 * Keycloak with "Revoke Refresh Token" on: a token may be reused "Refresh Token Max Reuse" times (default 0).
 * With it off (Keycloak's default) Keycloak behaves like 'no-rotation'. Keycloak also refuses older tokens as
 * "Stale token"; the simulator counts reuses per token instead.
 * https://www.keycloak.org/docs/latest/server_admin/#_timeouts
 */
export const keycloak = defineProfile({
  schema: z.strictObject({ kind: z.literal('keycloak'), n: reuseCount.default(0) }),
  build: (o) => ({
    ...maxReusePolicy('keycloak', o.n),
    errorDescription: { reuse: 'Maximum allowed refresh token reuse exceeded', other: 'Token is not active' },
  }),
});

/**
 * Ory Hydra: strict by default (reuse revokes the chain); `oauth2.grant.refresh_token.rotation_grace_period`
 * (default 0, at most 5 min without a count limit) adds a grace window. Wording: fosite's invalid_grant text.
 * https://www.ory.sh/docs/hydra/guides/graceful-token-refresh
 */
export const hydra = defineProfile({
  schema: z.strictObject({ kind: z.literal('hydra'), windowSeconds: windowSeconds.max(300, 'Hydra allows at most 5 minutes').default(0) }),
  build: (o, { timeScale }) => {
    const text =
      'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
    return { ...gracePolicy('hydra', o.windowSeconds, timeScale), errorDescription: { reuse: text, other: text } };
  },
});

/**
 * Microsoft Entra ID: every refresh answers a new refresh token, but "refresh tokens aren't revoked when used to
 * acquire new access tokens" — old ones stay valid until they expire, so there is no reuse detection.
 * https://learn.microsoft.com/entra/identity-platform/refresh-tokens
 */
export const entra = defineProfile({
  schema: z.strictObject({ kind: z.literal('entra') }),
  build: () => ({
    name: 'entra',
    rotate: true,
    allowsReuse: () => true,
    omitRefreshToken: false,
    errorDescription: {
      reuse: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
      other: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
    },
    settings: {},
  }),
});

/**
 * Google: refresh tokens do not rotate and a refresh answer carries no refresh_token at all; the client keeps the
 * one it has. https://developers.google.com/identity/protocols/oauth2/web-server#offline
 */
export const google = defineProfile({
  schema: z.strictObject({ kind: z.literal('google') }),
  build: () => ({
    name: 'google',
    rotate: false,
    allowsReuse: never,
    omitRefreshToken: true,
    errorDescription: { reuse: 'Token has been expired or revoked.', other: 'Token has been expired or revoked.' },
    settings: {},
  }),
});
