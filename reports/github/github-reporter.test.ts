import { describe, expect, it } from 'vitest';
import { createReporter } from '../create-reporter.js';
import { failedIsolationScenario, harnessErrorScenario, manyWindowsScenario } from '../testing/sample-run.js';
import { annotationsOf, matrixAnnotations } from './github-reporter.js';

/** How the Actions runner reads a workflow command back: kind, properties, message (unescaped). */
function parseCommand(line: string) {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props = Object.fromEntries(m[2]!.split(',').map((p) => p.split('=') as [string, string]).map(([k, v]) => [k, unescape(v)]));
  return { kind: m[1], props, message: unescape(m[3]!) };
}

describe('the github reporter', () => {
  it('prints one ::error per violated invariant, with its message, witness story and replay line on one command line', () => {
    const lines: string[] = [];
    const reporter = createReporter('github', { write: (l) => lines.push(l) });
    void reporter.onScenarioEnd?.(failedIsolationScenario());
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const { kind, props, message } = parseCommand(lines[0]!);
    expect(kind).toBe('error');
    expect(props.title).toBe('oidc-harness: isolation violated in dual-windows-different-users (seed 42, flaw global-active-session)');
    expect(message.split('\n')[0]).toBe("window w2 (bob) received alice's profile");
    expect(message).toMatch(/\n1\. at \d+ ms, /);
    expect(message.split('\n').at(-1)).toBe('replay: npx oidc-harness run dual-windows-different-users --seed 42 --flaw global-active-session');
  });

  it('annotates a harness error as an error with its cause, an inconclusive run as a warning, and a pass not at all', () => {
    const error = parseCommand(annotationsOf({ ...harnessErrorScenario(), error: { message: 'boom: 100%', causes: ['ECONNRESET at 127.0.0.1:1'] } })[0]!);
    expect(error).toMatchObject({ kind: 'error', props: { title: 'oidc-harness: harness error in server-restart-persistent-store (seed 42)' } });
    expect(error.message).toContain('boom: 100%\ncaused by ECONNRESET at 127.0.0.1:1');
    const unsure = annotationsOf({ ...manyWindowsScenario(2), status: 'inconclusive', reason: 'works: no login completed' });
    expect(unsure.map(parseCommand)).toMatchObject([{ kind: 'warning', message: expect.stringContaining('works: no login completed') }]);
    expect(annotationsOf(manyWindowsScenario(2))).toEqual([]);
    expect(annotationsOf({ ...manyWindowsScenario(2), status: 'skipped', reason: 'needs replicas' })).toEqual([]);
  });

  it('never lets a token through into an annotation', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
    const [line] = annotationsOf({ ...failedIsolationScenario(), verdicts: [{ invariant: 'isolation', holds: false, outcome: 'violated', message: `leaked ${jwt}`, witness: [] }] });
    expect(line).toBeDefined();
    expect(line).not.toContain(jwt);
  });

  it('annotates a matrix at its end: each flaw no scenario caught, each false alarm', () => {
    const lines = matrixAnnotations({ flaws: ['a', 'b'], scenarios: ['s', 't'], cells: { a: { s: ['isolation'], t: [] }, b: { s: [], t: [] } }, falseAlarms: ['t'] });
    expect(lines.map(parseCommand)).toMatchObject([
      { kind: 'error', props: { title: 'oidc-harness: flaw b caught by no scenario' } },
      { kind: 'error', props: { title: 'oidc-harness: false alarm in t' } },
    ]);
  });
});
