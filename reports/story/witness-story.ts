import type { HistoryEvent, InvariantVerdict, RunResult, ScenarioResult, StoryStep } from '../../scenarios/result-types.js';
import { eventSentence } from './event-sentence.js';

/**
 * A verdict's witness told as a story, Elle-style: the witness events in history order, one sentence each. A pure
 * function of the history and the witness ids, so the console, results.json, JUnit and HTML tell the same story.
 */
export function witnessStory(history: readonly HistoryEvent[], witness: readonly number[]): StoryStep[] {
  const bySeq = new Map(history.map((e) => [e.seq, e]));
  return [...new Set(witness)]
    .sort((a, b) => a - b)
    .map((seq) => {
      const event = bySeq.get(seq);
      // A witness naming an event the history lacks is a harness bug worth seeing, not a step to drop.
      return event ? { seq, at: event.at, text: eventSentence(event) } : { seq, at: 0, text: `event #${seq} is not in the history.` };
    });
}

/** The story of a verdict that did not hold: the one it carries (read from results.json), else told from the history. */
export function storyOf(scenario: ScenarioResult, verdict: InvariantVerdict): StoryStep[] {
  if (verdict.holds) return [];
  return verdict.story ?? witnessStory(scenario.history, verdict.witness);
}

/** The run with every verdict that did not hold carrying its story: what the JSON writer saves. */
export function withStories(run: RunResult): RunResult {
  return {
    ...run,
    scenarios: run.scenarios.map((s) => ({
      ...s,
      verdicts: s.verdicts.map((v) => (v.holds || v.witness.length === 0 ? v : { ...v, story: storyOf(s, v) })),
    })),
  };
}
