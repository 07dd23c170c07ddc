import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../scenarios/result-types.js';
import { readResults } from '../json/read-results.js';
import { sampleRun } from '../testing/sample-run.js';
import { sampleTokens } from '../testing/sample-tokens.js';
import { eventSentence } from './event-sentence.js';
import { storyOf, withStories, witnessStory } from './witness-story.js';

const realRun = () => readResults(fileURLToPath(new URL('../testing/real-flaw-run.json', import.meta.url)));
const event = (e: Partial<HistoryEvent> & Pick<HistoryEvent, 'source' | 'type'>): HistoryEvent => ({ seq: 0, at: 12.5, ...e });

describe('witnessStory', () => {
  it('tells a real isolation failure as who did what, in which session, and when', async () => {
    const run = await realRun();
    const scenario = run.scenarios[0]!;
    const verdict = scenario.verdicts.find((v) => !v.holds)!;
    expect(witnessStory(scenario.history, verdict.witness)).toEqual([
      { seq: 24, at: 714.304, text: 'at 714 ms, window A (alice) called get_profile in session s:rAk6K5WGhpWw.' },
      { seq: 27, at: 719.108, text: "at 719 ms, window A (alice) got get_profile's answer with bob's data, not alice's, in session s:rAk6K5WGhpWw." },
    ]);
  });

  it('orders steps by the history, not by the order the invariant listed them, and names a missing event', () => {
    const history = sampleRun().scenarios[0]!.history;
    const story = witnessStory(history, [15, 11, 99, 11]);
    expect(story.map((s) => s.seq)).toEqual([11, 15, 99]);
    expect(story[2]!.text).toBe('event #99 is not in the history.');
  });

  it('names tokens by hash and sessions by their hashed id, never by value', () => {
    const t = sampleTokens();
    const story = witnessStory(sampleRun().scenarios[0]!.history, [11, 12, 13, 15]).map((s) => s.text).join('\n');
    for (const secret of Object.values(t)) expect(story).not.toContain(secret);
    expect(story).toMatch(/token #[0-9a-f]{12}/);
  });

  it('says what the provider did to which token', () => {
    const sim = { kind: 'sim', endpoint: 'token' } as const;
    expect(eventSentence(event({ source: sim, type: 'token.refreshed', user: 'alice', parent: 'aaaaaaaaaaaa', tokenHash: 'bbbbbbbbbbbb' }))).toBe(
      "at 12.5 ms, the provider rotated alice's refresh token #aaaaaaaaaaaa into #bbbbbbbbbbbb.",
    );
    expect(eventSentence(event({ source: sim, type: 'reuse.detected', user: 'alice', tokenHash: 'aaaaaaaaaaaa' }))).toBe(
      "at 12.5 ms, the provider saw alice's refresh token #aaaaaaaaaaaa presented again after it had been rotated.",
    );
    expect(eventSentence(event({ source: { kind: 'fault' }, type: 'fault.gate.held', user: 'alice', detail: { gate: 'g1', request: 'r2' } }))).toBe(
      "at 12.5 ms, the fault layer held alice's request r2 at gate g1.",
    );
  });

  it('still says something useful about an event type it has no phrase for', () => {
    expect(eventSentence(event({ source: { kind: 'server', replica: 'r2' }, type: 'cache.evicted', user: 'bob', sessionId: 's:abc' }))).toBe(
      'at 12.5 ms, server replica r2 recorded cache.evicted (for bob, session s:abc).',
    );
  });
});

describe('storyOf and withStories', () => {
  it('adds a story to each verdict that did not hold and leaves held verdicts alone', () => {
    const run = withStories(sampleRun());
    const [broken, ...held] = run.scenarios[0]!.verdicts;
    expect(broken!.story).toHaveLength(4);
    for (const v of held) expect(v.story).toBeUndefined();
  });

  it('prefers the story a results file carries over telling it again', () => {
    const scenario = sampleRun().scenarios[0]!;
    const verdict = { ...scenario.verdicts[0]!, story: [{ seq: 11, at: 1, text: 'as saved.' }] };
    expect(storyOf(scenario, verdict)).toEqual([{ seq: 11, at: 1, text: 'as saved.' }]);
    expect(storyOf(scenario, scenario.verdicts[1]!)).toEqual([]);
  });
});
