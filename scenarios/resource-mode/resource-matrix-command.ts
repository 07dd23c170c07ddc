import { resourceFlawNames } from '../../mcp-server/index.js';
import { selectResourceScenarios } from './select-resource-scenarios.js';
import { matrixOutcome } from '../commands/matrix.js';
import { reportersFor, reportOptionsUsage } from '../commands/outputs.js';
import { parse, runOptions } from '../commands/parse.js';
import { runConfig } from '../commands/run-config.js';
import { harnessDefaults } from '../defaults.js';
import { runMatrix } from '../matrix.js';
import { runResourceCatalogue } from './run-resource-catalogue.js';
import { resolveResourceTarget } from './run-resource-command.js';

export const resourceMatrixUsage = `oidc-harness matrix --mode resource-server [ids...] [options]

Runs the resource-server catalogue (or the scenarios named) against the reference resource server in process, once
clean and once per resource flaw, and prints which scenario caught which flaw with which invariant. Exit 0 when
every flaw was caught in every repetition and the clean run held everywhere; 1 otherwise.

Options:
  --repeat N        repetitions per cell (default ${harnessDefaults.repeat}); a flaw counts as caught only if caught every time
  --seed N          base seed (default ${harnessDefaults.seed})
  --flaw NAME       only these flaws (repeatable; default: all ${resourceFlawNames.length}): ${resourceFlawNames.join(', ')}
  --target-revocation-cache S
                    the reference server's validation-cache lifetime, declared (default ${harnessDefaults.referenceRevocationCacheSeconds})
  --concurrency N   worlds running at once (default: cores, at most 4); verdicts never depend on it
  --json            print the results as JSON on stdout
${reportOptionsUsage}`;

/** `oidc-harness matrix --mode resource-server`: the custodian matrix's engine (runMatrix) over the resource catalogue. */
export async function resourceMatrixCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...runOptions, 'target-revocation-cache': { type: 'string' } }, true);
  if (values.help) {
    console.log(resourceMatrixUsage);
    return 0;
  }
  const scenarios = selectResourceScenarios(positionals as string[]);
  const config = runConfig(values);
  const flaws = config.flaws ?? [...resourceFlawNames];
  // Checks the flaw names and gives the reference server with its declared cache lifetime.
  const target = resolveResourceTarget(values, flaws);
  const reporters = await reportersFor({ report: config.report, reporters: config.reporters, json: config.json });
  const { seed, repeat } = config;
  process.stderr.write(`matrix --mode resource-server: ${scenarios.length} scenarios x (clean + ${flaws.length} flaws), ${repeat} repetition(s) each\n`);
  const result = await runMatrix({
    scenarios,
    flaws,
    seed,
    repeat,
    concurrency: config.concurrency,
    runColumn: async (columnFlaws) => {
      const run = await runResourceCatalogue({
        scenarios,
        seed,
        repeat,
        flaws: columnFlaws,
        server: target.server,
        target: columnFlaws.length ? `reference resource server with ${columnFlaws.join(', ')}` : 'reference resource server',
        ...(target.revocationCacheSeconds !== undefined ? { revocationCacheSeconds: target.revocationCacheSeconds } : {}),
        ...(target.replayArgs.length ? { replayArgs: target.replayArgs } : {}),
        concurrency: config.concurrency,
      });
      const failed = run.scenarios.filter((r) => r.status !== 'passed' && r.status !== 'skipped').length;
      process.stderr.write(`${columnFlaws.join('+') || 'clean'}: ${run.scenarios.length} runs, ${failed} not passed (${(run.durationMs / 1000).toFixed(1)} s)\n`);
      return run;
    },
    serverFor: () => target.server,
    target: 'reference resource server',
  });
  return matrixOutcome(result, reporters, config.json);
}
