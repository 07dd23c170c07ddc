import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createReporter, DEFAULT_REPORT_DIR, isReporterName, REPORT_KINDS, reporters as builtIn, type Reporter } from '../../reports/index.js';
import { UsageError } from '../usage-error.js';

export const reportOptionsUsage = `  --report DIR      write index.html, results.json and junit.xml into DIR
  --reporter NAME   ${REPORT_KINDS.join(', ')} (into --report DIR, default ${DEFAULT_REPORT_DIR}); github (GitHub Actions
                    annotations for failed invariants, on stdout, on stderr with --json); or a module path whose
                    default export makes a reporter (repeatable)`;

const looksLikePath = (name: string) => /[/\\]|\.[cm]?[jt]s$/.test(name);

/**
 * The reporters a run asked for, found by name (vitest-style): built-in file writers, or a module whose default
 * export is a function returning hooks. Checked before the run starts, so a typo costs nothing.
 */
export async function reportersFor(options: { report?: string; reporters: string[]; json?: boolean }): Promise<Reporter[]> {
  const names = options.reporters.length ? options.reporters : options.report ? [...REPORT_KINDS] : [];
  const outDir = options.report ?? DEFAULT_REPORT_DIR;
  const onWritten = (path: string) => process.stderr.write(`wrote ${path}\n`);
  return Promise.all(
    names.map(async (name) => {
      // Workflow commands go to stdout, unless stdout carries the JSON results (the runner reads stderr too).
      if (name === 'github') return createReporter('github', options.json ? { write: (line) => process.stderr.write(`${line}\n`) } : {});
      if (isReporterName(name)) return createReporter(name, { outDir, onWritten });
      if (!looksLikePath(name)) throw new UsageError(`unknown reporter '${name}'; valid: ${Object.keys(builtIn).join(', ')}, or a module path`);
      return loadReporterModule(name, outDir);
    }),
  );
}

async function loadReporterModule(path: string, outDir: string): Promise<Reporter> {
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(resolve(path)).href);
  } catch (err) {
    throw new UsageError(`cannot load reporter module ${path}`, { cause: err });
  }
  if (typeof mod.default !== 'function') throw new UsageError(`reporter module ${path} must export a default function returning reporter hooks`);
  return (mod.default as (o: { outDir: string }) => Reporter)({ outDir });
}
