import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReporter } from './create-reporter.js';
import { sampleRun } from './testing/sample-run.js';
import { UnknownReporterError } from './unknown-reporter-error.js';

describe('createReporter', () => {
  it('finds html, json and junit by name, each writing its file when the run ends', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'reporters-'));
    const written: string[] = [];
    for (const name of ['html', 'json', 'junit']) {
      const reporter = createReporter(name, { outDir, onWritten: (path) => written.push(path) });
      await reporter.onRunEnd?.(sampleRun());
    }
    expect(written).toEqual(['index.html', 'results.json', 'junit.xml'].map((f) => join(outDir, f)));
    expect(await readFile(join(outDir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('writes to another file name inside the directory when asked', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'reporters-'));
    await createReporter('junit', { outDir, file: 'TEST-harness.xml' }).onRunEnd?.(sampleRun());
    expect(await readFile(join(outDir, 'TEST-harness.xml'), 'utf8')).toContain('<testsuites');
  });

  it('rejects an unknown name with the list of valid ones', () => {
    expect(() => createReporter('junt')).toThrow(new UnknownReporterError('junt', ['github', 'html', 'json', 'junit']));
    expect(() => createReporter('junt')).toThrow('unknown reporter "junt"; valid reporters: github, html, json, junit');
  });

  it('does not mistake inherited object keys for reporter names', () => {
    expect(() => createReporter('toString')).toThrow(UnknownReporterError);
  });
});
