import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { History } from './history.js';
import { deferred } from './deferred.js';
import { sessionHash } from './session-hash.js';
import { HarnessError, isTargetFailure } from './target-failure.js';
import { findField, readToolResult, type ToolOutcome } from './tool-result.js';
import { describeError } from './describe-error.js';
import { WindowError } from './window-error.js';
import { windowFetch } from './window-fetch.js';
import { harnessDefaults } from './defaults.js';

export interface WindowHost {
  history: History;
  serverUrl(): string;
  approveDevice(userCode: string, user: string): Promise<void>;
  /**
   * Resolves when the server says the login of this session begun at history event `since` finished (in process; an
   * earlier login's end does not count), or undefined to poll.
   */
  loginSettled?(sessionId: string, since: number): Promise<void>;
}

/**
 * The SDK gives every Client its own Ajv (every format compiled in: milliseconds each, hundreds of windows in
 * many-clients) to check tool output schemas, which it reads only from tools/list; windows share one.
 */
const windowValidator = new AjvJsonSchemaValidator();

/**
 * A browser window: one MCP client with its own session, driven by the scenario. Every call and result goes into
 * the history; server misbehaviour comes back as a failed outcome, never as an exception.
 */
export class Window {
  user: string | undefined;
  #client: Client | undefined;
  #transport: StreamableHTTPClientTransport | undefined;
  #resume: { user: string; credential: string } | undefined;
  #disconnecting: Promise<void> | undefined;
  #closed = deferred();
  /** Counts this window's own disconnects: a call cut short by one was hung up by the window, not failed by the server. */
  #hangUps = 0;

  constructor(
    readonly name: string,
    readonly intendedUser: string,
    private readonly host: WindowHost,
    /** A hostile window: speaks on this session id (another window's, or a closed one) without initializing. */
    private readonly borrowedSessionId?: string,
  ) {}

  get sessionId(): string | undefined {
    return this.#transport?.sessionId;
  }

  /**
   * Throws a WindowError (window, operation, URL, cause chain) when the server cannot be reached or initialized.
   * Calls made at once on a window with no session share one connect (found by explore: a login and a status call
   * raced on a closed window and opened two sessions, so the login waited on the wrong one).
   */
  connect(): Promise<void> {
    // A window being closed opens anew once it has closed, never on the transport it is closing.
    if (this.#disconnecting) return this.#disconnecting.then(() => this.connect());
    if (this.#client) return Promise.resolve();
    this.#connecting ??= this.#open().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  #connecting: Promise<void> | undefined;

  async #open(): Promise<void> {
    const url = this.host.serverUrl();
    // windowFetch: the windows' own pool, which never reuses a socket the server may be timing out (issue 12).
    const transport = new StreamableHTTPClientTransport(new URL(url), { fetch: windowFetch, ...(this.borrowedSessionId ? { sessionId: this.borrowedSessionId } : {}) });
    const client = new Client({ name: `window-${this.name}`, version: '1.0.0' }, { jsonSchemaValidator: windowValidator });
    // Kept only once connected: a refused connect leaves no half-made client, so the next call tries afresh.
    try {
      await client.connect(transport, { timeout: harnessDefaults.windowRequestTimeoutMs });
    } catch (err) {
      await client.close().catch(() => undefined);
      throw new WindowError(this.name, 'connect', url, err);
    }
    this.#transport = transport;
    this.#client = client;
    this.#record('connect', {});
  }

  /** Connects; a target that refuses or breaks the connection is a failed outcome of the operation, not a harness error. */
  async #connectOrOutcome(): Promise<ToolOutcome | undefined> {
    try {
      await this.connect();
      return undefined;
    } catch (err) {
      if (!isTargetFailure(err)) throw err;
      return { ok: false, error: 'connect_failed', message: describeError(err).slice(0, 500) };
    }
  }

  /**
   * Device login through the server's login tool; the simulator approves as `user`. `expect`: 'ok' (a login the
   * scenario needs: if it never completes the run is inconclusive), 'refused' (the server must refuse it), or
   * 'either' (a race may end it either way).
   */
  async login(user = this.intendedUser, { expect = 'ok' as 'ok' | 'refused' | 'either' } = {}): Promise<ToolOutcome> {
    const unreachable = await this.#connectOrOutcome();
    const op = this.host.history.nextOp();
    this.#record('call', { tool: 'login', loginAs: user, expect }, op);
    if (unreachable) {
      this.#result('login', unreachable, op, { loginAs: user, expect });
      return unreachable;
    }
    const since = this.host.history.events.length;
    const started = await this.#raw('login', {});
    const userCode = findField(started.data, /^user_?code$/i);
    let outcome: ToolOutcome = started;
    if (started.ok && userCode) {
      try {
        await this.host.approveDevice(userCode, user);
        outcome = await this.#awaitLogin(since);
      } catch (err) {
        outcome = { ok: false, error: 'approval_failed', message: describeError(err).slice(0, 500) };
      }
    } else if (started.ok) {
      outcome = { ok: false, error: 'contract', message: `the target answered login with ${describeKeys(started.data)}; the contract wants a user_code (README: the target contract)` };
    }
    // A lost answer after the approval leaves the login's outcome unknown: if the server completed it, the only user it
    // can have attached is `user`, so later answers are judged against that user (a failed result is never `works`).
    if (outcome.ok || (userCode && outcomeUnknown(outcome))) this.user = user;
    if (outcome.ok) {
      const credential = findField(started.data, /resume/i) ?? findField(outcome.data, /resume/i);
      if (credential) this.#resume = { user, credential };
    }
    this.#result('login', outcome, op, { loginAs: user, expect });
    return outcome;
  }

  getProfile() {
    return this.call('get_profile');
  }

  whoami() {
    return this.call('whoami');
  }

  status() {
    return this.call('session_status');
  }

  async logout(): Promise<ToolOutcome> {
    const before = this.user;
    const outcome = await this.call('logout', {}, { loggedOutUser: before });
    if (outcome.ok) {
      this.user = undefined;
      this.#resume = undefined;
    }
    return outcome;
  }

  /** Closes the transport without logging out (a closed laptop lid); `terminate` sends the HTTP DELETE. */
  async disconnect({ terminate = true } = {}): Promise<void> {
    // A second disconnect while one is under way (explore: a held window closed while its login reopens it) waits
    // for that one: the window closes once.
    if (this.#disconnecting) return this.#disconnecting;
    const client = this.#client;
    if (!client) return;
    const transport = this.#transport!;
    this.#hangUps++;
    const sessionId = this.sessionId;
    const done = (async () => {
      try {
        if (terminate) await transport.terminateSession().catch(() => undefined);
        await client.close().catch(() => undefined);
        this.#record('disconnect', { terminate }, undefined, sessionId);
        this.#client = undefined;
        this.#transport = undefined;
        this.#closed.resolve();
        this.#closed = deferred();
      } finally {
        this.#disconnecting = undefined;
      }
    })();
    this.#disconnecting = done;
    await done;
  }

  /** Whose resume credential this window holds, if any. */
  get resumeUser(): string | undefined {
    return this.#resume?.user;
  }

  /** The resume credential this window holds, for hostile variations of it (never recorded in the history). */
  get resumeCredential(): string | undefined {
    return this.#resume?.credential;
  }

  /** Takes over another window's resume credential, as a second tab of the same browser profile would. */
  adopt(other: Window): void {
    this.#resume = other.#resume;
  }

  /** Reconnects with a new session and presents the resume credential from the last login. */
  async resume({ expect = 'ok' as 'ok' | 'error' } = {}): Promise<ToolOutcome> {
    if (!this.#resume && expect === 'ok') {
      // Not the server's failure: the login this window borrows from never completed (that login is what to blame).
      this.host.history.add({ source: { kind: 'runner' }, type: 'inconclusive', detail: { reason: `window ${this.name} had no resume credential to present: the login it borrows from did not complete` } });
      return { ok: false, error: 'no_credential', message: 'no resume credential held' };
    }
    // A refused resume leaves the session as it was: on a session still mapped to a user, that user (found by explore:
    // three-windows, seed 49, a refused resume in a window whose user another window had logged out and in again); on a
    // session opened for it, nobody.
    const before = this.#client && !this.#disconnecting ? this.user : undefined;
    const unreachable = await this.#connectOrOutcome();
    const credential = this.#resume?.credential ?? 'no-credential-held';
    // The window means to be this user again; its result is judged against that (reconnect, isolation).
    this.user = this.#resume?.user;
    const note = { expect, resumeAs: this.#resume?.user };
    const outcome = unreachable ? this.#failed('resume', unreachable, note) : await this.call('resume', { resume_token: credential }, note);
    // A resume whose answer was lost may have attached the session: it can only have attached this user.
    if (!outcome.ok && !outcomeUnknown(outcome)) this.user = outcome.error === 'disconnected' ? undefined : before;
    return outcome;
  }

  /** Any tool by name; `note` adds harness facts (never secrets) to the recorded events. */
  async call(tool: string, args: Record<string, unknown> = {}, note: Record<string, unknown> = {}): Promise<ToolOutcome> {
    const op = this.host.history.nextOp();
    // The answer is judged against the user the window had when it asked: a logout in the same window that answers
    // first does not make a data call sent before it someone else's.
    const asker = this.user;
    this.#record('call', { tool, ...note }, op);
    const outcome = await this.#raw(tool, args);
    this.#result(tool, outcome, op, note, asker);
    return outcome;
  }

  #failed(tool: string, outcome: ToolOutcome, note: Record<string, unknown>): ToolOutcome {
    const op = this.host.history.nextOp();
    this.#record('call', { tool, ...note }, op);
    this.#result(tool, outcome, op, note);
    return outcome;
  }

  async close(): Promise<void> {
    await this.#client?.close().catch(() => undefined);
    this.#client = undefined;
  }

  async #raw(tool: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    // A call made while its window is closing goes to the window opened anew, as the user's next click would (found by
    // explore: replicas, seed 32, a logout sent on the transport its own window was terminating failed on it).
    if (this.#disconnecting) await this.#disconnecting;
    const hangUps = this.#hangUps;
    try {
      if (!this.#client) await this.connect();
      const result = await this.#client!.callTool({ name: tool, arguments: args }, undefined, { timeout: harnessDefaults.windowRequestTimeoutMs });
      return readToolResult(result as { content?: unknown; isError?: unknown });
    } catch (err) {
      if (!isTargetFailure(err)) throw new HarnessError(`calling ${tool} in window ${this.name}`, err);
      // Found by explore: a logout held at the server, then its own window closed; the answer never came because the
      // window hung up. No invariant holds that against the server.
      if (hangUps !== this.#hangUps) return { ok: false, error: 'disconnected', message: `the window closed before ${tool} answered` };
      return { ok: false, error: 'transport_error', message: describeError(err).slice(0, 500) };
    }
  }

  async #awaitLogin(since: number): Promise<ToolOutcome> {
    const sessionId = this.sessionId;
    // A disconnect from here on is the window hanging up on its login, whichever of its polls it cut short (a poll
    // sent while the disconnect was terminating the session fails on the transport, and is not the server's doing).
    const hangUps = this.#hangUps;
    const hungUp = (): ToolOutcome | undefined => (hangUps !== this.#hangUps ? { ok: false, error: 'disconnected', message: 'the window closed before the login finished' } : undefined);
    // Bounded: a server that never finishes the login must end in a failed outcome, not a hung run.
    const closed = this.#closed.promise;
    // The bound is the windows' request timeout, not a guess at how fast a login is: a busy machine is slow (issue 12).
    if (sessionId && this.host.loginSettled) await withDeadline(Promise.race([this.host.loginSettled(sessionId, since), closed]), harnessDefaults.windowRequestTimeoutMs);
    // disconnect() drops the client before it resolves `closed`.
    if (!this.#client) return { ok: false, error: 'disconnected', message: 'the window closed before the login finished' };
    let last: ToolOutcome = { ok: false, error: 'login_timeout' };
    const until = performance.now() + harnessDefaults.windowRequestTimeoutMs;
    for (let attempt = 0; performance.now() < until && this.#client; attempt++) {
      last = await this.#raw('session_status', {});
      if (last.status === 'authenticated') return last;
      const closed = hungUp();
      if (closed) return closed;
      if (last.ok && !CONTRACT_STATUSES.has(String(last.status))) {
        return { ...last, ok: false, error: 'contract', message: `the target answered session_status with status ${JSON.stringify(last.status ?? null)}; the contract wants one of ${[...CONTRACT_STATUSES].join(', ')}` };
      }
      if (last.status !== 'pending') return { ...last, ok: false, error: last.error ?? `login ended ${last.status}` };
      await new Promise((r) => setTimeout(r, Math.min(5 * (attempt + 1), 100)));
    }
    // The window closed while it polled (found by explore: a close while the login's activation was held): not a
    // timeout whose outcome is unknown, a login the window hung up on; the closed session can be nobody's.
    if (!this.#client) return { ok: false, error: 'disconnected', message: 'the window closed before the login finished' };
    // A login that never completed is not a login: the window must not go on as if it had one.
    return { ...last, ok: false, error: last.error ?? 'login_timeout' };
  }

  #record(type: string, detail: Record<string, unknown>, op?: number, rawSessionId = this.sessionId, user = this.user) {
    const sessionId = rawSessionId && sessionHash(rawSessionId);
    this.host.history.add({ source: { kind: 'window', window: this.name }, type, op, user, sessionId, detail });
  }

  #result(tool: string, outcome: ToolOutcome, op: number, note: Record<string, unknown> = {}, user = this.user) {
    const { data: _data, ...facts } = outcome;
    this.#record('result', { tool, ...note, ...facts }, op, this.sessionId, user);
  }
}

/**
 * The request may have reached the server and done its work, but its answer was lost (a reset, a timeout): the
 * window cannot tell whether it happened.
 */
const outcomeUnknown = (outcome: ToolOutcome) => outcome.error === 'transport_error' || outcome.error === 'login_timeout';

/** session_status values the target contract names (README). */
const CONTRACT_STATUSES = new Set(['pending', 'authenticated', 'needs_reauth', 'logged_out', 'anonymous']);

const describeKeys = (data: Record<string, unknown> | undefined) => (data && Object.keys(data).length ? `fields ${Object.keys(data).join(', ')}` : 'no JSON fields');

function withDeadline(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
