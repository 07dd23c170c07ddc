import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withStories } from '../story/witness-story.js';
import { sampleRun } from '../testing/sample-run.js';
import { readResults } from './read-results.js';
import { ResultsFileError } from './results-file-error.js';
import { writeJson } from './write-json.js';

const tempFile = async (name = 'results.json') => join(await mkdtemp(join(tmpdir(), 'reports-json-')), name);

async function readError(path: string): Promise<ResultsFileError> {
  const error = await readResults(path).then(() => undefined, (err: unknown) => err);
  expect(error).toBeInstanceOf(ResultsFileError);
  return error as ResultsFileError;
}

describe('readResults', () => {
  it('reads back exactly the run writeJson saved', async () => {
    const path = await tempFile();
    await writeJson(sampleRun(), path);
    // Failed verdicts come back with their witness story, which the writer adds.
    expect(await readResults(path)).toEqual(withStories(sampleRun()));
  });

  it('writes the schema version first so a reader can tell versions apart', async () => {
    const path = await tempFile();
    await writeJson(sampleRun(), path);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')))[0]).toBe('schemaVersion');
  });

  it('names the bad field with its path and leaves the file as it was', async () => {
    const path = await tempFile();
    const file = { schemaVersion: 1, ...sampleRun() } as Record<string, unknown>;
    (file.scenarios as Array<Record<string, unknown>>)[1]!.status = 'flaky';
    const text = JSON.stringify(file);
    await writeFile(path, text);
    const error = await readError(path);
    expect(error.problems).toEqual([expect.stringMatching(/^scenarios\[1\]\.status: /)]);
    expect(error.message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('lists several problems at once instead of stopping at the first', async () => {
    const path = await tempFile();
    await writeFile(path, JSON.stringify({ schemaVersion: 1, ...sampleRun(), seed: 'x', target: 3 }));
    const error = await readError(path);
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['seed', 'target']));
  });

  it('says which schema version it expected when the file is from another version', async () => {
    const path = await tempFile();
    await writeFile(path, JSON.stringify({ schemaVersion: 2, ...sampleRun() }));
    expect((await readError(path)).problems[0]).toMatch(/^schemaVersion: expected 1, got 2/);
  });

  it('reports a file that is not JSON, or not there, without a stack trace', async () => {
    const path = await tempFile();
    await writeFile(path, '{"schemaVersion": 1,');
    expect((await readError(path)).problems[0]).toMatch(/^not JSON: /);
    const missing = await readError(`${path}.missing`);
    expect(missing.problems).toEqual(['cannot read: no such file']);
    expect(missing.message).not.toMatch(/\n\s+at /);
  });
});
