import { ConfigError } from './config.js';
import { Neo4jStartError } from './db/local.js';
import { isGraphQLError } from './errors.js';

/** Prints why a command could not run (one line, then Neo4j's log tail if any) and exits with 1. */
export function exitWithError(prefix: string, error: unknown): never {
  // Configuration, start-up and typed user errors (GraphQLError) are one line; anything else a stack.
  if (error instanceof ConfigError || error instanceof Neo4jStartError || isGraphQLError(error)) {
    console.error(`${prefix}: ${error.message}`);
    if (error instanceof Neo4jStartError && error.logTail.length) {
      console.error(`Last lines of the Neo4j log:\n  ${error.logTail.join('\n  ')}`);
    }
  } else {
    console.error(`${prefix}:`, error);
  }
  process.exit(1);
}
