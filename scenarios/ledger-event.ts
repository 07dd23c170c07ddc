import type { LedgerEvent } from '../oidc-sim/index.js';
import type { NewEvent } from './history.js';

/** A simulator ledger event as the history records it: faults apart, the ledger's own order kept in `ledgerSeq`. */
export function historyEventOf(e: LedgerEvent): NewEvent {
  const isFault = e.type.startsWith('fault.');
  return {
    at: e.at,
    source: isFault ? { kind: 'fault' } : { kind: 'sim', endpoint: e.endpoint },
    type: e.type,
    user: e.username,
    grantId: e.grantId,
    tokenHash: e.tokenHash,
    parent: e.parent,
    detail: { ledgerSeq: e.seq, ...(e.clientId ? { clientId: e.clientId } : {}), ...e.detail },
  };
}
