import { createHash } from 'node:crypto';
import type { HistoryEvent } from '../../scenarios/result-types.js';

/**
 * Which interleaving a run took, as a short id: a digest of the order of the client operations (window, call or
 * result, tool, outcome) and the provider's token events. Users are renamed by first appearance and hashes left out,
 * so two runs that interleaved the same way get the same id whatever their seeds drew.
 */
export function interleavingSignature(history: readonly HistoryEvent[]): string {
  const users = new Map<string, string>();
  const who = (user: string | undefined) => {
    if (user === undefined) return '-';
    if (!users.has(user)) users.set(user, `u${users.size + 1}`);
    return users.get(user)!;
  };
  const steps = history.flatMap((e) => {
    if (e.source.kind === 'window' && (e.type === 'call' || e.type === 'result')) {
      const outcome = e.type === 'result' ? (e.detail?.ok === false ? `!${String(e.detail?.error ?? 'error')}` : `=${who(e.detail?.dataUser as string | undefined)}`) : '';
      return [`${e.source.window}:${e.type}:${String(e.detail?.tool ?? '')}${outcome}`];
    }
    if (e.source.kind === 'sim' && e.source.endpoint === 'token') return [`token:${e.type}:${who(e.user)}`];
    return [];
  });
  return createHash('sha256').update(steps.join('\n')).digest('hex').slice(0, 8);
}
