/**
 * reports: pure functions from run results to files (HTML, JUnit XML, JSON), the same writers as runner reporters
 * found by name, and `oidc-harness report` to re-render a saved run.
 */
export type { Reporter, RunInfo, ScenarioStart } from './reporter.js';
export { reporters, type ReporterName, type ReporterOptions, type FileReporterOptions } from './reporters.js';
export { createReporter, isReporterName } from './create-reporter.js';
export { UnknownReporterError } from './unknown-reporter-error.js';
export { githubReporter, annotationsOf, type GithubReporterOptions } from './github/github-reporter.js';
export { mergeRuns, type NamedRun } from './merge/merge-runs.js';
export { MergeError } from './merge/merge-error.js';

export { writeReports } from './write-reports.js';
export { REPORT_KINDS, DEFAULT_REPORT_DIR, type ReportKind } from './report-files.js';

export { renderHtml } from './html/render-html.js';
export { renderJunit } from './junit/render-junit.js';
export { renderJson, toResultsFile } from './json/to-results-file.js';
export { writeJson } from './json/write-json.js';
export { readResults, parseResults } from './json/read-results.js';
export { ResultsFileError } from './json/results-file-error.js';
export { resultsFileSchema, resultsJsonSchema, SCHEMA_VERSION, type ResultsFile } from './json/results-schema.js';

export { witnessStory, storyOf, withStories } from './story/witness-story.js';
export { eventSentence } from './story/event-sentence.js';
export { storyLines } from './story/story-lines.js';

export { readBaseline, baselineFromRun, type Baseline, BASELINE_VERSION } from './baseline/read-baseline.js';
export { BaselineFileError } from './baseline/baseline-file-error.js';
export { compareWithBaseline, isKnownFailure, failsAgainstBaseline } from './baseline/compare-baseline.js';
export { withBaseline } from './baseline/with-baseline.js';
export { comparisonLines } from './baseline/comparison-lines.js';

export { repeatSummary, repeatLines, type RepeatRow } from './repeats/repeat-summary.js';

export { assertNoTokens, TokenLeakError } from './assert-no-tokens.js';
export { redactSecrets, redactText } from './redact-secrets.js';
export { runReportCommand, REPORT_USAGE } from './run-report-command.js';
