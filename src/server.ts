/** The newsgraph process: opens the database, then listens. `npm start` runs this file. */
import { createServer } from 'node:http';
import { openDatabase } from './boot.js';
import { ConfigError, loadConfig } from './config.js';
import { isMigrated } from './db/migrations.js';
import { exitWithError } from './fatal.js';
import { createApp } from './http/app.js';
import { attachWebSocket } from './http/websocket.js';
import { createLocalBus, createRedisBus } from './live/bus.js';
import { createLogger } from './logger.js';
import { seedArticle } from './seed/dataset.js';

const startedAt = Date.now();

const fail = (error: unknown) => exitWithError('newsgraph could not start', error);

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    return fail(error);
  }
})();
// The Neo4j driver records a stack trace for every query; mapping each through TypeScript source maps cost
// about 15% of a request's CPU. Production traces point at the transpiled code instead.
if (config.env === 'production') process.setSourceMapsEnabled(false);
const logger = createLogger(config.logLevel);
const database = await openDatabase(config, logger, {
  seedIfEmpty: config.seedOnStart ? { name: 'the article graph', load: seedArticle } : undefined,
  // A local Neo4j that cannot be restarted: exit non-zero, so that whatever runs us starts us afresh.
  onNeo4jGone: (error) => {
    logger.fatal({ err: error }, `giving up: ${error.message}`);
    void shutdown('neo4j gone', 1);
  },
}).catch(fail);
// With REDIS_URL, live events and cache invalidations reach every instance; without it, this one only.
const live = config.live.redisUrl
  ? await createRedisBus(config.live.redisUrl, logger).catch(async (error) => {
      await database.close();
      return fail(new ConfigError(`REDIS_URL: ${(error as Error).message}`));
    })
  : createLocalBus();
const app = createApp({ config, db: database.db, logger, isReady: () => isMigrated(database.db), live });
const server = createServer(app);
const closeWebSockets = attachWebSocket(server, app, config, logger);

let stopping = false;
async function shutdown(reason: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down: no new connections, letting in-flight requests finish');
  const forced = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
  const closed = new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  // Open subscriptions complete (SSE streams end, WebSockets close with 1001 Going Away): they would
  // otherwise hold the server open until the grace period runs out. The bus stays connected until the
  // in-flight requests have finished, so that their writes are still announced.
  live.drain();
  await closeWebSockets();
  await closed;
  clearTimeout(forced);
  await live.close();
  await database.close();
  logger.info('stopped');
  process.exit(exitCode);
}
// `on`, not `once`: npm forwards the terminal's SIGINT, so it arrives twice; repeats are ignored.
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

server.once('error', async (error: NodeJS.ErrnoException) => {
  await database.close();
  const reason =
    error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message;
  fail(new ConfigError(reason));
});

server.listen(config.port, config.host, () => {
  const url = `http://localhost:${config.port}/graphql`;
  logger.info(
    { url, startupMs: Date.now() - startedAt },
    `newsgraph ready at ${url} (started in ${Date.now() - startedAt} ms)`,
  );
});
