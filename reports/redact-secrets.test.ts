import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact-secrets.js';
import { failedIsolationScenario, sampleRun } from './testing/sample-run.js';
import { sampleTokens } from './testing/sample-tokens.js';

const runWithDetail = (detail: Record<string, unknown>) => {
  const scenario = failedIsolationScenario();
  scenario.history[0] = { ...scenario.history[0]!, detail };
  return { ...sampleRun(), scenarios: [scenario] };
};

describe('redactSecrets', () => {
  it('replaces values under secret-sounding keys at any depth, but keeps hashes and ordinary fields', () => {
    const t = sampleTokens();
    const detail = { refresh_token: t.aliceRefresh, headers: { Authorization: `Bearer ${t.aliceAccess}` }, tokenHash: 'abc', status: 400 };
    const out = redactSecrets(runWithDetail(detail)).scenarios[0]!.history[0]!.detail;
    expect(out).toEqual({ refresh_token: REDACTED, headers: { Authorization: REDACTED }, tokenHash: 'abc', status: 400 });
  });

  it('removes JWT-shaped and bearer values from free text', () => {
    const t = sampleTokens();
    const out = redactSecrets(runWithDetail({ note: `sent ${t.bobAccess}`, log: 'Authorization: Bearer abcdefgh12345678' }));
    expect(out.scenarios[0]!.history[0]!.detail).toEqual({ note: `sent ${REDACTED}`, log: `Authorization: Bearer ${REDACTED}` });
  });

  it("redacts a target's log lines and stories read back from a file, keeping the rest of each line", () => {
    const t = sampleTokens();
    const scenario = {
      ...failedIsolationScenario(),
      targetLog: [`POST /token refresh_token=${'r'.repeat(24)}&grant_type=refresh_token`, `{"access_token": "${'a'.repeat(30)}", "expires_in": 10}`, 'mcp-session-id: 0f8e7d6c5b4a39281706f5e4', 'listening on http://127.0.0.1:4000/mcp'],
      verdicts: [{ invariant: 'isolation', holds: false, witness: [1], story: [{ seq: 1, at: 3, text: `at 3 ms, window w1 sent ${t.aliceAccess}.` }] }],
    };
    const out = redactSecrets({ ...sampleRun(), scenarios: [scenario] }).scenarios[0]!;
    expect(out.targetLog).toEqual([
      `POST /token refresh_token=${REDACTED}&grant_type=refresh_token`,
      `{"access_token": "${REDACTED}", "expires_in": 10}`,
      `mcp-session-id: ${REDACTED}`,
      'listening on http://127.0.0.1:4000/mcp',
    ]);
    expect(out.verdicts[0]!.story![0]!.text).toBe(`at 3 ms, window w1 sent ${REDACTED}.`);
  });

  it('leaves the input run untouched', () => {
    const run = runWithDetail({ access_token: 'x'.repeat(20) });
    redactSecrets(run);
    expect(run.scenarios[0]!.history[0]!.detail).toEqual({ access_token: 'x'.repeat(20) });
  });
});
