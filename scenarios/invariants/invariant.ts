import type { HistoryEvent, InvariantVerdict } from '../result-types.js';

/** A pure function over one recorded history. `witness` is the smallest set of events that shows a violation. */
export interface Invariant {
  name: string;
  /** One line: when it holds. */
  holds: string;
  check(history: HistoryEvent[]): InvariantVerdict;
}

export const held = (invariant: string): InvariantVerdict => ({ invariant, holds: true, outcome: 'held', witness: [] });

const seqs = (witness: HistoryEvent[]) => [...new Set(witness.map((e) => e.seq))].sort((a, b) => a - b);

export const violated = (invariant: string, message: string, witness: HistoryEvent[]): InvariantVerdict => ({
  invariant,
  holds: false,
  outcome: 'violated',
  message,
  witness: seqs(witness),
});

/** The history held nothing this invariant could judge where the scenario meant it to: never a pass. */
export const inconclusive = (invariant: string, reason: string, witness: HistoryEvent[] = []): InvariantVerdict => ({
  invariant,
  holds: false,
  outcome: 'inconclusive',
  message: reason,
  witness: seqs(witness),
});

export const isViolated = (v: InvariantVerdict) => (v.outcome ?? (v.holds ? 'held' : 'violated')) === 'violated';
export const isInconclusive = (v: InvariantVerdict) => v.outcome === 'inconclusive';

// Small readers over the history vocabulary written by the world (window.ts, world.ts).
export const isWindow = (e: HistoryEvent) => e.source.kind === 'window';
export const windowOf = (e: HistoryEvent) => (e.source.kind === 'window' ? e.source.window : undefined);
export const isSim = (e: HistoryEvent) => e.source.kind === 'sim';
export const toolOf = (e: HistoryEvent) => e.detail?.tool as string | undefined;
export const isResult = (e: HistoryEvent, tool?: string) => isWindow(e) && e.type === 'result' && (!tool || toolOf(e) === tool);
export const okOf = (e: HistoryEvent) => e.detail?.ok === true;
export const callOf = (history: HistoryEvent[], result: HistoryEvent) =>
  history.find((e) => e.type === 'call' && e.op === result.op && e.op !== undefined);

/** Refresh attempts the provider saw: successful or not. */
/** Faults that make the provider unreachable for a user's refreshes or lose their answers: an outage, to the invariants. */
export const OUTAGES = new Set(['fault.outage', 'fault.refused', 'fault.reset', 'fault.hang', 'fault.commit-then-fail']);
/** Whether `e` is such a fault hitting `user`'s refreshes (a fault on every user's counts too). */
export const isOutageFor = (e: HistoryEvent, user: string | undefined) => e.source.kind === 'fault' && OUTAGES.has(e.type) && (e.user === undefined || e.user === user);

export const REFRESH_ATTEMPTS = new Set(['token.refreshed', 'refresh.rejected', 'reuse.detected', 'expired.use']);
export const isRefreshAttempt = (e: HistoryEvent) => e.source.kind === 'sim' && e.source.endpoint === 'token' && REFRESH_ATTEMPTS.has(e.type);

/** Tools whose answer carries a user's data: what isolation and recovery judge. */
const USER_DATA_TOOLS = new Set(['get_profile', 'whoami']);
export const isUserDataResult = (e: HistoryEvent) => isResult(e) && USER_DATA_TOOLS.has(String(e.detail?.tool));

/** Every refresh-token hash of a grant (its family), from the ledger. */
export function familyHashes(history: HistoryEvent[], grantId: string): Set<string> {
  const hashes = new Set<string>();
  for (const e of history) if (isSim(e) && e.grantId === grantId && e.tokenHash && (e.type === 'token.issued' || e.type === 'token.refreshed')) hashes.add(e.tokenHash);
  return hashes;
}
