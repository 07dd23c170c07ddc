import type { HistoryEvent, RunResult } from '../scenarios/result-types.js';

/**
 * Event details are free-form and written by many hands; a report is often attached to a public CI run. So every
 * writer passes results through here: values under secret-sounding keys and anything shaped like a JWT are replaced,
 * even though the harness promises to record only hashes.
 */
const SECRET_KEY = /(^|[_-])(access|refresh|id)?[_-]?token$|^token$|secret|password|authorization|cookie|credential|assertion/i;
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|DPoP)\s+[A-Za-z0-9._~+/-]{8,}=*/gi;

// Free text (a target's log line, a story read back from a file): `access_token=…`, `"refresh_token": "…"`, and an
// MCP session id header, whatever the line's format.
const SECRET_ASSIGNMENT = /\b((?:access|refresh|id)_token|client_secret|password|mcp-session-id|code_verifier)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]{4,}/gi;

export const REDACTED = '[redacted]';

export function redactSecrets(run: RunResult): RunResult {
  return {
    ...run,
    scenarios: run.scenarios.map((s) => ({
      ...s,
      history: s.history.map(redactEvent),
      verdicts: s.verdicts.map((v) => (v.story ? { ...v, story: v.story.map((step) => ({ ...step, text: redactText(step.text) })) } : v)),
      ...(s.targetLog ? { targetLog: s.targetLog.map(redactText) } : {}),
    })),
  };
}

/** One line of free text with anything shaped like a credential replaced. */
export function redactText(text: string): string {
  return text
    .replace(JWT_SHAPE, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(SECRET_ASSIGNMENT, `$1$2${REDACTED}`);
}

function redactEvent(event: HistoryEvent): HistoryEvent {
  if (event.detail === undefined) return event;
  return { ...event, detail: redactValue(event.detail) as Record<string, unknown> };
}

function redactValue(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key)) return REDACTED;
    return redactText(value);
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
  }
  return value;
}
