/**
 * Helpers for integration tests, ours and our users': get a real Neo4j, prepare its schema, and reset
 * it between test files.
 *
 *   const neo4j = await startNeo4j({ instance: 'test' });   // NEO4J_URI → Docker → local server
 *   const driver = createDriver(neo4j);
 *   await migrate(new Database(driver, neo4j.database));
 *   await clearGraph(driver, neo4j.database);               // before each test file
 *   …
 *   await driver.close(); await neo4j.stop();
 */
import type { Driver } from 'neo4j-driver';

export { createDriver, Database } from './db/database.js';
export { migrate } from './db/migrations.js';
export { type Neo4jHandle, type StartNeo4jOptions, startNeo4j } from './db/provider.js';

/** Deletes every node and relationship (constraints and indexes stay), in batches that fit in memory. */
export async function clearGraph(driver: Driver, database?: string): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
