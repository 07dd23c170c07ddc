import type { RunResult } from '../../scenarios/result-types.js';
import { redactSecrets } from '../redact-secrets.js';
import { withStories } from '../story/witness-story.js';
import { SCHEMA_VERSION, resultsFileSchema, type ResultsFile } from './results-schema.js';

/**
 * The results file for a run, every failed verdict with its witness story (so a CI log reader needs no renderer);
 * throws if the run itself breaks the schema, which would be a harness bug.
 */
export function toResultsFile(run: RunResult): ResultsFile {
  return resultsFileSchema.parse({ schemaVersion: SCHEMA_VERSION, ...withStories(redactSecrets(run)) });
}

export function renderJson(run: RunResult): string {
  return `${JSON.stringify(toResultsFile(run), null, 2)}\n`;
}
