import { join } from 'node:path';
import { DEFAULT_REPORT_DIR, REPORT_FILES, type ReportKind } from './report-files.js';
import type { Reporter } from './reporter.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { githubReporter, type GithubReporterOptions } from './github/github-reporter.js';

export interface FileReporterOptions {
  /** Directory to write into; default `reports/out`. */
  outDir?: string;
  /** File name or path inside outDir; default index.html, results.json or junit.xml. */
  file?: string;
  /** Called with the path once written, e.g. for the CLI to print it. */
  onWritten?: (path: string) => void;
}

/** The files are functions of the finished run, so each writer needs only the last hook. */
function fileReporter(kind: ReportKind) {
  return (options: FileReporterOptions = {}): Reporter => ({
    async onRunEnd(results) {
      const path = join(options.outDir ?? DEFAULT_REPORT_DIR, options.file ?? REPORT_FILES[kind].file);
      await writeFileAtomic(path, REPORT_FILES[kind].render(results));
      options.onWritten?.(path);
    },
  });
}

/** Built-in reporters by name; each factory's options are typed. `github` writes workflow annotations, no file. */
export const reporters = {
  html: fileReporter('html'),
  json: fileReporter('json'),
  junit: fileReporter('junit'),
  github: githubReporter,
} satisfies Record<ReportKind, (options?: FileReporterOptions) => Reporter> & { github: (options?: GithubReporterOptions) => Reporter };

export type ReporterName = keyof typeof reporters;
export type ReporterOptions<N extends ReporterName> = NonNullable<Parameters<(typeof reporters)[N]>[0]>;
