// The public door of the reference MCP session server. Everything else in this folder is internal.
export { createMcpSessionServer, type McpSessionServer } from './mcp-session-server.js';
export type { McpSessionServerOptions, ServerConfig } from './options.js';
export { serverDefaults, serverKeepAlive } from './defaults.js';
export { ConfigError } from './config-error.js';
export { flawRegistry, flawNames, isFlawName, type FlawName, type CompositionPoint } from './flaws/flaw-registry.js';
export type { ServerEvent, ServerEventBody, ServerEventType, ServerEventListener, SessionCloseReason, RefreshTrigger } from './server-events.js';
export type { PausePointName, PauseHold, PauseInfo } from './pause-points.js';
export type { ActivityState, WaitingStrand, WaitKind, StrandTags } from './activity-meter.js';
export type { HeartbeatControl } from './heartbeat/heartbeat.js';
export type { CycleResult } from './heartbeat/cycle-guard.js';
export type { ReaperControl } from './sessions/reaper.js';
export type { SessionStore, SessionRecord, UserRecord, StoreSnapshot, ActivationResult } from './store/session-store.js';
/** Seals token records as the server stores them, for tools that write a store directly (bench/store-load.ts). */
export { TokenCipher, type SealedRecord } from './tokens/token-cipher.js';
export { createMemoryStore } from './store/memory-store.js';
export { openStore, storeSpecUsage, type StoreSpec } from './store/open-store.js';
export { createSqlStore, type SqlSessionStore, type SqlStoreOptions } from './store/sql-store.js';
export { createPgDriver, type PgDriverOptions } from './store/pg-driver.js';
export { createPgliteDriver } from './store/pglite-driver.js';
export { StoreUnavailableError, type SqlDriver } from './store/sql-driver.js';
export { toolNames, type ToolName } from './tools/session-mcp-server.js';
export type { ToolErrorCode } from './tools/tool-errors.js';
export type { SessionStatus } from './tools/session-status-tool.js';
export { runServeCommand, parseServeArgs, serveUsage, type ServeIo } from './serve-command.js';
// Resource-server mode (issue 16): an MCP server built to the MCP authorization spec, with its own flaw switchboard.
export { createResourceMcpServer, type ResourceMcpServer } from './resource-server/resource-mcp-server.js';
export type { ResourceServerOptions } from './resource-server/resource-server-options.js';
export { resourceServerDefaults } from './defaults.js';
export { resourceFlawRegistry, resourceFlawNames, isResourceFlawName, type ResourceFlawName } from './flaws/resource-flaw-registry.js';
