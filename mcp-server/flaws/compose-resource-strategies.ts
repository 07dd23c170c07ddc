import { ConfigError } from '../config-error.js';
import { createAccessTokenVerifier, type AccessTokenVerifier, type VerifierInput } from '../resource-server/access-token-verifier.js';
import { subjectKey, type ProfileCacheKey } from '../resource-server/profile-cache.js';
import { createServiceCredential, type ServiceCredentialInput, type UpstreamCredential } from '../resource-server/service-credential.js';
import { boundSessionGuard, type SessionGuard } from '../resource-server/session-binding.js';
import { createValidationCache, type ValidationCache } from '../resource-server/validation-cache.js';
import { createAudienceBlindVerifier } from './audience-blind-verifier.js';
import { createFixedTtlValidationCache } from './fixed-ttl-validation-cache.js';
import { passthroughCredential } from './passthrough-credential.js';
import { isResourceFlawName, resourceFlawNames, type ResourceFlawName } from './resource-flaw-registry.js';
import { toolOnlyKey } from './tool-keyed-profile-cache.js';
import { unboundSessionGuard } from './unbound-session-guard.js';

export interface ResourceStrategies {
  flaws: ReadonlySet<ResourceFlawName>;
  sessionGuard: SessionGuard;
  accessTokenVerifier: AccessTokenVerifier;
  upstreamCredential: UpstreamCredential;
  validationCache: ValidationCache;
  profileCacheKey: ProfileCacheKey;
}

/** The resource server's strategies: the correct one at each point, unless a flaw names it. */
export function composeResourceStrategies(flawList: string[], input: { verifier: VerifierInput; service: ServiceCredentialInput; validationCacheSeconds: number }): ResourceStrategies {
  const unknown = flawList.filter((f) => !isResourceFlawName(f));
  if (unknown.length) throw new ConfigError('flaws', `unknown flaw '${unknown[0]}'; valid: ${resourceFlawNames.join(', ')}`);
  const flaws = new Set(flawList as ResourceFlawName[]);
  return {
    flaws,
    sessionGuard: flaws.has('session-not-bound-to-user') ? unboundSessionGuard : boundSessionGuard,
    accessTokenVerifier: flaws.has('no-audience-check') ? createAudienceBlindVerifier(input.verifier) : createAccessTokenVerifier(input.verifier),
    upstreamCredential: flaws.has('token-passthrough') ? passthroughCredential : createServiceCredential(input.service),
    validationCache: flaws.has('validation-cache-outlives-revocation') ? createFixedTtlValidationCache(input.validationCacheSeconds) : createValidationCache(input.validationCacheSeconds),
    profileCacheKey: flaws.has('data-cache-keyed-wrong') ? toolOnlyKey : subjectKey,
  };
}
