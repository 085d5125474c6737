import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // startNewsgraph starts a real Neo4j: about a minute for a local one, more on its very first start.
    hookTimeout: 300_000,
    testTimeout: 30_000,
  },
});
