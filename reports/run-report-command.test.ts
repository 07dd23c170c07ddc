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

  it('prints usage and exits 0 for --help', async () => {
    const { io, streams } = captureIO();
    expect(await runReportCommand(['--help'], streams)).toBe(0);
    expect(io.out).toMatch(/^usage: /);
  });
});
