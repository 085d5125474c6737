import fs from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { mintToken, type Role } from '../src/auth/auth.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/http/app.js';
import type { LiveBus } from '../src/live/bus.js';
import { createLogger } from '../src/logger.js';
import { ARTICLE_DATASET, clearGraph, createDriver, Database, seedGraph } from '../src/testing.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

type App = ReturnType<typeof createApp>;

/** A GraphQL response tree, walked freely in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions check the values themselves
export type Any = Record<string, any>;

/** The app as the server builds it, over `db`, with extra environment variables for its config. */
export function createTestApp(db: Database, env: Record<string, string> = {}, live?: LiveBus): App {
  const config = loadConfig({ ...process.env, ...env });
  return createApp({
    config,
    db,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    isReady: async () => true,
    live,
  });
}

/** Polls `condition` every 100 ms until it holds; throws naming `what` after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A bearer token for a role, signed with the test secret. */
export function tokenFor(role: Role, ttlSeconds = 600): Promise<string> {
  return mintToken(loadConfig(process.env), { role, ttlSeconds, subject: `test-${role}` });
}

/**
 * A client that posts one GraphQL operation to the app over its HTTP interface, as an editor unless
 * told otherwise (`token: null` is an anonymous client).
 */
export function graphqlClient(app: App, { token }: { token?: string | null } = {}) {
  const bearer = token === undefined ? tokenFor('editor') : Promise.resolve(token);
  return async <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<GraphQLResponse<T>> => {
    const credentials = await bearer;
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(credentials ? { authorization: `Bearer ${credentials}` } : {}),
      },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

/**
 * Connects to the run's Neo4j and empties the graph before this file's tests (constraints and indexes
 * stay), so every test file starts from a known empty graph.
 */
export function useTestGraph() {
  const neo4j = inject('neo4j');
  const driver = createDriver(neo4j);
  const db = new Database(driver, neo4j.database);
  const app = createTestApp(db);

  beforeAll(() => clearGraph(driver, neo4j.database));
  afterAll(() => driver.close());

  /** The single number a read-only Cypher query returns, for asserting what is in the graph. */
  async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
    const [row] = await db.read('test.count', cypher, params);
    return Number(row ? Object.values(row)[0] : 0);
  }

  /** Every node and relationship with its properties, to prove a failed write changed nothing. */
  async function snapshot(): Promise<string> {
    const rows = await db.read(
      'test.snapshot',
      `MATCH (n) OPTIONAL MATCH (n)-[r]->(m)
       WITH n, r, m ORDER BY n.key, type(r), m.key, r.start, r.role
       RETURN labels(n) AS labels, properties(n) AS node, type(r) AS type, properties(r) AS rel, m.key AS to`,
    );
    return JSON.stringify(rows);
  }

  return { db, driver, app, gql: graphqlClient(app), count, snapshot };
}

/** The article source key and text, as the seed stores them. */
export const SOURCE_KEY = 'source/asbarez-2015-artsakh-lawmakers-condemn-baku-pogroms';
export const ARTICLE = fs.readFileSync(
  new URL(`../seed/${SOURCE_KEY.slice('source/'.length)}.txt`, import.meta.url),
  'utf8',
);

/** Seeds the article graph (seed/article.json) before this file's tests, after the graph was emptied. */
export function useArticleGraph() {
  const graph = useTestGraph();
  beforeAll(() => seedGraph(graph.driver, ARTICLE_DATASET, graph.db.database));
  return graph;
}

/**
 * The run's Neo4j behind one shared query counter: every request's queries add to its `queryCount`, so a
 * test can prove how many queries an operation cost (or that a refused one cost none).
 */
export function useCountingDatabase(): Database {
  class CountingDatabase extends Database {
    /** A window of its own per request (each ends with its request), counting on this one's counter. */
    override forRequest(...args: Parameters<Database['forRequest']>) {
      const window = super.forRequest(...args);
      Object.defineProperty(window, 'queryCount', {
        get: () => this.queryCount,
        set: (count: number) => {
          this.queryCount = count;
        },
      });
      return window;
    }
  }
  const neo4j = inject('neo4j');
  const counting = new CountingDatabase(createDriver(neo4j), neo4j.database);
  afterAll(() => counting.driver.close());
  return counting;
}
