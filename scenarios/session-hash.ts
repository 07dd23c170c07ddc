import { tokenHash } from '../oidc-sim/index.js';

/** MCP session ids are bearer credentials too: the history keeps only their short hash. */
export const sessionHash = (sessionId: string) => `s:${tokenHash(sessionId)}`;
