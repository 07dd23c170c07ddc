import type { RunResult } from '../scenarios/result-types.js';
import { renderHtml } from './html/render-html.js';
import { renderJson } from './json/to-results-file.js';
import { renderJunit } from './junit/render-junit.js';

/** The report kinds and the file each writes; the names double as reporter names (`--reporter junit`). */
export const REPORT_FILES = {
  html: { file: 'index.html', render: renderHtml },
  json: { file: 'results.json', render: renderJson },
  junit: { file: 'junit.xml', render: renderJunit },
} as const satisfies Record<string, { file: string; render: (run: RunResult) => string }>;

export type ReportKind = keyof typeof REPORT_FILES;
export const REPORT_KINDS = Object.keys(REPORT_FILES) as ReportKind[];

/** Where `npm start` and `--report` write when no directory is given. */
export const DEFAULT_REPORT_DIR = 'reports/out';
