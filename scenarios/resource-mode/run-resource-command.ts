import { isResourceFlawName, resourceFlawNames } from '../../mcp-server/index.js';
import { consoleReporter } from '../console-reporter.js';
import { reportersFor, reportOptionsUsage } from '../commands/outputs.js';
import { parse, runOptions } from '../commands/parse.js';
import { runConfig } from '../commands/run-config.js';
import { exitCodeOf } from '../commands/run.js';
import { UsageError } from '../usage-error.js';
import { resourceCatalogue } from './catalog/index.js';
import { externalResourceServer, referenceResourceServer } from './resource-targets.js';

export const runResourceUsage = `oidc-harness run --mode resource-server [ids...] [options]

Judges an MCP server built to the MCP authorization spec (an OAuth resource server: clients hold the tokens).
Windows are the MCP SDK's own OAuth clients: discovery through protected-resource metadata (RFC 9728), dynamic
registration, PKCE, \`resource\` (RFC 8707), a Bearer token on every request, refresh on 401; the windows of one
user share one token store. Scenarios: ${resourceCatalogue.map((s) => s.id).join(', ')}.
Invariants: session-binding, audience, no-passthrough, revocation-honoured, isolation, works, no-reuse.
Exit codes as for \`run\`.

Options:
  --seed N, --repeat N, --concurrency N, --json   as for \`run\`
  --flaw NAME       switch a flaw of the reference resource server on (repeatable): ${resourceFlawNames.join(', ')}
  --server-cmd CMD  your resource server instead, started per world; CMD may use {issuer} {resource} {jwksUri}
                    {introspectionUrl} {apiUrl} {serviceClientId} {serviceClientSecret} {port}; {resource} is
                    http://127.0.0.1:{port}/mcp. Its upstream API: GET {apiUrl}/<sub> with a client-credentials token
                    of {serviceClientId} for the resource {apiUrl}
${reportOptionsUsage}`;

/** `oidc-harness run --mode resource-server`: the resource-server catalogue against the reference or your server. */
export async function runResourceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...runOptions, 'server-cmd': { type: 'string' } }, true);
  if (values.help) {
    console.log(runResourceUsage);
    return 0;
  }
  const ids = positionals as string[];
  const unknownIds = ids.filter((id) => !resourceCatalogue.some((s) => s.id === id));
  if (unknownIds.length) throw new UsageError(`unknown resource-server scenario '${unknownIds[0]}'; valid: ${resourceCatalogue.map((s) => s.id).join(', ')}`);
  const scenarios = ids.length ? resourceCatalogue.filter((s) => ids.includes(s.id)) : resourceCatalogue;
  const config = runConfig(values);
  const flaws = config.flaws ?? [];
  const serverCmd = values['server-cmd'];
  if (serverCmd && flaws.length) throw new UsageError('--flaw switches flaws of the reference resource server; pass --flaw inside the command to `serve --auth bearer`');
  const unknown = flaws.filter((f) => !isResourceFlawName(f));
  if (unknown.length) throw new UsageError(`unknown resource-server flaw '${unknown[0]}'; valid: ${resourceFlawNames.join(', ')}`);
  const reporters = await reportersFor({ report: config.report, reporters: config.reporters });
  const target = serverCmd ? `external resource server: ${serverCmd}` : flaws.length ? `reference resource server with ${flaws.join(', ')}` : 'reference resource server';
  const result = await (await import('./run-resource-catalogue.js')).runResourceCatalogue({
    scenarios,
    seed: config.seed,
    repeat: config.repeat,
    flaws,
    server: serverCmd ? externalResourceServer(serverCmd) : referenceResourceServer(),
    target,
    ...(serverCmd ? { replayArgs: ['--server-cmd', serverCmd] } : {}),
    concurrency: config.concurrency,
    reporters: [consoleReporter({}), ...reporters],
  });
  if (config.json) console.log(JSON.stringify(result));
  return exitCodeOf(result.scenarios);
}
