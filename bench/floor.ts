/**
 * The floor: what a request costs with no GraphQL layer at all — a bare `node:http` handler that runs one
 * hand-written Cypher query per request through neo4j-driver and writes its row as JSON. `POST /W1` with
 * the workload's parameters as the JSON body answers `{ "data": <canonical shape> }` (W7: the subgraph,
 * which its `floorCanonical` makes canonical).
 *
 * Run as a process by the benchmark: `PORT=… NEO4J_URI=… NEO4J_USER=… NEO4J_PASSWORD=… node --import tsx bench/floor.ts`.
 */
import type { RequestListener } from 'node:http';
import neo4j, { type Driver } from 'neo4j-driver';
import { toPlain } from '../src/db/convert.js';
import { serveFromEnv } from './serve.js';
import { WORKLOADS, type Workload } from './workloads.js';

/**
 * Runs a workload's floor query (auto-commit, the cheapest way to send one): its one result, in the
 * canonical shape, as plain JSON values (integers as numbers).
 */
export async function runFloor(driver: Driver, workload: Workload, params: Record<string, unknown>) {
  const session = driver.session({
    defaultAccessMode: workload.write ? neo4j.session.WRITE : neo4j.session.READ,
  });
  try {
    const { records } = await session.run(workload.floor, params);
    return toPlain(records[0]?.get('result'));
  } finally {
    await session.close();
  }
}

/** The floor's HTTP handler: `POST /<workload>` with the parameters as JSON. */
export function floorHandler(driver: Driver): RequestListener {
  const byPath = new Map(WORKLOADS.map((w) => [`/${w.name}`, w]));
  return (request, response) => {
    const workload = byPath.get(request.url ?? '');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        if (!workload) throw new Error(`no workload at ${request.url}`);
        const data = await runFloor(driver, workload, JSON.parse(Buffer.concat(chunks).toString() || '{}'));
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      } catch (error) {
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      }
    });
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await serveFromEnv(floorHandler);
