/** Runs a benchmark server process: a driver from NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, a handler on PORT. */
import { createServer, type RequestListener } from 'node:http';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../src/db/database.js';

/** Listens on 127.0.0.1:PORT with the handler made for the configured driver; SIGTERM closes both. */
export async function serveFromEnv(handler: (driver: Driver) => RequestListener | Promise<RequestListener>) {
  const env = process.env;
  const driver = createDriver({
    uri: env.NEO4J_URI ?? '',
    user: env.NEO4J_USER ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
  });
  const server = createServer(await handler(driver));
  server.listen(Number(env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => void driver.close().then(() => process.exit(0))));
}
