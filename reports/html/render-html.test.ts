import { describe, expect, it } from 'vitest';
import { HOSTILE, hostileRun } from '../testing/hostile-run.js';
import { sampleRun } from '../testing/sample-run.js';
import { OPEN_FAILURES_LIMIT, renderHtml } from './render-html.js';

const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;
/** The markup of one scenario's <details>, so assertions do not pick up another scenario's lanes. */
const scenario = (html: string, index: number) => html.slice(html.indexOf(`id="scenario-${index}"`), html.indexOf('</details>', html.indexOf(`id="scenario-${index}"`)));

describe('renderHtml', () => {
  it('summarises the run: counts, seed, and one verdict row per scenario', () => {
    const html = renderHtml(sampleRun());
    expect(html).toMatch(/1 passed<\/span> <span class="badge failed">1 failed/);
    expect(html).toContain('seed 42 · repeat 1');
    expect(count(html, /<a href="#scenario-\d+" class="scenario-link">/)).toBe(3);
    expect(count(html, /<td class="cell-broken"/)).toBe(1);
  });

  it('says which shard a run is, or how many shards a merged run joined', () => {
    expect(renderHtml({ ...sampleRun(), shard: { index: 2, total: 3 } })).toContain('· shard 2 of 3</span>');
    const merged = renderHtml({ ...sampleRun(), merged: { files: 3, shards: [1, 2, 3].map((index) => ({ index, total: 3 })) } });
    expect(merged).toContain('· merged from 3 shards (the longest took');
    expect(renderHtml(sampleRun())).not.toMatch(/· (shard|merged)/);
  });

  it('shows the flaw matrix with the invariant that caught each flaw, the clean column and a missed flaw', () => {
    const html = renderHtml(sampleRun());
    expect(html).toContain('<th class="clean">clean</th>');
    expect(html).toContain('<td class="cell-caught">no-reuse, bounded</td>');
    expect(html).toContain('<td class="cell-broken missed" data-flaw="no-revoke-on-logout">');
  });

  it('leaves the flaw matrix out when the run has none', () => {
    expect(renderHtml({ ...sampleRun(), matrix: undefined })).not.toContain('class="flaw-matrix"');
  });

  it('draws a lane per window, the server and each endpoint, and highlights exactly the witness events', () => {
    const failed = scenario(renderHtml(sampleRun()), 0);
    for (const lane of ['w1', 'w2', 'server', 'token', 'resource', 'faults']) expect(failed).toMatch(new RegExp(`class="lane-label[^"]*"[^>]*>${lane}<`));
    expect([...failed.matchAll(/class="ev [^"]*witness[^"]*" data-i="\d+" data-seq="(\d+)"/g)].map((m) => m[1])).toEqual(['11', '12', '13', '15']);
    expect(failed).toContain('class="lane-label has-witness" data-lane="2"');
  });

  it('draws requests as arrows and shades gates and faults', () => {
    const failed = scenario(renderHtml(sampleRun()), 0);
    expect(count(failed, /<path class="arrow"/)).toBe(4);
    expect(count(failed, /<rect class="span span-gate"/)).toBe(1);
    expect(count(failed, /<rect class="span span-fault"/)).toBe(1);
  });

  it('offers the replay command with a copy button, opens the failed and errored scenarios and folds the passed one', () => {
    const html = renderHtml(sampleRun());
    expect(html).toContain('<code class="replay-command">npx oidc-harness run dual-windows-different-users --seed 42 --flaw global-active-session</code> <button type="button" class="copy">');
    expect(count(html, /<details class="scenario /)).toBe(3);
    expect([...html.matchAll(/<details class="scenario status-(\w+)"[^>]*?( open)?>/g)].map((m) => `${m[1]}${m[2] ?? ''}`)).toEqual(['failed open', 'passed', 'error open']);
  });

  it('opens only the first failures of a huge run, so a matrix report still opens quickly', () => {
    const failed = sampleRun().scenarios[0]!;
    const html = renderHtml({ ...sampleRun(), scenarios: Array.from({ length: OPEN_FAILURES_LIMIT + 5 }, () => failed), matrix: undefined });
    expect(count(html, /<details class="scenario [^>]* open>/)).toBe(OPEN_FAILURES_LIMIT);
  });

  it('marks a failure the baseline knows, leaves it folded, and lists new, known and fixed at the top', () => {
    const known = { scenario: 'dual-windows-different-users', invariant: 'isolation', flaw: 'global-active-session', target: 'reference', reason: 'issue 7' };
    const html = renderHtml({ ...sampleRun(), baseline: { source: 'ci/baseline.json', known: [known], new: [], fixed: [{ scenario: 'logout-then-relogin' }] } });
    expect(html).toMatch(/<details class="scenario status-failed" id="scenario-0" data-scenario="0">\n<summary><span class="badge failed">failed<\/span> <span class="badge known"/);
    expect(html).toContain('<h2>Against the baseline <span class="muted">ci/baseline.json</span></h2>');
    expect(html).toContain('<ul class="baseline-known"><li><b>dual-windows-different-users</b> › isolation <span class="muted">flaw global-active-session</span> <span class="muted">— issue 7</span></li></ul>');
    expect(html).toContain('<ul class="baseline-fixed"><li><b>logout-then-relogin</b> › any invariant');
  });

  it('tells the witness as a story under the failed invariant, each step linked to its dot', () => {
    const failed = scenario(renderHtml(sampleRun()), 0);
    const steps = [...failed.matchAll(/<li class="story-step" data-seq="(\d+)"><button type="button" class="witness-link" data-i="(\d+)"[^>]*>#\d+<\/button> ([^<]*)<\/li>/g)];
    expect(steps.map((m) => [m[1], m[2]])).toEqual([['11', '11'], ['12', '12'], ['13', '13'], ['15', '15']]);
    expect(steps[0]![3]).toBe('at 33 ms, window w2 (bob) called get_profile in session s2.');
    expect(failed).toContain('<li class="verdict holds"><span class="mark">✓</span> held: <b>no-reuse</b>, <b>logout-scope</b></li>');
    expect(failed).toMatch(/<circle class="ev ev-window witness" data-i="11" data-seq="11" data-lane="2" id="ev-0-11" tabindex="0" role="button" aria-label="at 33 ms, window w2 \(bob\) called get_profile in session s2\."/);
  });

  it('labels witness events and their neighbours in words, and only those', () => {
    const failed = scenario(renderHtml(sampleRun()), 0);
    const labels = [...failed.matchAll(/<text class="ev-label( ev-label-witness)?" data-i="(\d+)"[^>]*>([^<]*)<\/text>/g)].map((m) => `${m[2]}${m[1] ? '!' : ''} ${m[3]}`);
    // Neighbours are drawn first so the witness labels paint over them.
    expect(labels).toEqual([
      '10 op3 call get_profile', '14 gate.released', '16 op3 result → ok',
      '11! op4 call get_profile', '12! token.used #970cdc0e', '13! resource.read #970cdc0e', '15! op4 result → ok',
    ]);
    expect(failed).toContain('class="tl-next-witness"');
  });

  it("folds the simulator's ledger and the target's log lines into the scenario, redacted", () => {
    const run = sampleRun();
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    run.scenarios[0] = { ...run.scenarios[0]!, targetLog: ['listening on http://127.0.0.1:4100/mcp', `refresh for alice with refresh_token=${'z'.repeat(20)} and ${jwt}`] };
    const html = renderHtml(run);
    const failed = html.slice(html.indexOf('id="scenario-0"'), html.indexOf('id="scenario-1"'));
    expect(failed).toMatch(/<details class="ledger"><summary>simulator ledger <span class="muted">\(8 events/);
    expect(failed).toContain('<summary>target log <span class="muted">(2 lines, redacted)</span>');
    expect(failed).toContain('refresh for alice with refresh_token=[redacted] and [redacted]');
    expect(failed).not.toContain('z'.repeat(20));
    expect(renderHtml(sampleRun())).not.toContain('class="target-log"');
  });

  it('keeps hundreds of windows manageable with a filter, zoom and collapsible groups', () => {
    const big = scenario(renderHtml(sampleRun({ windows: 300 })), 1);
    expect(big).toContain('class="tl-filter"');
    expect(big).toContain('class="tl-zoom"');
    expect(big).toContain('data-group="windows" data-size="300"');
  });

  it('needs no network: no external URL, and a policy that forbids fetching', () => {
    const html = renderHtml(sampleRun());
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).toContain(`content="default-src 'none'`);
  });

  it('renders a scenario that recorded nothing and a run with no scenarios', () => {
    const run = sampleRun();
    expect(scenario(renderHtml({ ...run, scenarios: [{ ...run.scenarios[2]!, history: [] }] }), 0)).toContain('class="tl-lanes"');
    expect(renderHtml({ ...run, scenarios: [], matrix: undefined })).toContain('0 passed');
  });

  it('shows hostile names and details as text, never as markup', () => {
    const html = renderHtml(hostileRun());
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(count(html, /<script/)).toBe(4); // three timeline data blocks and the viewer
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).not.toContain(HOSTILE);
  });
});
