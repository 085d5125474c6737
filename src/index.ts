/**
 * newsgraph as a library: build the GraphQL HTTP application over your own database handle. Test
 * helpers (a real Neo4j, seeding, a running API with tokens) are in `newsgraph/testing`.
 */

/** Reads and validates the configuration from environment variables (throws ConfigError naming each bad one). */
export { type Config, ConfigError, loadConfig } from './config.js';
/** Builds the GraphQL HTTP application (a yoga app: serve it with node:http's createServer). */
export { type AppOptions, createApp } from './http/app.js';
