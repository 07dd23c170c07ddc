import { createReporter, DEFAULT_REPORT_DIR, isReporterName, REPORT_KINDS, writeReports, type ReportKind } from '../../reports/index.js';
import type { RunResult } from '../result-types.js';
import { UsageError } from '../usage-error.js';

export const reportOptionsUsage = `  --report DIR      write index.html, results.json and junit.xml into DIR
  --reporter NAME   write one kind (${REPORT_KINDS.join(', ')}) into ${DEFAULT_REPORT_DIR} or --report DIR (repeatable)`;

/** Checks --reporter names before a run starts, so a typo costs nothing. */
export function checkReporterNames(names: string[]): ReportKind[] {
  try {
    for (const name of names) if (!isReporterName(name)) createReporter(name); // throws the listing error
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return names as ReportKind[];
}

/** Writes the report files a run asked for and says where they went. */
export async function writeRunOutputs(result: RunResult, options: { report?: string; reporters: string[] }): Promise<string[]> {
  if (!options.report && options.reporters.length === 0) return [];
  const kinds = options.reporters.length ? checkReporterNames(options.reporters) : REPORT_KINDS;
  const paths = await writeReports(result, options.report ?? DEFAULT_REPORT_DIR, kinds);
  for (const p of paths) process.stderr.write(`wrote ${p}\n`);
  return paths;
}
