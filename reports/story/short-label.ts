import type { HistoryEvent } from '../../scenarios/result-types.js';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const MAX = 30;

/**
 * A few words for a dot in the timeline, readable without clicking: operation, tool, token hash, status.
 * `op3 call get_profile`, `op3 get_profile → bob`, `token.refreshed #yeP387wf`, `resource.call #sZ88Q1qh 401`.
 */
export function shortLabel(event: HistoryEvent): string {
  const d = event.detail ?? {};
  const tool = str(d.tool) ?? str(d.method);
  const op = event.op !== undefined ? `op${event.op} ` : '';
  let label: string;
  if (event.source.kind === 'window' && event.type === 'result') {
    const outcome = d.ok === false ? (str(d.error) ?? 'error') : (str(d.dataUser) ?? str(d.status) ?? 'ok');
    label = `${op}${tool ?? 'result'} → ${outcome}`;
  } else if (event.source.kind === 'window') {
    label = `${op}${event.type}${tool ? ` ${tool}` : ''}`;
  } else {
    const token = event.tokenHash ? ` #${event.tokenHash.slice(0, 8)}` : '';
    const status = str(d.status) && str(d.status) !== '200' ? ` ${str(d.status)}` : '';
    label = `${event.type.replace(/^fault\./, '')}${tool ? ` ${tool}` : ''}${token}${status}`;
  }
  return label.length > MAX ? `${label.slice(0, MAX - 1)}…` : label;
}
