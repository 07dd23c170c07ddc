import { join } from 'node:path';
import type { RunResult } from '../scenarios/result-types.js';
import { REPORT_FILES, REPORT_KINDS, type ReportKind } from './report-files.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Writes index.html, results.json and junit.xml (or the kinds asked for) into dir; returns the paths written. */
export async function writeReports(results: RunResult, dir: string, kinds: readonly ReportKind[] = REPORT_KINDS): Promise<string[]> {
  // Render everything before writing anything, so a rendering bug cannot leave a mix of old and new files.
  const files = kinds.map((kind) => ({ path: join(dir, REPORT_FILES[kind].file), text: REPORT_FILES[kind].render(results) }));
  await Promise.all(files.map((f) => writeFileAtomic(f.path, f.text)));
  return files.map((f) => f.path);
}
