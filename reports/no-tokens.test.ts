import { describe, expect, it } from 'vitest';
import type { RunResult } from '../scenarios/result-types.js';
import { assertNoTokens } from './assert-no-tokens.js';
import { renderHtml } from './html/render-html.js';
import { renderJson } from './json/to-results-file.js';
import { renderJunit } from './junit/render-junit.js';
import { sampleRun } from './testing/sample-run.js';
import { sampleTokens, tokenHash } from './testing/sample-tokens.js';

/**
 * The sample run's events name tokens by hash only, as the harness promises. Here some details also carry the raw
 * values, the way a careless event writer might: no report file may contain any of them.
 */
function runWithCarelessDetails(): RunResult {
  const t = sampleTokens();
  const run = sampleRun({ windows: 20 });
  const history = run.scenarios[0]!.history;
  history[2] = { ...history[2]!, detail: { access_token: t.aliceAccess, refresh_token: t.aliceRefresh } };
  history[6] = { ...history[6]!, detail: { request: { headers: { authorization: `Bearer ${t.bobAccess}` } } } };
  history[18] = { ...history[18]!, detail: { error: `refresh with ${t.bobAccess} refused`, grant: { refreshToken: t.bobRefresh } } };
  return run;
}

describe('reports never carry token values', () => {
  const tokens = Object.values(sampleTokens());
  const run = runWithCarelessDetails();

  it.each([
    ['HTML', renderHtml],
    ['JUnit XML', renderJunit],
    ['JSON', renderJson],
  ])('the %s report holds none of the tokens, only their hashes', (_kind, render) => {
    const text = render(run);
    expect(() => assertNoTokens(text, tokens)).not.toThrow();
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('still shows the hashes that let a reader follow a token through the timeline', () => {
    expect(renderHtml(run)).toContain(tokenHash(sampleTokens().aliceAccess));
  });

  it('would notice a leak (the scan itself works on rendered output)', () => {
    const leaky = `${renderJunit(run)}<!-- ${sampleTokens().aliceRefresh} -->`;
    expect(() => assertNoTokens(leaky, tokens)).toThrow(/token value/);
  });
});
