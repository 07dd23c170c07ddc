import type { UpstreamCredential } from '../resource-server/service-credential.js';

/** Flaw token-passthrough: the client's access token (audience: this MCP server) is sent on to the upstream API. */
export const passthroughCredential: UpstreamCredential = async (clientToken) => clientToken;
