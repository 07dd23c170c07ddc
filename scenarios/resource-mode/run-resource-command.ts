import { isResourceFlawName, resourceFlawNames } from '../../mcp-server/index.js';
import { selectResourceScenarios } from './select-resource-scenarios.js';
import { consoleReporter } from '../console-reporter.js';
import { harnessDefaults } from '../defaults.js';
import { reportersFor, reportOptionsUsage } from '../commands/outputs.js';
import { parse, runOptions } from '../commands/parse.js';
import { runConfig } from '../commands/run-config.js';
import { exitCodeOf } from '../commands/run.js';
import { UsageError } from '../usage-error.js';
import { resourceCatalogue } from './catalog/index.js';
import { externalResourceServer, referenceResourceServer } from './resource-targets.js';

const revocationIds = resourceCatalogue.filter((s) => s.needs?.includes('revocation-cache')).map((s) => s.id).join(', ');

/** Options of the resource mode's run and matrix: the target and what it declares. */
export const resourceTargetOptions = { 'server-cmd': { type: 'string' }, 'target-revocation-cache': { type: 'string' } } as const;

/**
 * The resource server a run drives: the reference one in process (its validation cache at the declared lifetime,
 * by default harnessDefaults.referenceRevocationCacheSeconds) or `--server-cmd`, declaring only what it was told.
 */
export function resolveResourceTarget(values: { 'server-cmd'?: string; 'target-revocation-cache'?: string }, flaws: string[]) {
  const serverCmd = values['server-cmd'];
  const given = values['target-revocation-cache'];
  const declared = given === undefined ? undefined : Number(given);
  if (declared !== undefined && !(Number.isFinite(declared) && declared >= 0)) throw new UsageError(`--target-revocation-cache must be seconds >= 0, got '${given}'`);
  if (serverCmd && flaws.length) throw new UsageError('--flaw switches flaws of the reference resource server; pass --flaw inside the command to `serve --auth bearer`');
  const unknown = flaws.filter((f) => !isResourceFlawName(f));
  if (unknown.length) throw new UsageError(`unknown resource-server flaw '${unknown[0]}'; valid: ${resourceFlawNames.join(', ')}`);
  if (serverCmd) {
    return {
      server: externalResourceServer(serverCmd),
      name: `external resource server: ${serverCmd}`,
      ...(declared !== undefined ? { revocationCacheSeconds: declared } : {}),
      replayArgs: ['--server-cmd', serverCmd, ...(given !== undefined ? ['--target-revocation-cache', given] : [])],
    };
  }
  const seconds = declared ?? harnessDefaults.referenceRevocationCacheSeconds;
  return {
    server: referenceResourceServer({ validationCacheSeconds: seconds }),
    name: flaws.length ? `reference resource server with ${flaws.join(', ')}` : 'reference resource server',
    revocationCacheSeconds: seconds,
    replayArgs: given !== undefined ? ['--target-revocation-cache', given] : [],
  };
}

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
  --target-revocation-cache S
                    declare that the target honours a revocation within S seconds (its validation-cache lifetime;
                    it validates opaque tokens by introspection at {introspectionUrl}): the revocation scenarios
                    (${revocationIds}) then run. Without --server-cmd: the reference server's cache lifetime
                    (default ${harnessDefaults.referenceRevocationCacheSeconds})
${reportOptionsUsage}`;

/** `oidc-harness run --mode resource-server`: the resource-server catalogue against the reference or your server. */
export async function runResourceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...runOptions, ...resourceTargetOptions }, true);
  if (values.help) {
    console.log(runResourceUsage);
    return 0;
  }
  const scenarios = selectResourceScenarios(positionals as string[]);
  const config = runConfig(values);
  const flaws = config.flaws ?? [];
  const target = resolveResourceTarget(values, flaws);
  const reporters = await reportersFor({ report: config.report, reporters: config.reporters });
  const result = await (await import('./run-resource-catalogue.js')).runResourceCatalogue({
    scenarios,
    seed: config.seed,
    repeat: config.repeat,
    flaws,
    server: target.server,
    target: target.name,
    ...(target.revocationCacheSeconds !== undefined ? { revocationCacheSeconds: target.revocationCacheSeconds } : {}),
    ...(target.replayArgs.length ? { replayArgs: target.replayArgs } : {}),
    concurrency: config.concurrency,
    reporters: [consoleReporter({}), ...reporters],
  });
  if (config.json) console.log(JSON.stringify(result));
  return exitCodeOf(result.scenarios);
}
