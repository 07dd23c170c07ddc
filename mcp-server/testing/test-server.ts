import { createMcpSessionServer, type McpSessionServer } from '../mcp-session-server.js';
import type { McpSessionServerOptions } from '../options.js';

/** What the tests need of a provider; oidc-sim satisfies it (tests import the sim, this helper does not). */
export interface ProviderUnderTest {
  issuer: string;
  resourceUrl: string;
  clients: { confidential: { clientId: string; clientSecret?: string } };
  approveDevice(userCode: string, username: string): Promise<void>;
}

/** A fixed master key, so a test can open what the store holds and prove nothing else can read it. */
export const TEST_MASTER_KEY = new Uint8Array(32).fill(7);

/** A reference server against `provider`, heartbeat timer off (tests call runOnce), fast device polling. */
export function startTestServer(provider: ProviderUnderTest, overrides: Partial<McpSessionServerOptions> = {}): Promise<McpSessionServer> {
  return createMcpSessionServer({
    issuer: provider.issuer,
    clientId: provider.clients.confidential.clientId,
    ...(provider.clients.confidential.clientSecret ? { clientSecret: provider.clients.confidential.clientSecret } : {}),
    resourceUrl: provider.resourceUrl,
    devicePollIntervalSeconds: 0.02,
    masterKey: TEST_MASTER_KEY,
    ...overrides,
    heartbeat: { timer: false, retryBackoffSeconds: 0, ...overrides.heartbeat },
  });
}
