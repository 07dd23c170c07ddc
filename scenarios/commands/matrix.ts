import { flawNames } from '../../mcp-server/index.js';
import { formatMatrix, runMatrix } from '../matrix.js';
import { columnInChildProcess } from '../matrix-column-process.js';
import { referenceServer } from '../reference-server.js';
import { selectScenarios } from '../select-scenarios.js';
import { UsageError } from '../usage-error.js';
import { reportersFor, reportOptionsUsage } from './outputs.js';
import { parse, runOptions } from './parse.js';
import { runConfig } from './run-config.js';
import { modeArgs } from './mode.js';
import type { Reporter } from '../../reports/index.js';
import type { RunResult } from '../result-types.js';
import { harnessDefaults } from '../defaults.js';

export const matrixUsage = `oidc-harness matrix [ids...] [options]

Runs the catalogue (or the scenarios named) once clean and once per flaw of the reference server, and prints
which scenario caught which flaw with which invariant. Exit 0 when every flaw was caught in every repetition
and the clean run held everywhere; 1 otherwise.

Options:
  --repeat N        repetitions per cell (default ${harnessDefaults.repeat}); a flaw counts as caught only if caught every time
  --seed N          base seed (default ${harnessDefaults.seed})
  --flaw NAME       only these flaws (repeatable; default: all ${flawNames.length})
  --concurrency N   worlds running at once (default: cores, at most 4); verdicts never depend on it
  --json            print the results as JSON on stdout
  --mode resource-server
                    the resource-server mode's catalogue and flaws instead: matrix --mode resource-server --help
${reportOptionsUsage}`;

export async function matrixCommand(argv: string[]): Promise<number> {
  const mode = modeArgs(argv);
  if (mode.resource) return (await import('../resource-mode/resource-matrix-command.js')).resourceMatrixCommand(mode.rest);
  argv = mode.rest;
  const { values, positionals } = parse(
    argv,
    runOptions,
    true,
  );
  if (values.help) {
    console.log(matrixUsage);
    return 0;
  }
  const scenarios = selectScenarios(positionals);
  const config = runConfig(values);
  const flaws = config.flaws ?? [...flawNames];
  const unknown = flaws.filter((f) => !(flawNames as readonly string[]).includes(f));
  if (unknown.length) throw new UsageError(`unknown flaw ${unknown.map((f) => `'${f}'`).join(', ')}; valid: ${flawNames.join(', ')}`);
  const reporters = await reportersFor({ report: config.report, reporters: config.reporters, json: config.json });
  const { seed, repeat } = config;
  const inChild = columnInChildProcess({ ids: positionals, seed, repeat });
  process.stderr.write(`matrix: ${scenarios.length} scenarios x (clean + ${flaws.length} flaws), ${repeat} repetition(s) each\n`);
  const result = await runMatrix({
    scenarios,
    flaws,
    seed,
    repeat,
    concurrency: config.concurrency,
    // Columns run as child processes, as many at once as --concurrency (default: the cores).
    columns: config.concurrency,
    runColumn: async (flaws) => {
      const run = await inChild(flaws);
      const failed = run.scenarios.filter((r) => r.status !== 'passed').length;
      process.stderr.write(`${flaws.join('+') || 'clean'}: ${run.scenarios.length} runs, ${failed} failed (${(run.durationMs / 1000).toFixed(1)} s)\n`);
      return run;
    },
    serverFor: () => referenceServer(),
    target: 'reference server',
  });
  return matrixOutcome(result, reporters, config.json);
}

/** Prints the matrix, hands it to the file reporters and says the exit code; shared by both modes' matrix. */
export async function matrixOutcome(result: RunResult, reporters: Reporter[], json: boolean): Promise<number> {
  console.error(`\n${formatMatrix(result.matrix!)}`);
  // The file reporters want the whole matrix, not each of its sub-runs: they hear only the end of it.
  for (const r of reporters) await r.onRunEnd?.(result);
  if (json) console.log(JSON.stringify(result));
  const m = result.matrix!;
  const allCaught = m.flaws.every((f) => Object.values(m.cells[f] ?? {}).some((inv) => inv.length > 0));
  if (result.scenarios.some((s) => s.status === 'error')) throw new UsageError('a scenario could not run (harness error above)');
  return allCaught && m.falseAlarms.length === 0 ? 0 : 1;
}
