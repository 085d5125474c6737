import type { Config } from './config.js';
import { createDriver, Database } from './db/database.js';
import { Gate } from './db/gate.js';
import { migrate } from './db/migrations.js';
import { type Neo4jHandle, type StartNeo4jOptions, startNeo4j } from './db/provider.js';
import type { Logger } from './logger.js';
import { isGraphEmpty } from './queries/stats.js';

export interface OpenDatabase {
  handle: Neo4jHandle;
  db: Database;
  /** Closes the driver, then stops the Neo4j this process started (if it started one). */
  close(): Promise<void>;
}

/** A graph to put into an empty database: its name for the log, and its loader (returning what it wrote). */
export interface Seeder {
  name: string;
  load: (db: Database) => Promise<unknown>;
}

export interface OpenDatabaseOptions {
  /** Fills the graph when it is empty (the server passes the article graph's loader). */
  seedIfEmpty?: Seeder;
  /**
   * Supervise a local Neo4j started here (restart it when it dies, logging why); called when restarts
   * keep failing. Without it, a local Neo4j that dies stays down.
   */
  onNeo4jGone?: (error: Error) => void;
  /** Where Neo4j comes from: by default the configured one, else a local `dev` server, reused if running. */
  neo4j?: Pick<StartNeo4jOptions, 'env' | 'instance' | 'reuseRunning'>;
}

/** Gets a Neo4j (configured, container or local), connects, applies migrations, and seeds an empty graph if asked. */
export async function openDatabase(
  config: Config,
  logger: Logger,
  { seedIfEmpty, onNeo4jGone, neo4j }: OpenDatabaseOptions = {},
): Promise<OpenDatabase> {
  const handle = await startNeo4j({
    reuseRunning: true,
    ...neo4j,
    log: (m) => logger.info(m),
    supervise: onNeo4jGone && {
      log: (m) => logger.warn(m),
      onGiveUp: onNeo4jGone,
    },
  });
  const driver = createDriver(handle);
  try {
    const db = new Database(
      driver,
      handle.database ?? config.neo4j.database,
      logger,
      config.queryTimeoutMs,
      new Gate(config.neo4j.gate),
      new Gate(config.neo4j.cypherGate),
    );
    await driver.verifyConnectivity({ database: db.database });
    const { created } = await migrate(db);
    logger.info(
      { created },
      created.length ? `migrations applied: ${created.join(', ')}` : 'schema up to date',
    );
    if (seedIfEmpty && (await isGraphEmpty(db, 'boot.empty'))) {
      const started = Date.now();
      const written = await seedIfEmpty.load(db);
      logger.info(
        { written },
        `empty database seeded with ${seedIfEmpty.name} in ${Date.now() - started} ms`,
      );
    }
    return {
      handle,
      db,
      close: async () => {
        await driver.close();
        await handle.stop();
      },
    };
  } catch (error) {
    await driver.close();
    await handle.stop();
    throw error;
  }
}
