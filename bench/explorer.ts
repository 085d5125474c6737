/**
 * `NEO4J_URI=… NEO4J_PASSWORD=… npm run bench:explorer -- [--runs 3]`: how long the explorer's graph
 * picture takes to draw about 200 nodes. Serves the app over the given Neo4j (it only reads: point it
 * at the medium synthetic graph), opens the graph page of the first people, organisations and places at
 * depth 2 in headless chromium, and prints per entity the nodes drawn, the time cytoscape took to add
 * them and run the force layout (what the page reports), and the time from choosing depth 2 to the
 * picture, the API's answer included. Asserts nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDriver, Database } from '../src/db/database.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { launchChromium } from '../test/browser.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const config = loadConfig({ ...process.env, RESPONSE_CACHE_TTL: '0' });
if (!config.neo4j.uri) throw new Error('set NEO4J_URI (and NEO4J_PASSWORD) to the graph to draw from');
const driver = createDriver({
  uri: config.neo4j.uri,
  user: config.neo4j.user ?? 'neo4j',
  password: config.neo4j.password ?? '',
});
const db = new Database(driver, config.neo4j.database);
const app = createApp({ config, db, logger: createLogger('silent'), isReady: async () => true });
const server = createServer(app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const answer = await app.fetch(`${origin}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query:
      '{ people(first: 2) { edges { node { key } } } organisations(first: 2) { edges { node { key } } } places(first: 2) { edges { node { key } } } }',
  }),
});
const { data, errors } = (await answer.json()) as {
  data?: Record<string, { edges: { node: { key: string } }[] }>;
  errors?: { message: string }[];
};
if (!data)
  throw new Error(`the API did not list entities: ${errors?.map((error) => error.message).join('; ')}`);
const keys = Object.values(data).flatMap((list) => list.edges.map((edge) => edge.node.key));

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const draws: number[] = [];
for (const key of keys) {
  for (let run = 0; run < Number(values.runs); run++) {
    await page.goto(`${origin}/#/graph/${key}`);
    await page.waitForFunction(
      () => /drew/.test(document.getElementById('graph-status')?.textContent ?? ''),
      null,
      {
        timeout: 60_000,
      },
    );
    const before = await page.locator('#graph-status').textContent();
    const chosen = performance.now();
    await page.getByLabel('Depth').selectOption('2');
    await page.waitForFunction(
      (before) => {
        const text = document.getElementById('graph-status')?.textContent ?? '';
        return /drew/.test(text) && text !== before;
      },
      before,
      { timeout: 60_000 },
    );
    const status = await page.locator('#graph-status').textContent();
    const total = Math.round(performance.now() - chosen);
    const drawMs = Number(await page.locator('#graph').getAttribute('data-draw-ms'));
    draws.push(drawMs);
    process.stdout.write(`${key} depth 2, run ${run + 1}: ${status} (with the API's answer: ${total} ms)\n`);
  }
}
draws.sort((a, b) => a - b);
process.stdout.write(
  `median draw ${draws[Math.floor(draws.length / 2)]} ms, slowest ${draws.at(-1)} ms, of ${draws.length}\n`,
);
await browser.close();
server.closeAllConnections();
server.close();
await driver.close();
