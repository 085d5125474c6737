import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node gives packages its CommonJS build while Vite would give
    // our sources the ESM one. One copy for all, as in production, or instanceof checks fail.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_JWT_SECRET: 'test-secret-for-newsgraph-tokens-only' },
    projects: [
      {
        // No database: generated Cypher, cursors, ids, parsing. `npx vitest --project unit` takes seconds.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**'],
          globalSetup: ['test/globalSetup.ts'],
          // One Neo4j for the whole run; files take turns and each starts from an empty graph.
          fileParallelism: false,
          testTimeout: 30_000,
          // The first run downloads Neo4j with Maven and starts it.
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
