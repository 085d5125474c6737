import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type Driver, Neo4jError, type Session } from 'neo4j-driver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { Gate } from '../src/db/gate.js';
import { freePort, isAlive, type LocalNeo4j, startLocal } from '../src/db/local.js';
import { isMigrated, migrate } from '../src/db/migrations.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database } from '../src/testing.js';
import { graphqlClient, tokenFor, until } from './helpers.js';

// Killing Neo4j and exhausting its threads needs a local Neo4j of our own; an external server or a
// container is not ours to kill.
const local = !process.env.NEO4J_URI;
const dir = process.env.NEO4J_LOCAL_DIR || '.neo4j';
const instance = 'faults';
/** A small Bolt pool, so that a handful of queries waiting on a lock takes every thread. */
const BOLT_THREADS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Neo4j errors as clients see them', () => {
  const NO_THREADS =
    'There are no available threads to serve this request at the moment. You can retry at a later time or consider increasing max thread pool size for bolt connector(s).';
  /** The answer to a read whose query failed with `error`. */
  async function answerTo(error: Error) {
    class FailingDatabase extends Database {
      override forRequest() {
        return this;
      }
      override async read(): Promise<never> {
        throw error;
      }
    }
    const driver = createDriver({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'unused' });
    const app = createApp({
      config: loadConfig(process.env),
      db: new FailingDatabase(driver, undefined),
      logger: createLogger('silent'),
      isReady: async () => true,
    });
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('reader')}` },
      body: JSON.stringify({ query: '{ entity(key: "person/anyone") { name } }' }),
    });
    await driver.close();
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    return `${response.status} ${body.errors[0]?.extensions.code} ${response.headers.get('retry-after')}`;
  }
  const neo4jError = (code: string, message = 'Neo4j said so') =>
    new Neo4jError(message, code, '50N42', 'error: general processing exception');

  // Seen from the real server: NoThreadsAvailable and the ProtocolError (the overload tests below),
  // ServiceUnavailable (the outage test), MemoryPoolOutOfMemoryError (by hand, with a 20 MB
  // db.memory.transaction.total.max). The others are Neo4j's documented codes and the driver's own.
  it.each([
    'Neo.TransientError.Request.NoThreadsAvailable',
    'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
    'Neo.TransientError.General.DatabaseUnavailable',
    'Neo.TransientError.Transaction.LockAcquisitionTimeout',
    'Neo.ClientError.Cluster.NotALeader',
    'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase',
    'Neo.ClientError.Transaction.Terminated',
    'ServiceUnavailable',
    'SessionExpired',
  ])('%s answers SERVICE_UNAVAILABLE, HTTP 503 and Retry-After', async (code) => {
    expect(await answerTo(neo4jError(code))).toBe('503 SERVICE_UNAVAILABLE 5');
  });

  it('a connection refused at login for want of a thread (a ProtocolError to the driver) answers 503 too', async () => {
    expect(await answerTo(neo4jError('ProtocolError', NO_THREADS))).toBe('503 SERVICE_UNAVAILABLE 5');
  });

  it('keeps TIMEOUT for a transaction over its time (running or waiting for a lock), and masks other errors as INTERNAL_SERVER_ERROR', async () => {
    expect(
      await answerTo(neo4jError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')),
    ).toBe('504 TIMEOUT null');
    expect(await answerTo(neo4jError('Neo.ClientError.Transaction.LockClientStopped'))).toBe(
      '504 TIMEOUT null',
    );
    expect(await answerTo(neo4jError('ProtocolError', 'Unexpected message'))).toBe(
      '200 INTERNAL_SERVER_ERROR null',
    );
    expect(await answerTo(neo4jError('Neo.ClientError.Statement.SyntaxError'))).toBe(
      '200 INTERNAL_SERVER_ERROR null',
    );
  });
});

// One supervised instance for the whole file, started once. The tests run in order: the outage, the
// two overload tests, and last the give-up, which leaves the server dead.
describe.runIf(local)('the local Neo4j under faults and overload', () => {
  let neo4j: LocalNeo4j;
  let port: number;
  let driver: Driver;
  const supervisorLog: string[] = [];
  const restarts: { pid: number; attempts: number; downMs: number }[] = [];
  let gaveUp: (error: Error) => void = () => {};
  const givenUp = new Promise<Error>((resolve) => {
    gaveUp = resolve;
  });

  beforeAll(async () => {
    port = await freePort();
    neo4j = await startLocal({
      dir,
      instance,
      port,
      heap: '512m',
      pageCache: '64m',
      boltThreads: BOLT_THREADS,
      supervise: {
        maxRestarts: 3,
        delayMs: 500,
        // The give-up test kills a server restarted well over a second earlier: a fresh count.
        stableMs: 1_000,
        log: (m) => supervisorLog.push(m),
        onRestart: (r) => restarts.push(r),
        onGiveUp: (e) => gaveUp(e),
      },
    });
    driver = createDriver(neo4j);
    await migrate(new Database(driver, undefined));
    // The first write after a start compiles its queries (seconds on a cold JVM); the tests below time
    // a warm server, as one is after its first request.
    const warm = await graphqlClient(appWith().app)(
      'mutation { upsertPerson(input: { key: "person/warm-up", name: "Warm-up" }) { key } }',
    );
    expect(warm.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await driver?.close();
    await neo4j?.stop();
    fs.rmSync(path.join(dir, 'instances', instance), { recursive: true, force: true });
  });

  /** The app as the server builds it over the shared driver, with NEO4J_* settings for its gate. */
  function appWith(env: Record<string, string> = {}) {
    const config = loadConfig({ ...process.env, ...env });
    const db = new Database(driver, undefined, undefined, config.queryTimeoutMs, new Gate(config.neo4j.gate));
    const app = createApp({
      config,
      db,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      isReady: () => isMigrated(db),
    });
    return { app, db };
  }

  it('restarts Neo4j by itself after a SIGKILL: 503 with Retry-After meanwhile, then ready again with every acknowledged write kept once', async () => {
    const { app, db } = appWith();
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
    await sleep(1500);
    const beforeKill = acknowledged.size;
    expect(beforeKill).toBeGreaterThan(0);

    const killed = neo4j.pid;
    const killedAt = Date.now();
    process.kill(killed, 'SIGKILL');
    // Writes in flight fail once the driver has retried for its ~5 s; wait for the first refusals.
    await until(() => refused.length >= 3, 30_000, 'three writes were refused');
    for (const r of refused) expect(r).toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
    expect((await app.fetch('http://localhost/ready')).status).toBe(503);
    expect((await app.fetch('http://localhost/health')).status).toBe(200);

    // No startLocal, no new app: the supervisor restarts Neo4j on its port and the driver reconnects.
    await until(
      async () => (await app.fetch('http://localhost/ready')).status === 200,
      90_000,
      '/ready answered 200',
    );
    const readyAfterMs = Date.now() - killedAt;
    const afterRestart = acknowledged.size;
    await until(() => acknowledged.size > afterRestart, 30_000, 'writes were acknowledged again');
    running = false;
    await Promise.all(writers);

    expect(restarts).toEqual([{ pid: neo4j.pid, attempts: 1, downMs: expect.any(Number) }]);
    expect(neo4j.pid).not.toBe(killed);
    expect(isAlive(killed)).toBe(false);
    expect(supervisorLog[0]).toBe(`local Neo4j (pid ${killed}) exited unexpectedly: killed by SIGKILL`);

    const rows = await db.read(
      'test.acknowledged',
      'UNWIND $keys AS key OPTIONAL MATCH (p:Person {key: key}) RETURN key, count(p) AS n',
      { keys: [...acknowledged].map((i) => `person/writer-${i}`) },
    );
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    console.log(
      `outage: ${beforeKill} writes before the kill, ${refused.length} refused with 503, Neo4j restarted ` +
        `${restarts[0]?.downMs} ms after it died, /ready 200 again ${readyAfterMs} ms after the kill, ` +
        `${acknowledged.size} writes acknowledged in all, each stored once`,
    );
  }, 180_000);

  describe('overload', () => {
    const KEY = 'person/contended';
    const SLOW = `mutation ($name: String!) { upsertPerson(input: { key: "${KEY}", name: $name }) { name } }`;
    const FAST = `{ entity(key: "${KEY}") { name } }`;
    let holder: Driver;
    let probe: Driver;
    let lock: { session: Session; tx: ReturnType<Session['beginTransaction']> } | undefined;

    // A write that holds KEY's lock in an open transaction, from a driver of its own: every upsert of
    // KEY through the API then waits in Neo4j on a Bolt thread — a slow query that ends when we say.
    async function holdLock() {
      const session = holder.session();
      const tx = session.beginTransaction();
      await tx.run('MATCH (p:Person {key: $key}) SET p.name = $name', { key: KEY, name: 'Held' });
      lock = { session, tx };
    }
    async function releaseLock() {
      await lock?.tx.rollback();
      await lock?.session.close();
      lock = undefined;
    }
    /** A trivial query from a third driver: true, or the code and message Neo4j refused it with. */
    async function neo4jAnswers(): Promise<true | string> {
      const session = probe.session();
      try {
        await session.run('RETURN 1');
        return true;
      } catch (error) {
        const { code, message } = error as { code: string; message: string };
        return `${code}: ${message}`;
      } finally {
        await session.close();
      }
    }
    const summary = (responses: { status: number; errors?: { extensions?: { code?: unknown } }[] }[]) =>
      responses.map((r) => `${r.status} ${r.errors?.[0]?.extensions?.code ?? 'ok'}`).sort();

    beforeAll(async () => {
      holder = createDriver(neo4j);
      probe = createDriver(neo4j);
      expect((await graphqlClient(appWith().app)(SLOW, { name: 'Initial' })).status).toBe(200);
    });
    // A failed test still lets go of the lock and waits for its requests, so the next starts clean.
    const inFlight: Promise<unknown>[] = [];
    afterEach(async () => {
      await releaseLock();
      await Promise.allSettled(inFlight.splice(0));
    });
    afterAll(async () => {
      await holder?.close();
      await probe?.close();
    });

    it('answers SERVICE_UNAVAILABLE (503, Retry-After), never 500, when Neo4j runs out of Bolt threads', async () => {
      const { app } = appWith({ NEO4J_MAX_CONCURRENT: '100', NEO4J_QUEUE: '0' });
      const gql = graphqlClient(app);
      await holdLock();
      // One more upsert every 200 ms until the lock holder and the upserts waiting on it take all six
      // threads and Neo4j refuses a query: on a pooled connection with its code, on a new one at login
      // (the driver then says ProtocolError).
      const slow: ReturnType<typeof gql>[] = [];
      let refusal: true | string = true;
      const saturated = async () => {
        const upsert = gql(SLOW, { name: `Slow ${slow.length}` });
        slow.push(upsert);
        inFlight.push(upsert);
        await sleep(200);
        refusal = await neo4jAnswers();
        return refusal !== true;
      };
      await until(saturated, 10_000, 'Neo4j refused a query');
      expect(refusal).toMatch(
        /^(Neo\.TransientError\.Request\.NoThreadsAvailable|ProtocolError): There are no available threads to serve this request/,
      );

      const fast = await Promise.all(Array.from({ length: 4 }, () => gql(FAST)));
      for (const r of fast) {
        expect(r.status).toBe(503);
        expect(r.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(r.errors?.[0]?.message).toBe('The database is unavailable; try again shortly');
      }
      const raw = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('reader')}` },
        body: JSON.stringify({ query: FAST }),
      });
      expect(raw.status).toBe(503);
      expect(raw.headers.get('retry-after')).toBe('5');

      await releaseLock();
      const slowDone = await Promise.all(slow);
      // The five that waited on the lock went through; any refused a thread answered 503 or, retried by
      // the driver after the lock was released, went through too.
      expect(summary(slowDone).filter((s) => s !== '200 ok' && s !== '503 SERVICE_UNAVAILABLE')).toEqual([]);
      expect(summary(slowDone).filter((s) => s === '200 ok').length).toBeGreaterThanOrEqual(5);
      console.log(
        `overload without a cap: Neo4j said "${refusal}"; fast ${summary(fast).join(', ')}; slow ${summary(slowDone).join(', ')}`,
      );
    }, 60_000);

    it('sheds load below Neo4j’s thread pool: queued queries pass once slots free, the overflow gets 503 at once, never 500', async () => {
      const { app, db } = appWith({ NEO4J_MAX_CONCURRENT: '3', NEO4J_QUEUE: '4', NEO4J_QUEUE_TIMEOUT: '60' });
      const gql = graphqlClient(app);
      await holdLock();
      const slow = Array.from({ length: 5 }, (_, i) => gql(SLOW, { name: `Slow ${i}` }));
      inFlight.push(...slow);
      await until(() => db.gate.load.waiting === 2, 10_000, 'two slow upserts were queued');
      expect(db.gate.load).toEqual({ running: 3, waiting: 2 });
      // Three upserts wait on the lock in Neo4j, and it still has threads to spare.
      expect(await neo4jAnswers()).toBe(true);

      const queued = Array.from({ length: 2 }, () => gql(FAST));
      inFlight.push(...queued);
      await until(() => db.gate.load.waiting === 4, 10_000, 'the queue was full');
      const overflow = await Promise.all(Array.from({ length: 2 }, () => gql(FAST)));
      for (const r of overflow) {
        expect(r.status).toBe(503);
        expect(r.errors?.[0]).toMatchObject({
          message: 'The server is busy (too many database queries are waiting); try again shortly',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
      }

      await releaseLock();
      const slowDone = await Promise.all(slow);
      const fastDone = await Promise.all(queued);
      expect(summary(slowDone)).toEqual(Array(5).fill('200 ok'));
      expect(fastDone.map((r) => r.data)).toEqual(
        Array(2).fill({ entity: { name: expect.stringMatching(/^Slow \d$/) } }),
      );
      expect(db.gate.load).toEqual({ running: 0, waiting: 0 });
    }, 60_000);
  });

  it('gives up after repeated failed restarts, saying why', async () => {
    const killed = neo4j.pid;
    process.kill(killed, 'SIGKILL');
    await until(() => !isAlive(killed), 10_000, 'Neo4j died');
    // Something else takes the port before the first restart (due 500 ms after the exit).
    const squatter = net.createServer();
    await new Promise<void>((resolve, reject) =>
      squatter.once('error', reject).listen(port, '127.0.0.1', resolve),
    );
    try {
      const error = await givenUp;
      const busy = `Port ${port} on 127.0.0.1 is already in use: stop what listens there or set NEO4J_LOCAL_PORT to another port`;
      expect(error.message).toBe(`local Neo4j could not be restarted: 3 attempts failed, the last: ${busy}`);
      expect(supervisorLog.slice(-7)).toEqual([
        `local Neo4j (pid ${killed}) exited unexpectedly: killed by SIGKILL`,
        'local Neo4j: restart 1 of at most 3 in 500 ms',
        `local Neo4j: restart 1 failed: ${busy}`,
        'local Neo4j: restart 2 of at most 3 in 1000 ms',
        `local Neo4j: restart 2 failed: ${busy}`,
        'local Neo4j: restart 3 of at most 3 in 2000 ms',
        `local Neo4j: restart 3 failed: ${busy}`,
      ]);
      expect(restarts).toHaveLength(1); // the outage's, none since
    } finally {
      squatter.close();
    }
  }, 30_000);
});
