/** `npm run db -- start|stop|status`: the local Neo4j that `npm start` uses when NEO4J_URI is unset. */
import { ConfigError, loadConfig } from '../config.js';
import { localStatus, startLocal, stopLocal } from '../db/local.js';
import { exitWithError } from '../fatal.js';

async function main(command: string | undefined) {
  const { neo4j } = loadConfig();
  if (neo4j.uri && command !== 'status') {
    throw new ConfigError(`NEO4J_URI is set (${neo4j.uri}): there is no local Neo4j to ${command}`);
  }
  switch (command) {
    case 'start': {
      const started = Date.now();
      const server = await startLocal({
        dir: neo4j.localDir,
        instance: neo4j.localInstance,
        port: neo4j.localPort,
        heap: neo4j.localHeap,
        pageCache: neo4j.localPageCache,
        timeoutMs: neo4j.startTimeoutMs,
        detached: true,
        log: console.log,
      });
      const { paths } = localStatus(neo4j.localDir, neo4j.localInstance);
      console.log(
        `Neo4j running at ${server.uri} (pid ${server.pid}), started in ${Date.now() - started} ms`,
      );
      console.log(
        `user neo4j, password in ${paths.password}; npm start will use it; stop it with npm run db:stop`,
      );
      return;
    }
    case 'stop': {
      console.log(
        (await stopLocal(neo4j.localDir, neo4j.localInstance)) ? 'Neo4j stopped' : 'Neo4j was not running',
      );
      return;
    }
    case 'status': {
      if (neo4j.uri) {
        console.log(`NEO4J_URI is set: newsgraph uses ${neo4j.uri}`);
        return;
      }
      const status = localStatus(neo4j.localDir, neo4j.localInstance);
      console.log(
        status.running ? `Neo4j running at ${status.uri} (pid ${status.pid})` : 'Neo4j is not running',
      );
      process.exitCode = status.running ? 0 : 3;
      return;
    }
    default:
      throw new ConfigError('usage: npm run db -- start|stop|status');
  }
}

main(process.argv[2]).catch((error: unknown) => exitWithError('db', error));
