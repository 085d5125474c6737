import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { freePort, type LocalNeo4j, startLocal } from '../src/db/local.js';
import { isMigrated, migrate } from '../src/db/migrations.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database } from '../src/testing.js';
import { createApp } from '../src/yoga.js';
import { tokenFor } from './helpers.js';

// Killing and restarting the database needs a local Neo4j of our own; an external server or a
// container is not ours to kill.
const local = !process.env.NEO4J_URI;
const dir = process.env.NEO4J_LOCAL_DIR || '.neo4j';
const instance = 'faults';

describe.runIf(local)('a database outage', () => {
  let neo4j: LocalNeo4j | undefined;
  afterAll(async () => {
    await neo4j?.stop();
    fs.rmSync(path.join(dir, 'instances', instance), { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while Neo4j is down, and recovers by itself with every acknowledged write kept once', async () => {
    const port = await freePort();
    const start = () => startLocal({ dir, instance, port, heap: '512m', pageCache: '64m' });
    neo4j = await start();
    const driver = createDriver(neo4j);
    const db = new Database(driver, undefined);
    await migrate(db);
    const app = createApp({
      config: loadConfig(process.env),
      db,
      logger: createLogger('silent'),
      isReady: () => isMigrated(db),
    });
    const token = await tokenFor('editor');
    const write = (i: number) =>
      app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key } }',
          variables: { input: { key: `person/writer-${i}`, name: `Writer ${i}` } },
        }),
      });

    // A steady write load: three writers, each write acknowledged or refused, never both.
    const acknowledged = new Set<number>();
    const refused: { status: number; retryAfter: string | null; code: string }[] = [];
    let next = 0;
    let running = true;
    const writer = async () => {
      while (running) {
        const i = next++;
        const response = await write(i);
        const body = (await response.json()) as {
          data?: unknown;
          errors?: { extensions: { code: string } }[];
        };
        if (response.status === 200 && !body.errors) acknowledged.add(i);
        else {
          refused.push({
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            code: body.errors?.[0]?.extensions.code ?? '',
          });
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeKill = acknowledged.size;
    expect(beforeKill).toBeGreaterThan(0);

    process.kill(neo4j.pid, 'SIGKILL');
    // Writes in flight fail once the driver has retried for its ~5 s; wait for the first refusals.
    const down = Date.now() + 30_000;
    while (refused.length < 3 && Date.now() < down) await new Promise((r) => setTimeout(r, 250));
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r).toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
    expect((await app.fetch('http://localhost/ready')).status).toBe(503);
    expect((await app.fetch('http://localhost/health')).status).toBe(200);

    neo4j = await start();
    const deadline = Date.now() + 60_000;
    const afterRestart = acknowledged.size;
    while (acknowledged.size === afterRestart && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    running = false;
    await Promise.all(writers);
    expect(acknowledged.size).toBeGreaterThan(afterRestart);
    expect((await app.fetch('http://localhost/ready')).status).toBe(200);

    const rows = await db.read(
      'test.acknowledged',
      'UNWIND $keys AS key OPTIONAL MATCH (p:Person {key: key}) RETURN key, count(p) AS n',
      { keys: [...acknowledged].map((i) => `person/writer-${i}`) },
    );
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    console.log(
      `outage: ${beforeKill} writes before the kill, ${refused.length} refused with 503, ${acknowledged.size} acknowledged in all, each stored once`,
    );
    await driver.close();
  }, 180_000);
});
