import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Self-references resolve to the TypeScript sources (the package's `oidc-session-harness-source` export condition), never a stale dist/.
  resolve: { conditions: ['oidc-session-harness-source'] },
  ssr: { resolve: { conditions: ['oidc-session-harness-source'], externalConditions: ['oidc-session-harness-source'] } },
  test: {
    include: ['{support,oidc-sim,mcp-server,scenarios,reports,examples}/**/*.test.ts'],
    // Tests start real servers on port 0; a busy 2-core CI box needs generous budgets, never sleeps.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
