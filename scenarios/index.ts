/**
 * scenarios: the runner, the catalogue, the invariants and the CLI. Write a scenario with `defineScenario`, run
 * it with `runScenario` / `runCatalogue`, judge flaws with `runMatrix`.
 */
export { defineScenario, type ScenarioDefinition } from './define-scenario.js';
export type { World } from './world.js';
export type { Window } from './window.js';
export type { ToolOutcome } from './tool-result.js';
export type { ServerHandle, ServerFactory, ServerContext, ServerFact } from './server-handle.js';
export { referenceServer } from './reference-server.js';
export { runScenario, replayCommand, type RunScenarioOptions } from './run-scenario.js';
export { runCatalogue, type RunOptions } from './runner.js';
export { runMatrix, formatMatrix, type MatrixOptions } from './matrix.js';
export { catalogue } from './catalog/index.js';
export { invariants, invariantNames, type Invariant } from './invariants/index.js';
export { expectedCatches } from './expected-catches.js';
export { consoleReporter } from './console-reporter.js';
export { main } from './cli.js';
export type * from './result-types.js';
// Resource-server mode (issue 16): OAuth-client windows against an MCP server built to the MCP authorization spec.
export { defineResourceScenario, type ResourceScenario } from './resource-mode/define-resource-scenario.js';
export type { ResourceWorld } from './resource-mode/resource-world.js';
export type { OAuthWindow } from './resource-mode/oauth-window.js';
export { runResourceScenario, type RunResourceScenarioOptions } from './resource-mode/run-resource-scenario.js';
export { runResourceCatalogue, type ResourceRunOptions } from './resource-mode/run-resource-catalogue.js';
export { resourceCatalogue } from './resource-mode/catalog/index.js';
export { resourceInvariants } from './resource-mode/invariants/index.js';
export { referenceResourceServer, externalResourceServer } from './resource-mode/resource-targets.js';
export { resourceExpectedCatches } from './resource-mode/resource-expected-catches.js';
