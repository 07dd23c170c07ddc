import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults } from './json/read-results.js';
import { withStories } from './story/witness-story.js';
import { sampleRun } from './testing/sample-run.js';
import { writeReports } from './write-reports.js';

describe('writeReports', () => {
  it('writes index.html, results.json and junit.xml into a directory it creates', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'write-reports-')), 'nested', 'out');
    const written = await writeReports(sampleRun(), dir);
    expect(written).toEqual(['index.html', 'results.json', 'junit.xml'].map((f) => join(dir, f)));
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'junit.xml', 'results.json']);
    expect(await readResults(join(dir, 'results.json'))).toEqual(withStories(sampleRun()));
  });

  it('writes only the kinds asked for', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'write-reports-'));
    await writeReports(sampleRun(), dir, ['junit']);
    expect(await readdir(dir)).toEqual(['junit.xml']);
  });
});
