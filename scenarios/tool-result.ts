/** What the harness reads from a tool result. Only these fields enter the history: never a token or credential. */
export interface ToolOutcome {
  ok: boolean;
  /** Machine-readable error code (not_authenticated, needs_reauth, ...), or a transport failure. */
  error?: string;
  message?: string;
  /** The user whose data came back (username), for isolation. */
  dataUser?: string;
  /** session_status's status. */
  status?: string;
  /** The parsed JSON payload; kept out of the history. */
  data?: Record<string, unknown>;
}

/** Reads an MCP tool result whose first text content is JSON. */
export function readToolResult(result: { content?: unknown; isError?: unknown }): ToolOutcome {
  const content = Array.isArray(result.content) ? result.content : [];
  const text = content.find((c: { type?: string }) => c?.type === 'text')?.text as string | undefined;
  let data: Record<string, unknown> = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { message: text };
  }
  const ok = result.isError !== true;
  return {
    ok,
    ...(ok ? {} : { error: String(data.error ?? 'error') }),
    ...(typeof data.message === 'string' ? { message: data.message.slice(0, 200) } : {}),
    ...(findUser(data) ? { dataUser: findUser(data) } : {}),
    ...(typeof data.status === 'string' ? { status: data.status } : {}),
    data,
  };
}

/** The username in a profile-like payload, wherever the tool nests it. */
function findUser(value: unknown, depth = 0): string | undefined {
  if (!value || typeof value !== 'object' || depth > 3) return undefined;
  const v = value as Record<string, unknown>;
  for (const key of ['username', 'preferred_username']) if (typeof v[key] === 'string') return v[key] as string;
  for (const key of ['profile', 'user', 'userinfo']) {
    const found = findUser(v[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Finds a string field anywhere in a (shallow) payload, e.g. user_code or the resume credential. */
export function findField(data: Record<string, unknown> | undefined, pattern: RegExp): string | undefined {
  if (!data) return undefined;
  for (const [k, v] of Object.entries(data)) {
    if (pattern.test(k) && typeof v === 'string') return v;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = findField(v as Record<string, unknown>, pattern);
      if (inner) return inner;
    }
  }
  return undefined;
}
