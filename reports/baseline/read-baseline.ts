import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { BaselineEntry, RunResult } from '../../scenarios/result-types.js';
import { describeIssues } from '../json/describe-issues.js';
import { parseResults } from '../json/read-results.js';
import { ResultsFileError } from '../json/results-file-error.js';
import { baselineEntrySchema } from '../json/results-schema.js';
import { BaselineFileError } from './baseline-file-error.js';
import { failureKeys } from './failure-keys.js';

/** Known failures to compare a run with, and where they came from (shown in every report). */
export interface Baseline {
  source: string;
  entries: BaselineEntry[];
}

export const BASELINE_VERSION = 1 as const;

/** The hand-written format; the README documents it. Unknown fields are refused, so a typo cannot widen a match. */
export const baselineFileSchema = z.strictObject({
  baselineVersion: z.literal(BASELINE_VERSION),
  knownFailures: z.array(baselineEntrySchema),
});

/** Every failure of a saved run, as exact entries: "what failed last time is known". */
export function baselineFromRun(run: RunResult, source: string): Baseline {
  return { source, entries: failureKeys(run).map(({ scenario, invariant, flaw, target }) => ({ scenario, invariant, flaw, target })) };
}

/**
 * Reads `--baseline FILE`: either a baseline file (`{ baselineVersion: 1, knownFailures: [...] }`) or a results.json
 * from an earlier run, whose failures become the known ones. Throws BaselineFileError naming the field on bad input.
 */
export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BaselineFileError(path, [`cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable')}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineFileError(path, [`not JSON: ${(err as Error).message}`]);
  }
  if (data !== null && typeof data === 'object' && 'schemaVersion' in data) return fromResults(text, path);
  const parsed = baselineFileSchema.safeParse(data);
  if (!parsed.success) throw new BaselineFileError(path, describeIssues(parsed.error.issues));
  return { source: path, entries: parsed.data.knownFailures };
}

function fromResults(text: string, path: string): Baseline {
  try {
    return baselineFromRun(parseResults(text, path), path);
  } catch (err) {
    if (err instanceof ResultsFileError) throw new BaselineFileError(path, err.problems);
    throw err;
  }
}
