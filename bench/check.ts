/**
 * Before anything is timed: the same requests through newsgraph, the peer and the floor, built in this
 * process over counting drivers, must give the same canonical answers. Also measures how many Cypher
 * queries each sends per request.
 */
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDriver, Database } from '../src/db/database.js';
import type { Neo4jHandle } from '../src/db/provider.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { countingDriver } from './counting.js';
import { runFloor } from './floor.js';
import { createPeerApp } from './peer.js';
import { canonicalAnswer, newsgraphEnv, requestFor, SYSTEMS, type System } from './servers.js';
import type { Workload } from './workloads.js';

export type QueryCounts = Record<System, number>;

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
  const drivers = Object.fromEntries(SYSTEMS.map((s) => [s, countingDriver(createDriver(handle))])) as Record<
    System,
    ReturnType<typeof countingDriver>
  >;
  try {
    // Cache off: every checked request is answered by the layer, and its queries are counted.
    const config = loadConfig({ ...newsgraphEnv(handle, options.jwtSecret), RESPONSE_CACHE_TTL: '0' });
    const logger = createLogger('silent');
    const newsgraph = createApp({
      config,
      db: new Database(drivers.newsgraph.driver, handle.database, logger, config.queryTimeoutMs),
      logger,
      isReady: async () => true,
    });
    const peer = await createPeerApp(drivers.peer.driver);
    const ask = async (server: System, workload: Workload, params: Record<string, unknown>) => {
      if (server === 'floor') return { data: await runFloor(drivers.floor.driver, workload, params) };
      const { path, headers, body } = requestFor(server, workload, params, editorToken);
      const app = server === 'newsgraph' ? newsgraph : peer;
      const response = await app.fetch(`http://bench${path}`, { method: 'POST', headers, body });
      return response.json();
    };

    const counts = new Map<string, QueryCounts>();
    for (const workload of workloads) {
      const before = SYSTEMS.map((s) => drivers[s].counter.queries);
      for (let i = 0; i < samples; i++) {
        const params = workload.params(i, entities, run);
        const [mine, ...others] = await Promise.all(
          SYSTEMS.map(async (s) => canonicalAnswer(s, workload, await ask(s, workload, params))),
        );
        others.forEach((other, k) => {
          if (!isDeepStrictEqual(mine, other)) {
            const show = (v: unknown) => JSON.stringify(v).slice(0, 800);
            throw new Error(
              `${workload.name} request ${i} (${JSON.stringify(params)}): newsgraph and ${SYSTEMS[k + 1]} differ\n` +
                `newsgraph: ${show(mine)}\n${SYSTEMS[k + 1]}: ${show(other)}`,
            );
          }
        });
      }
      counts.set(
        workload.name,
        Object.fromEntries(
          SYSTEMS.map((s, k) => [s, (drivers[s].counter.queries - (before[k] as number)) / samples]),
        ) as QueryCounts,
      );
    }
    return counts;
  } finally {
    await Promise.all(SYSTEMS.map((s) => drivers[s].driver.close()));
  }
}
