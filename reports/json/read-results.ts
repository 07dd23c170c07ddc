import { readFile } from 'node:fs/promises';
import type { RunResult } from '../../scenarios/result-types.js';
import { describeIssues } from './describe-issues.js';
import { ResultsFileError } from './results-file-error.js';
import { SCHEMA_VERSION, resultsFileSchema } from './results-schema.js';

/** Reads and validates a saved results file. Throws ResultsFileError (never a raw fs/zod error) on bad input. */
export async function readResults(path: string): Promise<RunResult> {
  const text = await readText(path);
  return parseResults(text, path);
}

export function parseResults(text: string, path = '<input>'): RunResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ResultsFileError(path, [`not JSON: ${(err as Error).message}`]);
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    // Checked first: a newer file fails on many fields, and the version is the one worth reading about.
    throw new ResultsFileError(path, [
      `schemaVersion: expected ${SCHEMA_VERSION}, got ${JSON.stringify(version) ?? 'nothing'} (written by another version of oidc-harness?)`,
    ]);
  }
  const parsed = resultsFileSchema.safeParse(data);
  if (!parsed.success) throw new ResultsFileError(path, describeIssues(parsed.error.issues));
  const { schemaVersion: _version, ...run } = parsed.data;
  return run;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new ResultsFileError(path, [`cannot read: ${reason}`]);
  }
}
