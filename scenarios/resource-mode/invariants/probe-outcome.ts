import type { HistoryEvent } from '../../result-types.js';

/** What a server answered a probe: `served` (a tool result came back), `refused` (401, 403 or 404), or `unclear`. */
export function probeOutcome(e: HistoryEvent): 'served' | 'refused' | 'unclear' {
  if (e.detail?.ok === true) return 'served';
  const status = e.detail?.httpStatus;
  if (status === 401 || status === 403 || status === 404) return 'refused';
  return 'unclear';
}

export const isProbeResult = (e: HistoryEvent, key: string) => e.source.kind === 'window' && e.type === 'probe.result' && e.detail?.[key] !== undefined;
export const callOfProbe = (history: HistoryEvent[], result: HistoryEvent) => history.find((e) => e.type === 'probe' && e.op === result.op);
