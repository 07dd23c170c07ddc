import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{support,oidc-sim,mcp-server,scenarios,reports}/**/*.test.ts'],
    // Tests start real servers on port 0; a busy 2-core CI box needs generous budgets, never sleeps.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
