/**
 * One way to get a Neo4j, for the server, for our tests and for users' integration tests:
 *   1. NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE): that server or cluster, used as is;
 *   2. else, where a Docker engine answers: a `neo4j:5.26` container from testcontainers;
 *   3. else: the local Neo4j assembled from Maven artifacts (./local.ts).
 */
import { loadConfig } from '../config.js';
import { attachLocal, startLocal } from './local.js';
import type { SupervisorOptions } from './supervisor.js';

export type Neo4jProvider = 'external' | 'testcontainers' | 'local';

export interface Neo4jHandle {
  provider: Neo4jProvider;
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Stops what this handle started; does nothing for an external server or a reused local one. */
  stop(): Promise<void>;
}

export interface StartNeo4jOptions {
  /** Environment to read NEO4J_* from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Local instance name (separate data per name); default NEO4J_LOCAL_INSTANCE, else `dev`. */
  instance?: string;
  /** Use a local server of this instance already started by `npm run db:start`, instead of a new one. */
  reuseRunning?: boolean;
  /** Restart a local server started here when it dies; others (external, container, reused) are not ours. */
  supervise?: SupervisorOptions;
  log?: (message: string) => void;
}

export const NEO4J_IMAGE = 'neo4j:5.26';

/** True when a container runtime answers, decided by testcontainers' own discovery. */
async function dockerAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainer(): Promise<Neo4jHandle> {
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer(NEO4J_IMAGE).start();
  return {
    provider: 'testcontainers',
    uri: container.getBoltUri(),
    user: container.getUsername(),
    password: container.getPassword(),
    stop: async () => {
      await container.stop();
    },
  };
}

/** Starts (or connects to) a Neo4j as described above and says which one it chose. */
export async function startNeo4j(options: StartNeo4jOptions = {}): Promise<Neo4jHandle> {
  const { neo4j: config } = loadConfig(options.env ?? process.env);
  const log = options.log ?? ((m: string) => console.error(m));
  if (config.uri) {
    log(`Neo4j: using NEO4J_URI ${config.uri}`);
    return {
      provider: 'external',
      uri: config.uri,
      user: config.user,
      password: config.password ?? '',
      database: config.database,
      stop: async () => {},
    };
  }
  if (await dockerAvailable()) {
    log(`Neo4j: Docker engine found, starting ${NEO4J_IMAGE} with testcontainers`);
    return startContainer();
  }
  const instance = options.instance ?? config.localInstance;
  if (options.reuseRunning) {
    const running = attachLocal(config.localDir, instance);
    if (running) {
      log(`Neo4j: using the local server started by db:start at ${running.uri} (pid ${running.pid})`);
      return { provider: 'local', ...running };
    }
  }
  log(`Neo4j: no NEO4J_URI and no Docker engine, starting the local Neo4j 5.26 (instance "${instance}")`);
  const started = Date.now();
  const local = await startLocal({
    dir: config.localDir,
    instance,
    port: config.localPort,
    heap: config.localHeap,
    pageCache: config.localPageCache,
    timeoutMs: config.startTimeoutMs,
    env: options.env ?? process.env,
    log,
    supervise:
      options.supervise && config.localRestarts > 0
        ? { maxRestarts: config.localRestarts, ...options.supervise }
        : undefined,
  });
  log(`Neo4j: local server up at ${local.uri} (pid ${local.pid}) in ${Date.now() - started} ms`);
  return { provider: 'local', ...local };
}
