import type { z } from 'zod';

/** How one provider treats rotation and reuse of refresh tokens; built from a profile option by the registry. */
export interface ReusePolicy {
  /** The registry name it was built from, e.g. 'okta' or 'grace'. */
  name: string;
  /** oidc-provider's `rotateRefreshToken`: false keeps the presented refresh token (nothing is consumed). */
  rotate: boolean;
  /**
   * May a consumed refresh token, first rotated `sinceRotationMs` ago and let through `reuses` times since, be
   * rotated once more (minting a sibling)? When false, oidc-provider's own reuse detection revokes the grant.
   */
  allowsReuse(use: { sinceRotationMs: number; reuses: number }): boolean;
  /** Refresh answers carry no refresh_token (Google): the client must keep the one it has. */
  omitRefreshToken: boolean;
  /** The real provider's invalid_grant `error_description` on refresh: for a detected reuse, and otherwise. */
  errorDescription?: { reuse: string; other: string };
  /** Effective settings after timeScale, for humans and the control API. */
  settings: Record<string, unknown>;
}

/** A profile plug-in: the options of its object form (`{ kind, ...options }`) and how they become a policy. */
export interface ProfileDefinition<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  build(options: z.output<S>, env: { timeScale: number }): ReusePolicy;
}

export const never = () => false;

/** Declares a profile; the options type of `build` comes from its schema. */
export const defineProfile = <S extends z.ZodType>(profile: ProfileDefinition<S>) => profile;
