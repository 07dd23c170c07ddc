import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJson } from './json/write-json.js';
import { runReportCommand } from './run-report-command.js';
import { sampleRun } from './testing/sample-run.js';

function captureIO() {
  const io = { out: '', err: '' };
  return { io, streams: { stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } } };
}

async function savedRun() {
  const dir = await mkdtemp(join(tmpdir(), 'report-cmd-'));
  const input = join(dir, 'results.json');
  await writeJson(sampleRun(), input);
  return { dir, input };
}

describe('oidc-harness report', () => {
  it('re-renders a saved run beside it without rewriting the results file', async () => {
    const { dir, input } = await savedRun();
    const before = await readFile(input, 'utf8');
    const { io, streams } = captureIO();
    expect(await runReportCommand([input], streams)).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'junit.xml', 'results.json']);
    expect(await readFile(input, 'utf8')).toBe(before);
    expect(io.out).toContain(`wrote ${join(dir, 'index.html')}`);
  });

  it('writes into --out and copies the results there', async () => {
    const { dir, input } = await savedRun();
    const out = join(dir, 'elsewhere');
    expect(await runReportCommand([input, '--out', out], captureIO().streams)).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'results.json']);
  });

  it('exits 2 with the bad field named and no stack trace when the file is invalid, leaving the folder alone', async () => {
    const { dir, input } = await savedRun();
    await writeFile(input, JSON.stringify({ ...JSON.parse(await readFile(input, 'utf8')), seed: 'forty-two' }));
    const { io, streams } = captureIO();
    expect(await runReportCommand([input], streams)).toBe(2);
    expect(io.err).toMatch(/is not a valid results file:\n {2}- seed: /);
    expect(io.err).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual(['results.json']);
  });

  it.each([[[]], [['a.json', 'b.json']], [['--colour', 'a.json']]])('exits 2 with usage for arguments %j', async (argv) => {
    const { io, streams } = captureIO();
    expect(await runReportCommand(argv, streams)).toBe(2);
    expect(io.err).toContain('usage: oidc-harness report <results.json> [--out DIR]');
  });

  it('compares two saved runs: a failure in both is known (exit 0), one only in the new run is new (exit 1)', async () => {
    const { dir, input } = await savedRun();
    const clean = join(dir, 'clean.json');
    const run = sampleRun();
    const [failed] = run.scenarios;
    run.scenarios[0] = { ...failed!, status: 'passed', verdicts: failed!.verdicts.map((v) => ({ ...v, holds: true, witness: [] })) };
    await writeJson(run, clean);

    const same = captureIO();
    expect(await runReportCommand(['--compare', input, input], same.streams)).toBe(0);
    expect(same.io.out).toContain('0 new, 1 known, 0 fixed');
    expect(same.io.out).toContain('  known  dual-windows-different-users › isolation (flaw global-active-session)');

    const worse = captureIO();
    expect(await runReportCommand(['--compare', clean, input], worse.streams)).toBe(1);
    expect(worse.io.out).toContain('  new    dual-windows-different-users › isolation (flaw global-active-session)');

    const better = captureIO();
    const out = join(dir, 'compared');
    expect(await runReportCommand(['--compare', input, clean, '--out', out], better.streams)).toBe(0);
    expect(better.io.out).toContain('  fixed  dual-windows-different-users › isolation (flaw global-active-session) — passes now');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('<span class="badge passed">1 fixed</span>');
  });

  it('answers --compare with one file, or a bad one, with exit 2 and the reason', async () => {
    const { input } = await savedRun();
    const one = captureIO();
    expect(await runReportCommand(['--compare', input], one.streams)).toBe(2);
    expect(one.io.err).toContain('--compare needs two results files (old, then new), got 1');
    const missing = captureIO();
    expect(await runReportCommand(['--compare', input, `${input}.missing`], missing.streams)).toBe(2);
    expect(missing.io.err).toContain('cannot read: no such file');
  });

  it('prints usage and exits 0 for --help', async () => {
    const { io, streams } = captureIO();
    expect(await runReportCommand(['--help'], streams)).toBe(0);
    expect(io.out).toMatch(/^usage: /);
  });
});
