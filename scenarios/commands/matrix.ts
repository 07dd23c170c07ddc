import { flawNames } from '../../mcp-server/index.js';
import { consoleReporter } from '../console-reporter.js';
import { formatMatrix, runMatrix } from '../matrix.js';
import { referenceServer } from '../reference-server.js';
import { selectScenarios } from '../select-scenarios.js';
import { UsageError } from '../usage-error.js';
import { reportersFor, reportOptionsUsage } from './outputs.js';
import { intOption, parse, runOptions } from './parse.js';

export const matrixUsage = `oidc-harness matrix [ids...] [options]

Runs the catalogue (or the scenarios named) once clean and once per flaw of the reference server, and prints
which scenario caught which flaw with which invariant. Exit 0 when every flaw was caught in every repetition
and the clean run held everywhere; 1 otherwise.

Options:
  --repeat N        repetitions per cell (default 1); a flaw counts as caught only if caught every time
  --seed N          base seed (default 1)
  --flaw NAME       only these flaws (repeatable; default: all ${flawNames.length})
  --concurrency N   worlds running at once (default: cores, at most 4); verdicts never depend on it
  --json            print the results as JSON on stdout
${reportOptionsUsage}`;

export async function matrixCommand(argv: string[]): Promise<number> {
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
  const flaws = values.flaw ?? [...flawNames];
  const unknown = flaws.filter((f) => !(flawNames as readonly string[]).includes(f));
  if (unknown.length) throw new UsageError(`unknown flaw ${unknown.map((f) => `'${f}'`).join(', ')}; valid: ${flawNames.join(', ')}`);
  const reporters = await reportersFor({ report: values.report, reporters: values.reporter ?? [] });
  const result = await runMatrix({
    scenarios,
    flaws,
    seed: intOption(values.seed, 'seed') ?? 1,
    repeat: intOption(values.repeat, 'repeat', 1) ?? 1,
    concurrency: intOption(values.concurrency, 'concurrency', 1),
    serverFor: () => referenceServer(),
    target: 'reference server',
    reporters: [consoleReporter({ quietPasses: true })],
  });
  console.error(`\n${formatMatrix(result.matrix!)}`);
  // The file reporters want the whole matrix, not each of its sub-runs: they hear only the end of it.
  for (const r of reporters) await r.onRunEnd?.(result);
  if (values.json) console.log(JSON.stringify(result));
  const m = result.matrix!;
  const allCaught = m.flaws.every((f) => Object.values(m.cells[f] ?? {}).some((inv) => inv.length > 0));
  if (result.scenarios.some((s) => s.status === 'error')) throw new UsageError('a scenario could not run (harness error above)');
  return allCaught && m.falseAlarms.length === 0 ? 0 : 1;
}
