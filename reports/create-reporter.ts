import type { Reporter } from './reporter.js';
import { reporters, type FileReporterOptions, type ReporterName, type ReporterOptions } from './reporters.js';
import { UnknownReporterError } from './unknown-reporter-error.js';

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}

/** Looks a built-in reporter up by name; an unknown name throws UnknownReporterError listing the valid ones. */
export function createReporter<N extends ReporterName>(name: N, options?: ReporterOptions<N>): Reporter;
export function createReporter(name: string, options?: FileReporterOptions): Reporter;
export function createReporter(name: string, options?: FileReporterOptions): Reporter {
  if (!isReporterName(name)) throw new UnknownReporterError(name, Object.keys(reporters).sort());
  return reporters[name](options);
}
