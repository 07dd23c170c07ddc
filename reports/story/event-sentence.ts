import type { HistoryEvent } from '../../scenarios/result-types.js';
import { formatMs } from '../format-ms.js';
import { actorOf } from './actor-of.js';
import { phraseOf } from './phrases.js';

/**
 * One event as one plain sentence: when, who, did what, to which token hash or session. Only fields the history
 * already holds as hashes (tokenHash, parent, sessionId) name a credential, so the sentence is as safe as the event.
 * `at 719 ms, window A (alice) got get_profile's answer with bob's data in session s:rAk6K5WGhpWw.`
 */
export function eventSentence(event: HistoryEvent): string {
  return `at ${formatMs(event.at)}, ${actorOf(event)} ${phraseOf(event)}.`;
}
