import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaselineEntry, RunResult } from '../../scenarios/result-types.js';
import { writeJson } from '../json/write-json.js';
import { sampleRun } from '../testing/sample-run.js';
import { BaselineFileError } from './baseline-file-error.js';
import { compareWithBaseline, failsAgainstBaseline, isKnownFailure } from './compare-baseline.js';
import { readBaseline } from './read-baseline.js';

const baseline = (...entries: BaselineEntry[]) => ({ source: 'baseline.json', entries });
const isolation = { scenario: 'dual-windows-different-users', invariant: 'isolation', flaw: 'global-active-session', target: 'reference' };
/** The sample run with its failing scenario passing instead. */
const fixedRun = (): RunResult => {
  const run = sampleRun();
  const [s] = run.scenarios;
  run.scenarios[0] = { ...s!, status: 'passed', verdicts: s!.verdicts.map((v) => ({ ...v, holds: true, witness: [] })) };
  return run;
};

describe('compareWithBaseline', () => {
  it('calls a listed failure known, and the run does not fail because of it', () => {
    const c = compareWithBaseline(baseline({ scenario: 'dual-windows-different-users', reason: 'issue 7' }), sampleRun());
    expect(c).toEqual({ source: 'baseline.json', known: [{ ...isolation, reason: 'issue 7' }], new: [], fixed: [] });
    expect(isKnownFailure(c, sampleRun().scenarios[0]!, 'reference')).toBe(true);
    expect(failsAgainstBaseline(sampleRun(), c)).toBe(false);
  });

  it('calls a failure new when no entry matches every field it gives, and the run fails', () => {
    for (const entry of [
      { scenario: 'dual-windows-different-users', invariant: 'no-reuse' },
      { scenario: 'dual-windows-different-users', flaw: '' },
      { scenario: 'dual-windows-different-users', target: 'my-server' },
      { scenario: 'many-clients' },
    ]) {
      const c = compareWithBaseline(baseline(entry), sampleRun());
      expect(c.new).toEqual([isolation]);
      expect(failsAgainstBaseline(sampleRun(), c)).toBe(true);
    }
  });

  it('calls an entry fixed when its scenario ran to a verdict without failing that way', () => {
    const entry = { scenario: 'dual-windows-different-users', invariant: 'isolation' };
    expect(compareWithBaseline(baseline(entry), fixedRun())).toEqual({ source: 'baseline.json', known: [], new: [], fixed: [entry] });
  });

  it('says nothing about an entry whose scenario did not run or ran into a harness error', () => {
    const c = compareWithBaseline(baseline({ scenario: 'logout-then-relogin' }, { scenario: 'server-restart-persistent-store' }), fixedRun());
    expect(c.fixed).toEqual([]);
  });

  it('matches flaws in any order, as a replay command may list them', () => {
    const run = sampleRun();
    run.scenarios[0] = { ...run.scenarios[0]!, flaws: ['unlocked-refresh', 'global-active-session'] };
    expect(compareWithBaseline(baseline({ scenario: 'dual-windows-different-users', flaw: 'global-active-session+unlocked-refresh' }), run).new).toEqual([]);
  });
});

describe('readBaseline', () => {
  const file = async (content: string) => {
    const path = join(await mkdtemp(join(tmpdir(), 'baseline-')), 'baseline.json');
    await writeFile(path, content);
    return path;
  };

  it('reads a baseline file of known failures', async () => {
    const path = await file(JSON.stringify({ baselineVersion: 1, knownFailures: [{ scenario: 'double-logout', invariant: 'idempotent-logout', reason: 'vendor bug 12' }] }));
    expect(await readBaseline(path)).toEqual({ source: path, entries: [{ scenario: 'double-logout', invariant: 'idempotent-logout', reason: 'vendor bug 12' }] });
  });

  it("takes an earlier results.json as the baseline: what failed there is known", async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'baseline-')), 'results.json');
    await writeJson(sampleRun(), path);
    expect((await readBaseline(path)).entries).toEqual([isolation]);
  });

  it('names the bad field, refuses a misspelt one, and never throws a raw error', async () => {
    const bad = await file(JSON.stringify({ baselineVersion: 1, knownFailures: [{ scenario: 'double-logout', invarient: 'x' }, { invariant: 'y' }] }));
    const error = (await readBaseline(bad).catch((e: unknown) => e)) as BaselineFileError;
    expect(error).toBeInstanceOf(BaselineFileError);
    expect(error.problems.join('\n')).toMatch(/knownFailures\[0\]: Unrecognized key: "invarient"/);
    expect(error.problems.join('\n')).toMatch(/knownFailures\[1\]\.scenario: /);
    const missing = (await readBaseline(`${bad}.missing`).catch((e: unknown) => e)) as BaselineFileError;
    expect(missing.problems).toEqual(['cannot read: no such file']);
    expect(((await readBaseline(await file('{"baselineVersion": 1,')).catch((e: unknown) => e)) as BaselineFileError).problems[0]).toMatch(/^not JSON: /);
  });
});
