import { performance } from 'node:perf_hooks';
import type { OidcSimOptions } from '../../oidc-sim/index.js';
import { errorLinks } from '../describe-error.js';
import { interleavingOf } from '../interleaving.js';
import type { HistoryEvent, ScenarioResult } from '../result-types.js';
import { resultBase, statusOf } from '../run-scenario.js';
import type { ServerFactory } from '../server-handle.js';
import { causeChain } from '../target-failure.js';
import type { ResourceScenario } from './define-resource-scenario.js';
import { resourceInvariants } from './invariants/index.js';
import { ResourceWorld } from './resource-world.js';

export interface RunResourceScenarioOptions {
  seed: number;
  flaws: string[];
  server: ServerFactory;
  replayArgs?: string[];
  sim?: OidcSimOptions;
  /** The target's declared validation-cache lifetime (see ResourceWorldOptions); scenarios that need it are skipped without. */
  revocationCacheSeconds?: number;
  onEvent?: (e: HistoryEvent) => void;
}

const SKIP_REASON =
  'needs the validation-cache lifetime within which the target honours a revocation (declare it with --target-revocation-cache SECONDS; the target must validate opaque tokens by introspection)';

/** Runs one resource-server scenario in a fresh world and judges its history; a harness exception is an `error`. */
export async function runResourceScenario(scenario: ResourceScenario, options: RunResourceScenarioOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const base = resultBase(scenario as never, { ...options, replayArgs: ['--mode', 'resource-server', ...(options.replayArgs ?? [])] });
  if (scenario.needs?.includes('revocation-cache') && options.revocationCacheSeconds === undefined) {
    return { ...base, status: 'skipped', reason: SKIP_REASON, durationMs: 0, verdicts: [], history: [] };
  }
  let world: ResourceWorld | undefined;
  try {
    const sim = scenario.sim || options.sim ? { ...scenario.sim, ...options.sim } : undefined;
    world = await ResourceWorld.create({
      seed: options.seed,
      flaws: options.flaws,
      server: options.server,
      ...(sim ? { sim } : {}),
      ...(options.revocationCacheSeconds !== undefined ? { revocationCacheSeconds: options.revocationCacheSeconds } : {}),
    });
    if (options.onEvent) world.history.onEvent(options.onEvent);
    await scenario.run(world);
    const history = world.history.events;
    const verdicts = resourceInvariants.map((i) => i.check(history));
    const marked = history.find((e) => e.source.kind === 'runner' && e.type === 'inconclusive');
    if (marked) verdicts.push({ invariant: 'evidence', holds: false, outcome: 'inconclusive', message: String(marked.detail?.reason), witness: [marked.seq] });
    else verdicts.push({ invariant: 'evidence', holds: true, outcome: 'held', witness: [] });
    const { status, reason } = statusOf(verdicts);
    const targetLog = world.server.targetLog?.();
    return { ...base, status, ...(reason ? { reason } : {}), interleaving: interleavingOf(history), durationMs: performance.now() - started, verdicts, history: [...history], ...(targetLog?.length ? { targetLog } : {}) };
  } catch (err) {
    const causes = causeChain(err);
    return { ...base, status: 'error', durationMs: performance.now() - started, verdicts: [], error: { message: errorLinks(err)[0] ?? String(err), ...(causes.length ? { causes } : {}) }, history: world ? [...world.history.events] : [] };
  } finally {
    await world?.close().catch(() => undefined);
  }
}
