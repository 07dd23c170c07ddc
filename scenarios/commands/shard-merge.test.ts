import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../testing/run-cli.js';

type Results = { scenarios: Array<{ id: string; seed: number; status: string; verdicts: Array<{ invariant: string; outcome: string }> }>; shard?: unknown; merged?: unknown };
const read = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Results;

/** Each scenario run by id and seed: its status and every invariant's outcome. */
const verdictsOf = (r: Results) =>
  Object.fromEntries(r.scenarios.map((s) => [`${s.id} seed ${s.seed}`, { status: s.status, verdicts: Object.fromEntries(s.verdicts.map((v) => [v.invariant, v.outcome])) }]));

// Four scenarios, two seeds each, with a flaw one of them catches every time: some runs fail, some pass.
const ids = ['double-logout', 'dual-windows-same-user', 'logout-then-relogin', 'disconnect-and-resume'];
const common = [...ids, '--flaw', 'non-idempotent-logout', '--repeat', '2', '--concurrency', '2'];

describe('a sharded run, merged', () => {
  it('gives the same verdicts as the same run unsharded, in one HTML, JUnit and JSON report', { timeout: 600_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-shards-'));
    const whole = await cli('run', ...common, '--report', join(dir, 'whole'));
    expect(whole.code).toBe(1);
    const shards = [];
    for (const k of [1, 2, 3]) shards.push(await cli('run', ...common, '--shard', `${k}/3`, '--report', join(dir, `shard-${k}`)));
    expect(shards.map((s) => s.code).sort()).toEqual([0, 0, 1]);
    expect(shards.map((s) => /shard \d\/3: (\d) of 4 scenarios/.exec(s.stderr)?.[1])).toEqual(['2', '1', '1']);

    const merge = await cli('report', '--merge', ...[1, 2, 3].map((k) => join(dir, `shard-${k}`, 'results.json')), '--out', join(dir, 'merged'));
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain('merged 3 results files: 8 scenario runs (');

    const [before, after] = await Promise.all([read(join(dir, 'whole', 'results.json')), read(join(dir, 'merged', 'results.json'))]);
    expect(Object.keys(verdictsOf(after)).sort()).toEqual(Object.keys(verdictsOf(before)).sort());
    expect(verdictsOf(after)).toEqual(verdictsOf(before));
    expect(new Set(after.scenarios.map((s) => s.status))).toEqual(new Set(['passed', 'failed']));
    expect(after.merged).toEqual({ files: 3, shards: [1, 2, 3].map((index) => ({ index, total: 3 })) });

    const counts = (xml: string) => /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/.exec(xml)?.slice(1);
    const [junitBefore, junitAfter] = await Promise.all([readFile(join(dir, 'whole', 'junit.xml'), 'utf8'), readFile(join(dir, 'merged', 'junit.xml'), 'utf8')]);
    expect(counts(junitAfter)).toEqual(counts(junitBefore));
    expect(await readFile(join(dir, 'merged', 'index.html'), 'utf8')).toContain('double-logout');
  });

  it('refuses a merge with a shard missing, exit 2, naming it', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-shards-'));
    const one = await cli('run', 'double-logout', 'dual-windows-same-user', '--shard', '1/2', '--report', dir);
    expect(one.code).toBe(0);
    const merge = await cli('report', '--merge', join(dir, 'results.json'), '--out', join(dir, 'merged'));
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('shard 2/2 missing');
  });

  it('writes an empty result for a shard with nothing in it, so the merge still sees every shard', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-shards-'));
    const { code, stderr } = await cli('run', 'double-logout', '--shard', '2/2', '--report', dir);
    expect(code).toBe(0);
    expect(stderr).toContain('shard 2/2: 0 of 1 scenarios (nothing to run in this part)');
    expect(await read(join(dir, 'results.json'))).toMatchObject({ scenarios: [], shard: { index: 2, total: 2 } });
  });

  it('refuses a malformed --shard before anything runs', async () => {
    const { code, stderr } = await cli('run', '--shard', '3/2');
    expect(code).toBe(2);
    expect(stderr).toContain("--shard must be i/n with 1 <= i <= n (e.g. --shard 2/4), got '3/2'");
  });
});
