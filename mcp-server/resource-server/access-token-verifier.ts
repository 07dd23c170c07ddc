import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyOptions } from 'jose';
import { introspectionVerifier } from './introspection-verifier.js';

/** What the server keeps of a validated access token (never the token itself). */
export interface AccessClaims {
  sub: string;
  /** Seconds since the epoch. */
  exp: number;
  clientId?: string;
  audience: string[];
  scopes: string[];
}

/** Why a bearer token was refused: answered as 401 `invalid_token`, its text in `error_description`. */
export class InvalidAccessTokenError extends Error {
  override name = 'InvalidAccessTokenError';
  readonly oauthError = 'invalid_token';
  readonly status = 401;
}

export type AccessTokenVerifier = (token: string) => Promise<AccessClaims>;

export interface VerifierInput {
  issuer: string;
  jwksUri: string;
  resource: string;
  /** RFC 7662 introspection with the server's own client, for opaque tokens; none: only JWTs are accepted. */
  introspection?: { url: string; clientId: string; clientSecret: string };
}

/**
 * A JWT access token is accepted only when its signature verifies against the authorization server's JWKS, its
 * issuer is that server, its type is `at+jwt` (RFC 9068), it has not expired (no clock tolerance) and its
 * audience names this MCP server (MCP authorization spec: tokens for another resource are refused).
 */
export function createAccessTokenVerifier(input: VerifierInput): AccessTokenVerifier {
  return tokenVerifier(input, { checkAudience: true });
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * A JWT is verified locally; any other token is an opaque one, which only the authorization server can vouch for
 * (introspection, when it offers it). `checkAudience: false` is the flaw no-audience-check.
 */
export function tokenVerifier(input: VerifierInput, { checkAudience }: { checkAudience: boolean }): AccessTokenVerifier {
  const jwt = jwtVerifier(input, checkAudience ? { audience: input.resource } : {});
  const opaque = input.introspection
    ? introspectionVerifier({ ...input.introspection, issuer: input.issuer, audience: checkAudience ? input.resource : undefined })
    : async () => {
        throw new InvalidAccessTokenError('the access token is not a JWT and the authorization server offers no introspection');
      };
  return (token) => (JWT_SHAPE.test(token) ? jwt(token) : opaque(token));
}

/** The verifier with the checks a flaw may drop left to the caller; `checks` go straight to jose. */
export function jwtVerifier({ issuer, jwksUri }: VerifierInput, checks: Pick<JWTVerifyOptions, 'audience'>): AccessTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(jwksUri));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer, typ: 'at+jwt', clockTolerance: 0, ...checks });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new InvalidAccessTokenError('the access token has no sub or exp');
      return {
        sub: payload.sub,
        exp: payload.exp,
        ...(typeof payload.client_id === 'string' ? { clientId: payload.client_id } : {}),
        audience: [payload.aud ?? []].flat().map(String),
        scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      };
    } catch (err) {
      if (err instanceof InvalidAccessTokenError) throw err;
      if (err instanceof joseErrors.JOSEError) throw new InvalidAccessTokenError(describeJoseError(err), { cause: err });
      throw err;
    }
  };
}

function describeJoseError(err: InstanceType<typeof joseErrors.JOSEError>): string {
  if (err instanceof joseErrors.JWTExpired) return 'the access token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the access token's ${err.claim} claim is not accepted here (${err.reason})`;
  return `the access token is not valid: ${err.message}`;
}
