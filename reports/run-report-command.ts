import { copyFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { comparisonLines } from './baseline/comparison-lines.js';
import { compareWithBaseline, failsAgainstBaseline } from './baseline/compare-baseline.js';
import { baselineFromRun } from './baseline/read-baseline.js';
import { readResults } from './json/read-results.js';
import { ResultsFileError } from './json/results-file-error.js';
import { writeReports } from './write-reports.js';

export const REPORT_USAGE = `usage: oidc-harness report <results.json> [--out DIR]
       oidc-harness report --compare <old-results.json> <new-results.json> [--out DIR]

Re-renders a saved run: writes index.html and junit.xml into DIR (default: beside results.json),
and copies results.json there when DIR is elsewhere.

--compare prints what changed between two saved runs: failures that are new, known (failed in both) or
fixed (failed before, ran to a verdict now and passed). Exit 1 when there is a new failure, 0 otherwise.
With --out, also writes the new run's reports, marked against the old one.`;

export interface CommandIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** `oidc-harness report`: exit 0 when written, 2 for a usage error or a bad results file, 1 for a harness bug. */
export async function runReportCommand(argv: string[], io: CommandIO = process): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    return usageError(io, (err as Error).message);
  }
  if (args.values.help) {
    io.stdout.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  if (args.values.compare) return compare(args.positionals, args.values.out, io);
  if (args.positionals.length !== 1) return usageError(io, args.positionals.length ? 'expected one results file' : 'missing results file');
  const input = resolve(args.positionals[0]!);
  const outDir = resolve(args.values.out ?? dirname(input));
  try {
    // Read and validate first: a bad file must not touch an existing report folder.
    const run = await readResults(input);
    const written = await writeReports(run, outDir, ['html', 'junit']);
    const copy = resolve(outDir, 'results.json');
    // The original bytes, not a re-serialisation: re-rendering never rewrites the evidence.
    if (copy !== input) written.push((await copyFile(input, copy), copy));
    io.stdout.write(written.map((p) => `wrote ${p}\n`).join(''));
    return 0;
  } catch (err) {
    return failed(err, io);
  }
}

/** `report --compare old new`: the same comparison `run --baseline old` makes, between two saved runs. */
async function compare(files: string[], out: string | undefined, io: CommandIO): Promise<number> {
  if (files.length !== 2) return usageError(io, `--compare needs two results files (old, then new), got ${files.length}`);
  try {
    const [oldPath, newPath] = files.map((f) => resolve(f)) as [string, string];
    const [before, after] = await Promise.all([readResults(oldPath), readResults(newPath)]);
    const comparison = compareWithBaseline(baselineFromRun(before, files[0]!), after);
    io.stdout.write(`${comparisonLines(comparison).join('\n')}\n`);
    if (out !== undefined) {
      const written = await writeReports({ ...after, baseline: comparison }, resolve(out));
      io.stdout.write(written.map((p) => `wrote ${p}\n`).join(''));
    }
    return failsAgainstBaseline(after, comparison) ? 1 : 0;
  } catch (err) {
    return failed(err, io);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string', short: 'o' }, compare: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
}

function usageError(io: CommandIO, message: string): number {
  io.stderr.write(`oidc-harness report: ${message}\n${REPORT_USAGE}\n`);
  return 2;
}

/** A bad results file is the user's to fix (2); anything else is ours (1). */
function failed(err: unknown, io: CommandIO): number {
  if (err instanceof ResultsFileError) {
    io.stderr.write(`oidc-harness report: ${err.message}\n`);
    return 2;
  }
  io.stderr.write(`oidc-harness report: internal error: ${(err as Error).message ?? String(err)}\n`);
  return 1;
}
