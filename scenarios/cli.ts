import { UsageError } from './usage-error.js';
import { describeError } from './describe-error.js';
import { WORLD_WORKER_COMMAND } from './world-processes.js';

type Command = (argv: string[]) => Promise<number>;

/**
 * Commands by name; each prints its own --help. Each is imported when it runs, so a command loads only its own
 * room: `list` never starts oidc-provider, the MCP SDK or PGlite, `sim` never loads the MCP server.
 */
const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  list: { load: async () => (await import('./commands/list.js')).listCommand, summary: 'list the scenario catalogue and the invariants' },
  run: { load: async () => (await import('./commands/run.js')).runCommand, summary: 'run scenarios (all by default) and check every invariant' },
  matrix: { load: async () => (await import('./commands/matrix.js')).matrixCommand, summary: 'run the catalogue once clean and once per flaw; print which scenario caught which flaw' },
  explore: { load: async () => (await import('./commands/explore.js')).exploreCommand, summary: 'draw cases of operations and faults with fast-check, judge each history, shrink a violation to the smallest case' },
  start: { load: async () => (await import('./commands/start.js')).startCommand, summary: "run the whole catalogue and write the HTML, JSON and JUnit report (what 'npm start' does)" },
  report: { load: async () => (await import('../reports/index.js')).runReportCommand, summary: 're-render a saved results.json as HTML and JUnit' },
  sim: { load: async () => (await import('./commands/sim.js')).simCommand, summary: 'start the OIDC simulator and print its URLs and control token as JSON' },
  serve: { load: async () => (await import('../mcp-server/index.js')).runServeCommand, summary: 'start the reference MCP session server against any OIDC provider' },
};

export const usage = () => `oidc-harness <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Run 'oidc-harness <command> --help' for a command's options.`;

/** Runs the CLI; returns the exit code (0 ok, 1 an invariant failed, 2 usage or configuration error). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  // Not a command of the usage: the child process run and explore start for their worlds (world-processes.ts).
  const command = name === WORLD_WORKER_COMMAND ? { load: async () => (await import('./world-worker.js')).worldWorkerCommand } : commands[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}'\n\n${usage()}`);
    return await (await command.load())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`oidc-harness ${name}: ${describeError(err)}`);
      return 2;
    }
    // The whole cause chain (code, syscall, address, window, operation): 'fetch failed' alone says nothing.
    console.error(`oidc-harness ${name}: internal error: ${describeError(err)}`);
    return 3;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
