import { describe, expect, it } from 'vitest';
import { childrenNamed, parseXml, type XmlElement } from '../testing/parse-xml.js';
import { HOSTILE, hostileRun } from '../testing/hostile-run.js';
import { sampleRun } from '../testing/sample-run.js';
import { renderJunit } from './render-junit.js';

const suiteOf = (xml: string) => childrenNamed(parseXml(xml), 'testsuite')[0]!;
const testcases = (suite: XmlElement) => childrenNamed(suite, 'testcase');

describe('renderJunit', () => {
  it('writes one testcase per scenario run with totals that add up', () => {
    const root = parseXml(renderJunit(sampleRun()));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '3', failures: '1', errors: '1', skipped: '0', time: '3.400' });
    const suite = childrenNamed(root, 'testsuite')[0]!;
    expect(suite.attributes).toMatchObject({ tests: '3', failures: '1', errors: '1', timestamp: '2025-01-01T12:00:00' });
    expect(testcases(suite).map((t) => t.attributes.name)).toEqual([
      'dual-windows-different-users [seed 42, flaw global-active-session]',
      'many-clients [seed 42]',
      'server-restart-persistent-store [seed 42]',
    ]);
    expect(testcases(suite)[0]!.attributes).toMatchObject({ classname: 'scenarios.dual-windows-different-users', time: '0.812' });
  });

  it('puts the invariant and its witness story in the failure message, the witness events and the replay command beside it', () => {
    const failed = testcases(suiteOf(renderJunit(sampleRun())))[0]!;
    const failure = childrenNamed(failed, 'failure')[0]!;
    expect(failure.attributes.type).toBe('isolation');
    expect(failure.attributes.message).toMatch(/^isolation: window w2 \(bob\) received alice's profile — 1\. at 33 ms, window w2 \(bob\) called get_profile in session s2\. 2\. at 36 ms, the server /);
    expect(failure.text).toContain('\n  4. at 45 ms, window w2 (bob) got ');
    expect(failure.text).toContain('#12 server token.used user=alice session=s2 token=#');
    expect(failure.text).toContain('replay: npx oidc-harness run dual-windows-different-users --seed 42');
    expect(childrenNamed(failed, 'system-out')[0]!.text).toMatch(/^replay: /);
  });

  it('shows a failure the baseline knows as skipped, keeping its story, and counts it apart', () => {
    const known = { scenario: 'dual-windows-different-users', invariant: 'isolation', flaw: 'global-active-session', target: 'reference' };
    const root = parseXml(renderJunit({ ...sampleRun(), baseline: { source: 'b.json', known: [known], new: [], fixed: [] } }));
    expect(root.attributes).toMatchObject({ tests: '3', failures: '0', errors: '1', skipped: '1' });
    const testcase = testcases(childrenNamed(root, 'testsuite')[0]!)[0]!;
    expect(childrenNamed(testcase, 'failure')).toHaveLength(0);
    expect(childrenNamed(testcase, 'skipped')[0]!.attributes.message).toBe("known failure (baseline): isolation: window w2 (bob) received alice's profile");
    expect(childrenNamed(testcase, 'system-out')[0]!.text).toContain('  1. at 33 ms, window w2 (bob) called get_profile in session s2.');
  });

  it('reports a harness error as an error element, not as a failure', () => {
    const errored = testcases(suiteOf(renderJunit(sampleRun())))[2]!;
    expect(childrenNamed(errored, 'failure')).toHaveLength(0);
    expect(childrenNamed(errored, 'error')[0]!.attributes).toMatchObject({ type: 'HarnessError', message: expect.stringContaining('port 0 bind') });
  });

  it('counts skipped runs and reports inconclusive ones as failures of type inconclusive, with the reason', () => {
    const run = sampleRun();
    const base = run.scenarios[1]!;
    run.scenarios.push(
      { ...base, id: 'replicas-aligned-refresh', status: 'skipped', reason: 'needs several replicas on one store', verdicts: [], history: [] },
      { ...base, id: 'close-during-login', status: 'inconclusive', reason: 'evidence: the login of alice in window A never completed' },
    );
    const root = parseXml(renderJunit(run));
    expect(root.attributes).toMatchObject({ tests: '5', failures: '2', errors: '1', skipped: '1' });
    const [skipped, unsure] = testcases(childrenNamed(root, 'testsuite')[0]!).slice(3);
    expect(childrenNamed(skipped!, 'skipped')[0]!.attributes.message).toBe('needs several replicas on one store');
    expect(childrenNamed(unsure!, 'failure')[0]!.attributes).toMatchObject({ type: 'inconclusive', message: expect.stringContaining('never completed') });
  });

  it('leaves a passed scenario as a bare testcase', () => {
    expect(testcases(suiteOf(renderJunit(sampleRun())))[1]!.children).toEqual([]);
  });

  it('stays well-formed XML when names and messages carry markup and control characters', () => {
    const suite = suiteOf(renderJunit(hostileRun()));
    const failure = childrenNamed(testcases(suite)[0]!, 'failure')[0]!;
    const shown = HOSTILE.replace('\u0001', '\uFFFD');
    expect(failure.attributes.message).toContain(shown);
    expect(testcases(suite)[0]!.attributes.name).toContain(shown);
  });
});
