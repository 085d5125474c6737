/**
 * Helpers for integration tests, ours and our users': get a real Neo4j, prepare its schema, reset it
 * between test files, and seed it with the article graph or a synthetic one; or all of that at once with
 * the API listening in front of it (`startNewsgraph`).
 *
 *   const neo4j = await startNeo4j({ instance: 'test' });   // NEO4J_URI → Docker → local server
 *   const driver = createDriver(neo4j);
 *   await migrate(new Database(driver, neo4j.database));
 *   await clearGraph(driver, neo4j.database);               // before each test file
 *   await seedGraph(driver);                                // the article graph, if wanted
 *   …
 *   await driver.close(); await neo4j.stop();
 *
 *   const api = await startNewsgraph({ seed: 'article' });   // the same, plus the API on a free port
 *   await fetch(api.url, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.editor}` }, … });
 *   await api.stop();
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { mintToken, ROLES, type Role } from './auth/auth.js';
import { openDatabase } from './boot.js';
import { loadConfig } from './config.js';
import { clearGraph, Database } from './db/database.js';
import { isMigrated } from './db/migrations.js';
import type { Neo4jHandle } from './db/provider.js';
import { createApp } from './http/app.js';
import { createLogger } from './logger.js';
import { ARTICLE_DATASET, type Dataset, loadDataset, readDataset, seedArticle } from './seed/dataset.js';
import { DATASET_LISTS } from './seed/format.js';
import { loadSynthetic, type SyntheticOptions } from './seed/synthetic.js';

/** The roles a bearer token can carry: reader, editor, analyst, admin. */
export type { Role } from './auth/auth.js';
/** A driver for a Neo4j handle, the query window over it, and emptying a graph (constraints stay). */
export { clearGraph, createDriver, Database } from './db/database.js';
/** Applies the schema's constraints and indexes (idempotent) and waits until they are online. */
export { migrate } from './db/migrations.js';
/** Gets a real Neo4j: NEO4J_URI, else a Docker container, else the local server assembled with Maven. */
export { type Neo4jHandle, type Neo4jProvider, type StartNeo4jOptions, startNeo4j } from './db/provider.js';
/** The article dataset's path, the dataset type, and the reader that validates a dataset file. */
export { ARTICLE_DATASET, type Dataset, readDataset } from './seed/dataset.js';

/** Loads a dataset (the article by default, or a dataset file) through the same validation as the mutations. */
export function seedGraph(driver: Driver, dataset: Dataset | string = ARTICLE_DATASET, database?: string) {
  return loadDataset(
    new Database(driver, database),
    typeof dataset === 'string' ? readDataset(dataset) : dataset,
  );
}

/** Loads a deterministic synthetic news-shaped graph into an empty database (see seed/synthetic.ts). */
export function seedSynthetic(driver: Driver, options: SyntheticOptions & { database?: string }) {
  return loadSynthetic(new Database(driver, options.database), options);
}

/** What `startNewsgraph` loads into the emptied graph: the article, a dataset, or N synthetic entities. */
export type NewsgraphSeed = 'article' | Dataset | { synthetic: number };

/** Options of `startNewsgraph`. */
export interface StartNewsgraphOptions {
  /** What to load after the graph is emptied; nothing (an empty graph) when absent. */
  seed?: NewsgraphSeed;
  /**
   * Configuration on top of process.env (NEO4J_*, AUTH_*, LIMIT_*, LOG_LEVEL, …; see `loadConfig`).
   * LOG_LEVEL defaults to `warn`; the local Neo4j instance to `testing` (NEO4J_LOCAL_INSTANCE given
   * here picks another, e.g. to run two at once).
   */
  env?: Record<string, string>;
}

/** A newsgraph API running in this process in front of a real, prepared Neo4j. */
export interface RunningNewsgraph {
  /** The GraphQL endpoint: `http://127.0.0.1:<port>/graphql`. */
  url: string;
  /** Bearer tokens (`authorization: Bearer …`) for each role, accepted for the whole run. */
  tokens: Record<Role, string>;
  /** The Neo4j behind it (uri, user, password, database, provider). */
  neo4j: Neo4jHandle;
  /** Closes the server and the driver, then stops the Neo4j it started (not an external one). */
  stop(): Promise<void>;
}

/** The seed option as a loader; throws saying what is wrong with it, before anything starts. */
function seedLoader(seed: unknown): ((db: Database) => Promise<unknown>) | undefined {
  const accepted = "use 'article', a Dataset (see readDataset) or { synthetic: <entities> }";
  if (seed === undefined) return undefined;
  if (seed === 'article') return seedArticle;
  if (typeof seed === 'string') throw new Error(`startNewsgraph: unknown seed "${seed}": ${accepted}`);
  if (typeof seed !== 'object' || seed === null) {
    throw new Error(`startNewsgraph: seed must be a string or an object: ${accepted}`);
  }
  if ('synthetic' in seed) {
    const entities = seed.synthetic;
    if (typeof entities !== 'number' || !Number.isSafeInteger(entities) || entities < 1) {
      throw new Error(
        `startNewsgraph: seed.synthetic must be a whole number of entities, at least 1 (got ${JSON.stringify(entities)})`,
      );
    }
    return (db) => loadSynthetic(db, { entities });
  }
  const missing = DATASET_LISTS.filter((list) => !Array.isArray((seed as Record<string, unknown>)[list]));
  if (missing.length > 0) {
    throw new Error(`startNewsgraph: seed is not a dataset (no ${missing.join(', ')} list): ${accepted}`);
  }
  return (db) => loadDataset(db, seed as Dataset);
}

/**
 * Starts a real Neo4j (NEO4J_URI → Docker → local, as startNeo4j), migrates it, DELETES EVERYTHING IN IT,
 * seeds it as asked, and serves the API on a free 127.0.0.1 port, with a bearer token per role.
 */
export async function startNewsgraph(options: StartNewsgraphOptions = {}): Promise<RunningNewsgraph> {
  const seed = seedLoader(options.seed);
  const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn', ...process.env, ...options.env };
  // Tokens are signed with the configured secret, or with one made for this run only.
  env.AUTH_JWT_SECRET ||= randomBytes(32).toString('base64url');
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);

  const database = await openDatabase(config, logger, {
    // Never the developer's `dev` instance: starting a local server stops a running one of its name.
    neo4j: { env, instance: options.env?.NEO4J_LOCAL_INSTANCE ?? 'testing', reuseRunning: false },
  });
  try {
    const { db } = database;
    await clearGraph(db.driver, db.database);
    if (seed) await seed(db);

    const app = createApp({ config, db, logger, isReady: () => isMigrated(db) });
    const server = createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const ttlSeconds = config.auth.maxTtlSeconds;
    const tokens = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [
          role,
          await mintToken(config, { role, ttlSeconds, subject: `testing-${role}` }),
        ]),
      ),
    ) as Record<Role, string>;

    let stopped: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      tokens,
      neo4j: database.handle,
      stop: () => {
        stopped ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          await database.close();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
