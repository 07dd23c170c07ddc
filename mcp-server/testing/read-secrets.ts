import type { McpSessionServer } from '../mcp-session-server.js';
import { TokenCipher, type TokenSecrets } from '../tokens/token-cipher.js';
import { TEST_MASTER_KEY } from './test-server.js';

/** Opens a user's record with the test master key: how a test learns which token values must never appear. */
export async function secretsOf(server: McpSessionServer, userId: string): Promise<TokenSecrets> {
  const record = await server.store.getUser(userId);
  if (!record?.sealed) throw new Error(`no tokens stored for ${userId}`);
  return new TokenCipher(TEST_MASTER_KEY).open(userId, record.sealed);
}
