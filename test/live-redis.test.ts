import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../src/db/local.js';
import { createRedisBus } from '../src/live/bus.js';
import { createLogger } from '../src/logger.js';
import { createDriver, Database } from '../src/testing.js';
import {
  type Any,
  createTestApp,
  graphqlClient,
  SOURCE_KEY,
  tokenFor,
  until,
  useArticleGraph,
} from './helpers.js';
import { type RedisServer, startRedis } from './redis.js';
import { subscribe } from './subscriptions.js';

// Two API instances over one Neo4j and one Redis, as behind a load balancer: each with its own driver,
// database window and bus, sharing nothing but the servers.
useArticleGraph();
const neo4j = inject('neo4j');
let redis: RedisServer;
/** What the file's tests opened, closed after them in order: servers, buses, drivers. */
const cleanups: (() => Promise<void>)[] = [];

/** Serves `app` on a loopback port (closed after the file's tests); its /graphql URL. */
async function listening(app: ReturnType<typeof createTestApp>): Promise<string> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.unshift(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function instance(env: Record<string, string> = {}) {
  const driver = createDriver(neo4j);
  const bus = await createRedisBus(redis.url, createLogger('silent'));
  const app = createTestApp(new Database(driver, neo4j.database), env, bus);
  cleanups.push(
    () => bus.close(),
    () => driver.close(),
  );
  return { app, bus, gql: graphqlClient(app), anonymous: graphqlClient(app, { token: null }) };
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await redis.stop();
});

const ADD = `mutation ($input: AddStatementInput!) { addStatement(input: $input) { id } }`;
const ADDED = 'subscription { statementAdded { text speaker { name } } }';
let next = 0;
const statement = (text: string) => {
  next++;
  return {
    kind: 'PARAPHRASE',
    text,
    speaker: 'person/david-babayan',
    evidence: [{ source: SOURCE_KEY, start: 400 + next * 7, end: 405 + next * 7 }],
  };
};

describe('several instances through Redis', () => {
  it('delivers a statement added on one instance to subscribers on both, each event exactly once', async () => {
    const a = await instance();
    const b = await instance();
    const onB = await subscribe(b.app, ADDED);
    const alsoOnB = await subscribe(b.app, ADDED);
    const onA = await subscribe(a.app, ADDED);
    await a.gql(ADD, { input: statement('first, written on A') });
    await b.gql(ADD, { input: statement('second, written on B') });
    for (const sub of [onB, alsoOnB, onA]) {
      expect((await sub.next()).data?.statementAdded).toEqual({
        text: 'first, written on A',
        speaker: { name: 'David Babayan' },
      });
      expect((await sub.next()).data?.statementAdded.text).toBe('second, written on B');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await a.gql(ADD, { input: statement('third') });
    // Had either event come twice, the duplicate would be next in line instead of the third.
    for (const sub of [onB, alsoOnB, onA]) expect((await sub.next()).data?.statementAdded.text).toBe('third');
    await Promise.all([onB.close(), alsoOnB.close(), onA.close()]);
  });

  it('never serves a cached read on one instance after a write on another', async () => {
    const a = await instance();
    const b = await instance({ RESPONSE_CACHE_TTL: '600' });
    // Over real sockets, as a client reaches two instances behind a load balancer: the answer from A
    // travels to the client, and its next request to B, after A's Redis message has left for B.
    const [urlA, urlB] = await Promise.all([listening(a.app), listening(b.app)]);
    const post = async (url: string, query: string, variables: Any = {}, token?: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Any;
    };
    const count = `{ entity(key: "person/david-babayan") { ... on Person { statements { totalCount } } } }`;
    const countOnB = async () => (await post(urlB, count)).data.entity.statements.totalCount as number;
    const editor = await tokenFor('editor');
    for (let write = 0; write < 5; write++) {
      const before = await countOnB();
      expect(await countOnB()).toBe(before); // cached
      const written = await post(urlA, ADD, { input: statement(`moves the count ${write}`) }, editor);
      expect(written.errors).toBeUndefined();
      expect(await countOnB()).toBe(before + 1);
    }
  });

  it('ends subscriptions with a retry hint when Redis goes away, keeps writes working, and recovers when it is back', async () => {
    const a = await instance();
    const b = await instance();
    const onB = await subscribe(b.app, ADDED);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await redis.stop();
    const interrupted = await onB.next();
    expect(interrupted.errors?.[0]?.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryAfterMs: 1000,
    });
    await until(() => onB.done, 2_000, 'the interrupted stream ends');

    const written = await a.gql<Any>(ADD, { input: statement('written while Redis is down') });
    expect(written.errors).toBeUndefined();
    const refused = await subscribe(b.app, ADDED);
    expect((await refused.next()).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    await redis.start();
    // Accepted: no refusal arrives on the stream.
    const accepted = async () => {
      const attempt = await subscribe(b.app, ADDED);
      const refusal = await attempt.next(300).catch(() => null);
      return refusal ? null : attempt;
    };
    let resumed: Awaited<ReturnType<typeof accepted>> = null;
    await until(
      async () => {
        resumed = await accepted();
        return resumed !== null;
      },
      10_000,
      'instance B accepts subscriptions again',
    );
    const subscriber = resumed as unknown as Awaited<ReturnType<typeof subscribe>>;
    // The publisher reconnects on its own schedule: write until one gets through.
    await until(
      async () => {
        await a.gql(ADD, { input: statement('written after Redis came back') });
        return subscriber.next(500).then(
          (event) => event.data?.statementAdded.text === 'written after Redis came back',
          () => false,
        );
      },
      10_000,
      'a write on A reaches the subscriber on B',
    );
    await subscriber.close();
  });

  it('refuses to start a bus on a Redis that does not answer, within five seconds', async () => {
    const started = Date.now();
    await expect(
      createRedisBus(`redis://127.0.0.1:${await freePort()}`, createLogger('silent')),
    ).rejects.toThrow(/did not answer/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('keeps writes quick and ends subscriptions when Redis hangs without closing its connections', async () => {
    const a = await instance();
    const b = await instance();
    const onB = await subscribe(b.app, ADDED);
    redis.pause();
    try {
      const started = Date.now();
      const written = await a.gql<Any>(ADD, { input: statement('written while Redis hangs') });
      expect(written.errors).toBeUndefined();
      // A publish gives up after a second; the write does not wait for Redis to come back.
      expect(Date.now() - started).toBeLessThan(5_000);
      const interrupted = await onB.next(15_000);
      expect(interrupted.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      redis.resume();
    }
  }, 30_000);
});
