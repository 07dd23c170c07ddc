import { createHash } from 'node:crypto';
import type { HistoryEvent } from './result-types.js';

/** What an interleaving is made of: who did what, in which order (no times, no hashes of token values). */
function step(e: HistoryEvent): string | undefined {
  if (e.source.kind === 'window') return `${e.source.window}.${e.type}.${String(e.detail?.tool ?? '')}.${e.detail?.ok === undefined ? '' : e.detail.ok ? 'ok' : String(e.detail.error)}`;
  if (e.source.kind === 'sim' && e.source.endpoint === 'token') return `sim.${e.type}.${e.user ?? ''}`;
  if (e.source.kind === 'fault' && e.type.startsWith('fault.gate')) return `${e.type}.${e.user ?? ''}.${String(e.detail?.index ?? '')}`;
  if (e.source.kind === 'runner' && e.type === 'gate.release-order') return `release.${JSON.stringify(e.detail?.order)}`;
  return undefined;
}

/**
 * A short fingerprint of the order in which windows, the provider's token endpoint and gates acted. Two runs with the
 * same fingerprint explored the same interleaving; `--repeat` counts distinct ones.
 */
export function interleavingOf(history: HistoryEvent[]): string {
  const steps = history.map(step).filter((s) => s !== undefined);
  return createHash('sha256').update(steps.join('\n')).digest('base64url').slice(0, 12);
}
