import { copyFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { comparisonLines } from './baseline/comparison-lines.js';
import { compareWithBaseline, failsAgainstBaseline } from './baseline/compare-baseline.js';
import { baselineFromRun } from './baseline/read-baseline.js';
import { readResults } from './json/read-results.js';
import { ResultsFileError } from './json/results-file-error.js';
import { writeReports } from './write-reports.js';
import { MergeError } from './merge/merge-error.js';
import { mergeRuns } from './merge/merge-runs.js';
import { DEFAULT_REPORT_DIR } from './report-files.js';

export const REPORT_USAGE = `usage: oidc-harness report <results.json> [--out DIR]
       oidc-harness report --compare <old-results.json> <new-results.json> [--out DIR]
       oidc-harness report --merge <results.json>... [--out DIR]

Re-renders a saved run: writes index.html and junit.xml into DIR (default: beside results.json),
and copies results.json there when DIR is elsewhere.

--compare prints what changed between two saved runs: failures that are new, known (failed in both) or
fixed (failed before, ran to a verdict now and passed). Exit 1 when there is a new failure, 0 otherwise.
With --out, also writes the new run's reports, marked against the old one.

--merge joins the results of the shards of one run (run --shard i/n), or of separate runs of the same world,
into one results.json, index.html and junit.xml in DIR (default ${DEFAULT_REPORT_DIR}). Every shard of the
split must be given, each once; verdicts are copied, never recomputed. Exit 0 when written (the shards' own
exit codes carry the verdicts), 2 when the files are not parts of one run.`;

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
  if (args.values.compare && args.values.merge) return usageError(io, '--compare and --merge do not go together');
  if (args.values.compare) return compare(args.positionals, args.values.out, io);
  if (args.values.merge) return merge(args.positionals, args.values.out, io);
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

/** `report --merge a.json b.json ...`: one report of a run split across shards. */
async function merge(files: string[], out: string | undefined, io: CommandIO): Promise<number> {
  if (files.length === 0) return usageError(io, '--merge needs the results files of the shards');
  try {
    const paths = files.map((f) => resolve(f));
    const runs = await Promise.all(paths.map(async (path, k) => ({ path: files[k]!, run: await readResults(path) })));
    const merged = mergeRuns(runs);
    const written = await writeReports(merged, resolve(out ?? DEFAULT_REPORT_DIR));
    const counts = new Map<string, number>();
    for (const s of merged.scenarios) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
    io.stdout.write(`merged ${files.length} results file${files.length === 1 ? '' : 's'}: ${merged.scenarios.length} scenario runs (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'})\n`);
    io.stdout.write(written.map((p) => `wrote ${p}\n`).join(''));
    return 0;
  } catch (err) {
    return failed(err, io);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string', short: 'o' }, compare: { type: 'boolean' }, merge: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
}

function usageError(io: CommandIO, message: string): number {
  io.stderr.write(`oidc-harness report: ${message}\n${REPORT_USAGE}\n`);
  return 2;
}

/** A bad results file, or files that are not parts of one run, are the user's to fix (2); anything else is ours (1). */
function failed(err: unknown, io: CommandIO): number {
  if (err instanceof ResultsFileError || err instanceof MergeError) {
    io.stderr.write(`oidc-harness report: ${err.message}\n`);
    return 2;
  }
  io.stderr.write(`oidc-harness report: internal error: ${(err as Error).message ?? String(err)}\n`);
  return 1;
}
