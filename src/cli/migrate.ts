/** `npm run migrate`: applies the schema migrations to the configured (or local) Neo4j. */
import { openDatabase } from '../boot.js';
import { loadConfig } from '../config.js';
import { exitWithError } from '../fatal.js';
import { createLogger } from '../logger.js';

try {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel));
  await database.close();
} catch (error) {
  exitWithError('migrate', error);
}
