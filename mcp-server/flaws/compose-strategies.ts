import { createCleanupFailurePolicy, type FailurePolicy } from '../tokens/failure-policy.js';
import { createAtomicTokenWriter, type TokenWriter } from '../tokens/atomic-token-writer.js';
import { createSingleFlightRefresher } from '../tokens/single-flight-refresher.js';
import { createStoreRefreshLock, type RefreshLock } from '../tokens/refresh-lock.js';
import { createGenerationEvictor, type TokenEvictor } from '../tokens/token-evictor.js';
import type { Refresher } from '../tokens/refresh-once.js';
import { createVerifyingValidator, type IdTokenValidator } from '../provider/id-token-validator.js';
import { createMarginPolicy, type HeartbeatPolicy } from '../heartbeat/heartbeat-policy.js';
import { createSkipWhileRunningGuard, type CycleGuard } from '../heartbeat/cycle-guard.js';
import { createRecheckingStep, type HeartbeatStep } from '../heartbeat/heartbeat-step.js';
import { createPerSessionResolver, type SessionResolver } from '../sessions/session-resolver.js';
import { createAtomicActivator, type SessionActivator } from '../sessions/session-activator.js';
import { createKeepTokensCloser, type SessionCloser } from '../sessions/session-closer.js';
import { createProviderRevoker, type Revoker } from '../logout/revoker.js';
import { createIdempotentRepeat, createNotFoundRepeat, type LogoutRepeat } from '../logout/logout-repeat.js';
import type { ServerContext } from '../server-context.js';
import type { CompositionPoint, FlawName } from './flaw-registry.js';
import { createDecodingValidator } from './decoding-validator.js';
import { createTornTokenWriter } from './torn-token-writer.js';
import { createKeepFailingPolicy } from './keep-failing-policy.js';
import { createNaiveRefresher } from './naive-refresher.js';
import { createNoMarginPolicy } from './no-margin-policy.js';
import { createOverlappingGuard } from './overlapping-guard.js';
import { createSnapshotStep } from './snapshot-step.js';
import { createGlobalActiveSessionResolver } from './global-active-session-resolver.js';
import { createCheckThenSetActivator } from './check-then-set-activator.js';
import { createDeleteTokensCloser } from './delete-tokens-closer.js';
import { createLocalOnlyRevoker } from './local-only-revoker.js';
import { createProcessRefreshLock } from './process-refresh-lock.js';
import { createBlindEvictor } from './blind-evictor.js';

/** The server's swappable parts; each flaw of the registry replaces exactly one of them. */
export interface Strategies {
  idTokenValidator: IdTokenValidator;
  tokenWriter: TokenWriter;
  failurePolicy: FailurePolicy;
  tokenEvictor: TokenEvictor;
  refresher: Refresher;
  refreshLock: RefreshLock;
  heartbeatPolicy: HeartbeatPolicy;
  cycleGuard: CycleGuard;
  heartbeatStep: HeartbeatStep;
  sessionResolver: SessionResolver;
  activator: SessionActivator;
  sessionCloser: SessionCloser;
  revoker: Revoker;
  logoutRepeat: LogoutRepeat;
}

// Every composition point the registry names is a field here, and nothing else is.
type _PointsAreFields = [CompositionPoint] extends [keyof Strategies] ? ([keyof Strategies] extends [CompositionPoint] ? true : never) : never;
const _check: _PointsAreFields = true;
void _check;

/** Builds the reference server's strategies, with the flawed one wherever a flaw is switched on. */
export function composeStrategies(ctx: ServerContext, flaws: ReadonlySet<FlawName>): Strategies {
  const pick = <T>(flaw: FlawName, reference: () => T, flawed: () => T): T => (flaws.has(flaw) ? flawed() : reference());

  const idTokenValidator = pick('unvalidated-tokens', () => createVerifyingValidator(ctx.provider, ctx.config.clientId, () => ctx.now(), ctx.config.idTokenIatSkewMs), createDecodingValidator);
  const tokenWriter = pick('torn-token-update', () => createAtomicTokenWriter(ctx), () => createTornTokenWriter(ctx));
  const tokenEvictor = pick('blind-delete', () => createGenerationEvictor(ctx), () => createBlindEvictor(ctx));
  const failurePolicy = pick('no-failure-cleanup', () => createCleanupFailurePolicy(ctx, tokenEvictor), () => createKeepFailingPolicy(ctx));
  const refreshLock = pick('replica-unlocked-refresh', () => createStoreRefreshLock(ctx), () => createProcessRefreshLock(ctx));
  const refreshDeps = { writer: tokenWriter, failures: failurePolicy, lock: refreshLock };
  const refresher = pick('unlocked-refresh', () => createSingleFlightRefresher(ctx, refreshDeps), () => createNaiveRefresher(ctx, refreshDeps));
  const heartbeatPolicy = pick('tight-heartbeat', () => createMarginPolicy(ctx.config.heartbeat), createNoMarginPolicy);
  const cycleGuard = pick('overlapping-heartbeat', () => createSkipWhileRunningGuard(ctx), createOverlappingGuard);
  const heartbeatStep = pick(
    'heartbeat-after-logout',
    () => createRecheckingStep(ctx, refresher, heartbeatPolicy.marginMs),
    () => createSnapshotStep(ctx, refresher, heartbeatPolicy.marginMs),
  );
  const sessionResolver = pick('global-active-session', () => createPerSessionResolver(ctx), () => createGlobalActiveSessionResolver(ctx));
  const activator = pick('activation-race', () => createAtomicActivator(ctx, sessionResolver), () => createCheckThenSetActivator(ctx, sessionResolver));
  const sessionCloser = pick('close-deletes-tokens', createKeepTokensCloser, () => createDeleteTokensCloser(ctx));
  const revoker = pick('no-revoke-on-logout', () => createProviderRevoker(ctx), createLocalOnlyRevoker);
  const logoutRepeat = pick('non-idempotent-logout', createIdempotentRepeat, createNotFoundRepeat);

  return { idTokenValidator, tokenWriter, failurePolicy, tokenEvictor, refresher, refreshLock, heartbeatPolicy, cycleGuard, heartbeatStep, sessionResolver, activator, sessionCloser, revoker, logoutRepeat };
}
