import type { HistoryEvent } from '../../scenarios/result-types.js';

type Phrase = (e: HistoryEvent, d: Record<string, unknown>) => string;

// Small readers: a detail value only if it has the expected type, so a hostile or odd event reads as "?" not "[object]".
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const hash = (h: unknown) => (str(h) ? `#${str(h)}` : 'a token');
const whose = (e: HistoryEvent) => (e.user ? `${e.user}'s` : 'a');
const expiredWhat = (d: Record<string, unknown> | undefined) => {
  const n = typeof d?.records === 'number' ? d.records : undefined;
  const kind = str(d?.target) ? ` (${str(d?.target)})` : '';
  return n === undefined ? `tokens${kind}` : `${n} token record${n === 1 ? '' : 's'}${kind}`;
};
const inSession = (e: HistoryEvent) => (e.sessionId ? ` in session ${e.sessionId}` : '');
const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const quoted = (v: unknown) => (str(v) ? `: "${clip(str(v)!)}"` : '');
const statusOf = (d: Record<string, unknown>) => (str(d.status) ? ` (status ${str(d.status)})` : '');
const toolOf = (d: Record<string, unknown>) => str(d.tool) ?? str(d.method) ?? 'a tool';

function windowCall(e: HistoryEvent, d: Record<string, unknown>): string {
  const purpose = str(d.loginAs) ? ` to log in as ${str(d.loginAs)}` : str(d.resumeAs) ? ` to resume as ${str(d.resumeAs)}` : '';
  return `called ${toolOf(d)}${purpose}${inSession(e)}`;
}

function windowResult(e: HistoryEvent, d: Record<string, unknown>): string {
  const tool = toolOf(d);
  if (d.ok === false) return `got ${str(d.error) ?? 'an error'} from ${tool}${quoted(d.message)}${inSession(e)}`;
  const data = str(d.dataUser);
  if (data) {
    const mismatch = e.user && e.user !== data ? `, not ${e.user}'s${e.sessionId ? ',' : ''}` : '';
    return `got ${tool}'s answer with ${data}'s data${mismatch}${inSession(e)}`;
  }
  if (str(d.status)) return `got ${tool}'s answer: ${str(d.status)}${inSession(e)}`;
  return `got ${tool}'s answer${inSession(e)}`;
}

const WINDOW: Record<string, Phrase> = {
  connect: (e) => `opened MCP session ${e.sessionId ?? '(unnamed)'}`,
  disconnect: (e, d) => `${d.terminate ? 'ended' : 'dropped the transport of'} session ${e.sessionId ?? '(unnamed)'}`,
  call: windowCall,
  result: windowResult,
};

const SIM: Record<string, Phrase> = {
  'token.issued': (e, d) => `issued refresh token ${hash(e.tokenHash)} to ${e.user ?? 'a user'}${str(d.accessTokenHash) ? ` with access token ${hash(d.accessTokenHash)}` : ''}`,
  'token.refreshed': (e) => `rotated ${whose(e)} refresh token ${hash(e.parent)} into ${hash(e.tokenHash)}`,
  'token.undelivered': (e) => `could not deliver ${whose(e)} new refresh token ${hash(e.tokenHash)}: the caller had hung up, holding only ${hash(e.parent)}`,
  'reuse.detected': (e) => `saw ${whose(e)} refresh token ${hash(e.tokenHash)} presented again after it had been rotated`,
  'reuse.allowed': (e) => `accepted ${whose(e)} rotated refresh token ${hash(e.tokenHash)} again, as its profile allows`,
  'grant.revoked': (e) => `revoked ${whose(e)} whole grant`,
  'refresh.rejected': (e, d) => `refused a refresh with ${whose(e)} token ${hash(e.tokenHash)}${quoted(d.reason ?? d.error)}`,
  'token.revoked': (e) => `revoked ${whose(e)} token ${hash(e.tokenHash)}`,
  // expire-now names one token, or all of a user's (detail.target says which kind and detail.records how many).
  'token.expired': (e) => (str(e.tokenHash) ? `expired ${whose(e)} token ${hash(e.tokenHash)}` : `expired ${whose(e)} ${expiredWhat(e.detail)}`),
  'expired.use': (e) => `refused ${whose(e)} expired token ${hash(e.tokenHash)}`,
  introspected: (e, d) => `introspected ${whose(e)} token ${hash(e.tokenHash)}: ${d.active === true ? 'active' : d.active === false ? 'inactive' : 'answered'}`,
  userinfo: (e, d) => `answered userinfo for ${whose(e)} access token ${hash(e.tokenHash)}${statusOf(d)}`,
  'resource.call': (e, d) => `${str(d.status) && str(d.status) !== '200' ? 'refused' : `served ${whose(e)} data for`} access token ${hash(e.tokenHash)}${statusOf(d)}`,
  'device.approved': (e) => `approved the device login of ${e.user ?? 'a user'}`,
};

const SERVER: Record<string, Phrase> = {
  'session.opened': (e) => `opened session ${e.sessionId ?? '(unnamed)'}`,
  'session.closed': (e, d) => `closed session ${e.sessionId ?? '(unnamed)'}${str(d.reason) ? ` (${str(d.reason)})` : ''}${d.tokensDeleted ? ` and deleted ${whose(e)} tokens` : ''}`,
  'session.restored': (e) => `restored session ${e.sessionId ?? '(unnamed)'}`,
  'session.activated': (e, d) => `made session ${e.sessionId ?? '(unnamed)'} ${whose(e)} active session${str(d.via) ? ` (via ${str(d.via)})` : ''}`,
  'session.activation-failed': (e, d) => `could not activate session ${e.sessionId ?? '(unnamed)'} for ${e.user ?? 'a user'}${quoted(d.reason)}`,
  'login.started': (e) => `started a device login${inSession(e)}`,
  'login.succeeded': (e, d) => `logged ${e.user ?? 'a user'} in${inSession(e)} with refresh token ${hash(d.refreshTokenHash)}`,
  'login.failed': (e, d) => `failed a login${inSession(e)}${quoted(d.message ?? d.error)}`,
  'tool.called': (e, d) => `ran ${toolOf(d)}${inSession(e)} as ${e.user ?? 'no user'}${d.ok === false ? `, which failed${quoted(d.error)}` : ''}`,
  'refresh.started': (e, d) => `started refreshing ${whose(e)} tokens with refresh token ${hash(d.refreshTokenHash)}${str(d.trigger) ? ` (for a ${str(d.trigger)})` : ''}`,
  'refresh.joined': (e, d) => `joined the refresh already in flight for ${e.user ?? 'a user'}${str(d.trigger) ? ` (for a ${str(d.trigger)})` : ''}`,
  'refresh.waiting': (e) => `waited for ${whose(e)} lock in the store, held by another replica, before refreshing`,
  'refresh.adopted': (e, d) => `adopted ${whose(e)} tokens another refresher got (access token ${hash(d.accessTokenHash)})`,
  'refresh.succeeded': (e, d) => `refreshed ${whose(e)} tokens: refresh token ${hash(d.refreshTokenHash)} became ${hash(d.newRefreshTokenHash)}`,
  'refresh.failed': (e, d) => `failed to refresh ${whose(e)} tokens with refresh token ${hash(d.refreshTokenHash)}${quoted(d.error)}`,
  'tokens.written': (e, d) => `wrote ${whose(e)} tokens (access ${hash(d.accessTokenHash)}${str(d.refreshTokenHash) ? `, refresh ${hash(d.refreshTokenHash)}` : ''})${d.partial ? ', only partly' : ''}`,
  'heartbeat.started': (_e, d) => `started heartbeat round ${str(d.cycle) ?? '?'}`,
  'heartbeat.finished': (_e, d) => `finished heartbeat round ${str(d.cycle) ?? '?'}`,
  'heartbeat.skipped': (_e, d) => `skipped heartbeat round ${str(d.cycle) ?? '?'}${quoted(d.reason)}`,
  logout: (e, d) => `logged ${e.user ?? 'a user'} out${inSession(e)}${d.revoked === true ? ', revoking at the provider' : d.revoked === false ? ' without revoking at the provider' : ''}`,
  needs_reauth: (e, d) => `marked ${e.user ?? 'a user'} as needing to log in again${quoted(d.reason)}`,
  'user.removed': (e, d) => `removed ${whose(e)} token record${quoted(d.reason)}`,
  'request.rejected': (_e, d) => `rejected a request${statusOf(d)}${quoted(d.reason)}`,
  'server.error': (_e, d) => `hit an error${quoted(d.message)}`,
};

const FAULT: Record<string, Phrase> = {
  'fault.gate.held': (e, d) => `held ${e.user ? `${whose(e)} ` : ''}request ${str(d.request) ?? '?'} at gate ${str(d.gate) ?? '?'}`,
  'fault.gate.abandoned': (_e, d) => `saw the caller of request ${str(d.request) ?? '?'} hang up while gate ${str(d.gate) ?? '?'} held it`,
  'fault.gate.released': (e, d) => `released request ${str(d.request) ?? '?'} from gate ${str(d.gate) ?? '?'}`,
  'fault.latency': (_e, d) => `delayed a request by ${str(d.ms) ?? '?'} ms`,
  'fault.refused': (_e, d) => `refused a request${statusOf(d)}`,
  'fault.reset': () => 'reset a connection',
  'fault.hang': () => 'left a request hanging',
  'fault.hang.ended': (_e, d) => `ended a hanging request${str(d.by) ? ` (by the ${str(d.by)})` : ''}`,
  'fault.outage': () => 'answered as if the provider were down',
  'fault.commit-then-fail': (e) => `let the provider commit ${whose(e)} refresh, then dropped its answer`,
  'fault.tamper': (e, d) => `tampered with ${whose(e)} id_token${str(d.kind) ? ` (${str(d.kind)})` : ''}`,
  'fault.skew': (_e, d) => `moved the simulator's clock by ${str(d.ms) ?? '?'} ms`,
};

const PHRASES = { window: WINDOW, sim: SIM, server: SERVER, fault: FAULT } as const;

/** What an event's actor did, without the actor: `called get_profile in session s:ab…`. */
export function phraseOf(event: HistoryEvent): string {
  const detail = event.detail ?? {};
  if (event.source.kind === 'runner') return `noted ${quoted(detail.step ?? detail.note ?? event.type).slice(2) || event.type}`;
  const phrase = PHRASES[event.source.kind][event.type];
  return phrase ? phrase(event, detail) : fallback(event);
}

/** An event no phrase knows yet still says what it touched. */
function fallback(e: HistoryEvent): string {
  const refs = [e.user && `for ${e.user}`, e.tokenHash && `token ${hash(e.tokenHash)}`, e.sessionId && `session ${e.sessionId}`].filter(Boolean);
  return `recorded ${e.type}${refs.length ? ` (${refs.join(', ')})` : ''}`;
}
