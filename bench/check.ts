/**
 * Before anything is timed: the same requests through newsgraph, the peer and the floor, built in this
 * process over counting drivers, must give the same canonical answers. Also measures how many Cypher
 * queries each sends per request.
 */
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDriver, Database } from '../src/db/database.js';
import type { Neo4jHandle } from '../src/db/provider.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/yoga.js';
import { countingDriver } from './counting.js';
import { runFloor } from './floor.js';
import { createPeerApp } from './peer.js';
import { canonicalAnswer, newsgraphEnv, requestFor, SERVERS, type ServerName } from './servers.js';
import type { Workload } from './workloads.js';

export type QueryCounts = Record<ServerName, number>;

/**
 * Compares `samples` requests of each workload across the three systems; throws on the first answer that
 * differs, showing both. Returns the mean Cypher queries per request of each system, per workload.
 */
export async function checkWorkloads(options: {
  handle: Neo4jHandle;
  workloads: readonly Workload[];
  entities: number;
  run: string;
  jwtSecret: string;
  editorToken: string;
  samples: number;
}): Promise<Map<string, QueryCounts>> {
  const { handle, workloads, entities, run, editorToken, samples } = options;
  const drivers = Object.fromEntries(SERVERS.map((s) => [s, countingDriver(createDriver(handle))])) as Record<
    ServerName,
    ReturnType<typeof countingDriver>
  >;
  try {
    const config = loadConfig(newsgraphEnv(handle, options.jwtSecret));
    const logger = createLogger('silent');
    const newsgraph = createApp({
      config,
      db: new Database(drivers.newsgraph.driver, handle.database, logger, config.queryTimeoutMs),
      logger,
      isReady: async () => true,
    });
    const peer = await createPeerApp(drivers.peer.driver);
    const ask = async (server: ServerName, workload: Workload, params: Record<string, unknown>) => {
      if (server === 'floor') return { data: await runFloor(drivers.floor.driver, workload, params) };
      const { path, headers, body } = requestFor(server, workload, params, editorToken);
      const app = server === 'newsgraph' ? newsgraph : peer;
      const response = await app.fetch(`http://bench${path}`, { method: 'POST', headers, body });
      return response.json();
    };

    const counts = new Map<string, QueryCounts>();
    for (const workload of workloads) {
      const before = SERVERS.map((s) => drivers[s].counter.queries);
      for (let i = 0; i < samples; i++) {
        const params = workload.params(i, entities, run);
        const [mine, ...others] = await Promise.all(
          SERVERS.map(async (s) => canonicalAnswer(s, workload, await ask(s, workload, params))),
        );
        others.forEach((other, k) => {
          if (!isDeepStrictEqual(mine, other)) {
            const show = (v: unknown) => JSON.stringify(v).slice(0, 800);
            throw new Error(
              `${workload.name} request ${i} (${JSON.stringify(params)}): newsgraph and ${SERVERS[k + 1]} differ\n` +
                `newsgraph: ${show(mine)}\n${SERVERS[k + 1]}: ${show(other)}`,
            );
          }
        });
      }
      counts.set(
        workload.name,
        Object.fromEntries(
          SERVERS.map((s, k) => [s, (drivers[s].counter.queries - (before[k] as number)) / samples]),
        ) as QueryCounts,
      );
    }
    return counts;
  } finally {
    await Promise.all(SERVERS.map((s) => drivers[s].driver.close()));
  }
}
