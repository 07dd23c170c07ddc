import type { InvariantVerdict, ScenarioStatus } from '../result-types.js';
import { judgeHistory, statusOf } from '../run-scenario.js';
import type { World } from '../world.js';

/** A world's history judged by every invariant, as a run judges a scenario's: what the matchers read. */
export interface Judgement {
  status: ScenarioStatus;
  /** Why it is inconclusive, when it is. */
  reason?: string;
  verdicts: InvariantVerdict[];
}

/** Judges what happened in `world` so far (call it once the race is over). Pure over the history: judge again later to see more. */
export function judge(world: Pick<World, 'history'>, { skip = [] }: { skip?: string[] } = {}): Judgement {
  const events = world.history.events;
  const judged = judgeHistory(events, skip);
  // Green needs evidence: an invariant that holds over a world no window acted in judged nothing.
  const verdicts = events.some((e) => e.source.kind === 'window')
    ? judged
    : judged.map((v): InvariantVerdict => (v.outcome === 'held' ? { ...v, holds: false, outcome: 'inconclusive', message: 'no window made a call in this world: nothing to judge' } : v));
  return { ...statusOf(verdicts), verdicts };
}
