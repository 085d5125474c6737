import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // One Neo4j for the whole run; files take turns and each starts from an empty graph.
    fileParallelism: false,
    testTimeout: 30_000,
    // The first run downloads Neo4j with Maven and starts it.
    hookTimeout: 300_000,
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_JWT_SECRET: 'test-secret-for-newsgraph-tokens-only' },
  },
});
