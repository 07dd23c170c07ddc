import type { HistoryEvent } from '../scenarios/result-types.js';
import { laneLabel } from './lane-label.js';
import { formatMs } from './format-ms.js';

/** One line naming an event for humans: `#12 server token.used op=4 user=alice session=s2 token=#3f9a…`. */
export function describeEvent(event: HistoryEvent): string {
  const parts = [`#${event.seq}`, laneLabel(event.source), event.type];
  if (event.op !== undefined) parts.push(`op=${event.op}`);
  if (event.user !== undefined) parts.push(`user=${event.user}`);
  if (event.sessionId !== undefined) parts.push(`session=${event.sessionId}`);
  if (event.grantId !== undefined) parts.push(`grant=${event.grantId}`);
  if (event.tokenHash !== undefined) parts.push(`token=#${event.tokenHash}`);
  parts.push(`@${formatMs(event.at).replace(' ', '')}`);
  return parts.join(' ');
}

/** The witness events of a verdict, described; a seq the history lacks is named rather than dropped. */
export function describeWitness(history: readonly HistoryEvent[], witness: readonly number[]): string[] {
  const bySeq = new Map(history.map((e) => [e.seq, e]));
  return witness.map((seq) => {
    const event = bySeq.get(seq);
    return event ? describeEvent(event) : `#${seq} (not in history)`;
  });
}
