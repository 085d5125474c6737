import type { Plan } from 'neo4j-driver';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Gate } from '../src/db/gate.js';
import { checkPlan, runGuardedCypher } from '../src/queries/cypher.js';
import { Database } from '../src/testing.js';
import { type Any, createTestApp, graphqlClient, tokenFor, useArticleGraph } from './helpers.js';

const { app, db, snapshot } = useArticleGraph();
const CYPHER = `query ($q: String!, $p: JSON) { cypher(query: $q, params: $p) {
  columns rows truncated nodes { id __typename ... on Entity { key } } relationships { type from to } } }`;
let analyst: ReturnType<typeof graphqlClient>;
/** A read that keeps Neo4j busy for far longer than any test waits. */
const SLOW = 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n';

/** Analyst Cypher transactions Neo4j is running now, seen through its own transaction list. */
async function runningAnalystQueries(): Promise<number> {
  const rows = await db.read(
    'test.transactions',
    "SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.query = 'analyst.cypher' RETURN count(*) AS n",
  );
  return Number(rows[0]?.n ?? 0);
}

beforeAll(async () => {
  analyst = graphqlClient(app, { token: await tokenFor('analyst') });
});

describe('guarded read-only Cypher', () => {
  it('returns columns, rows, and the nodes and relationships in them', async () => {
    const result = await analyst<Any>(CYPHER, {
      q: 'MATCH (p:Person {key: $key})-[r:AFFILIATED_WITH]->(o) RETURN p.name AS name, r.role AS role, p, r, o',
      p: { key: 'person/david-babayan' },
    });
    expect(result.errors).toBeUndefined();
    const cypher = result.data?.cypher;
    expect(cypher.columns).toEqual(['name', 'role', 'p', 'r', 'o']);
    expect(cypher.rows[0].slice(0, 2)).toEqual(['David Babayan', 'Presidential spokesman']);
    expect(cypher.nodes.map((n: Any) => n.key).sort()).toEqual([
      'organisation/artsakh-republic',
      'person/david-babayan',
    ]);
    expect(cypher.relationships).toHaveLength(1);
    expect(cypher.relationships[0].type).toBe('AFFILIATED_WITH');
    expect(cypher.truncated).toBe(false);
  });

  it('returns a path in a row as its nodes and relationships', async () => {
    const result = await analyst<Any>(CYPHER, {
      q: "MATCH p = (:Person {key: 'person/david-babayan'})-[:AFFILIATED_WITH]->() RETURN p",
    });
    const path = result.data?.cypher.rows[0][0];
    expect(path.nodes.map((n: Any) => n.key)).toEqual([
      'person/david-babayan',
      'organisation/artsakh-republic',
    ]);
    expect(path.relationships).toMatchObject([{ type: 'AFFILIATED_WITH', role: 'Presidential spokesman' }]);
  });

  it('allows listed procedures and caps the rows', async () => {
    const search = await analyst<Any>(CYPHER, {
      q: "CALL db.index.fulltext.queryNodes('entity_search', 'Babayan') YIELD node RETURN node.key AS key",
    });
    expect(search.data?.cypher.rows[0]).toEqual(['person/david-babayan']);
    const capped = graphqlClient(createTestApp(db, { CYPHER_ROW_CAP: '5' }), {
      token: await tokenFor('analyst'),
    });
    const many = await capped<Any>(CYPHER, { q: 'MATCH (n) RETURN n.key AS key' });
    expect(many.data?.cypher.rows).toHaveLength(5);
    expect(many.data?.cypher.truncated).toBe(true);
  });

  it.each([
    ['CREATE', "CREATE (:Person {key: 'person/intruder', name: 'X'})", 'FORBIDDEN'],
    ['MERGE', "MERGE (p:Person {key: 'person/intruder'}) RETURN p", 'FORBIDDEN'],
    ['SET', "MATCH (p:Person {key: 'person/david-babayan'}) SET p.name = 'X'", 'FORBIDDEN'],
    ['DELETE', 'MATCH (n) DETACH DELETE n', 'FORBIDDEN'],
    [
      'a write hidden in a subquery',
      "MATCH (p:Person) CALL { WITH p SET p.name = 'X' } RETURN count(p)",
      'FORBIDDEN',
    ],
    ['LOAD CSV', "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", 'FORBIDDEN'],
    ['CALL dbms.*', 'CALL dbms.components() YIELD name RETURN name', 'FORBIDDEN'],
    ['a procedure off the list', "CALL db.createLabel('Intruder')", 'FORBIDDEN'],
    ['an index change', 'CREATE INDEX intruder FOR (n:Person) ON (n.name)', 'FORBIDDEN'],
    ['a syntax error', 'MATCH (n RETURN n', 'BAD_USER_INPUT'],
  ])('refuses %s with %s and leaves the graph unchanged', async (_what, q, code) => {
    const before = await snapshot();
    const result = await analyst(CYPHER, { q });
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['LOAD CSV hidden behind a comment', "LOAD/**/CSV FROM 'file:///etc/passwd' AS l RETURN l", 'LoadCSV'],
    [
      'LOAD CSV split by a line comment',
      "LOAD //x\n CSV FROM 'http://127.0.0.1:1/' AS l RETURN l",
      'LoadCSV',
    ],
    [
      'LOAD CSV split by a control character',
      "LOAD\u001cCSV FROM 'file:///etc/hosts' AS l RETURN l",
      'LoadCSV',
    ],
    ['LOAD CSV from a parameter', 'LOAD CSV FROM $url AS l RETURN l', 'LoadCSV'],
    ['SHOW PROCEDURES', 'SHOW PROCEDURES', 'ShowProcedures'],
    ['SHOW SETTINGS', 'SHOW SETTINGS', 'ShowSettings'],
    ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS', 'ShowTransactions'],
    ['TERMINATE TRANSACTIONS', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", 'TerminateTransactions'],
    ['SHOW INDEXES', 'SHOW INDEXES', 'ShowIndexes'],
    [
      'CALL … IN TRANSACTIONS',
      'CALL { MATCH (n) RETURN count(n) AS c } IN TRANSACTIONS RETURN c',
      'TransactionApply',
    ],
  ])('refuses %s by its plan operator', async (_what, q, operator) => {
    const result = await analyst(CYPHER, { q, p: { url: 'file:///etc/passwd' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toBe(`the plan uses operator ${operator}, which is not allowed here`);
  });

  it.each([
    ['a union', 'MATCH (p:Person) RETURN p.key AS k UNION MATCH (o:Organisation) RETURN o.key AS k'],
    [
      'a correlated subquery',
      'MATCH (p:Person) CALL (p) { MATCH (p)--(x) RETURN count(x) AS n } RETURN p.key, n',
    ],
    ['an existence test', 'MATCH (p:Person) WHERE EXISTS { (p)-[:AFFILIATED_WITH]->() } RETURN p.key'],
    ['a COLLECT subquery', 'RETURN COLLECT { MATCH (p:Person) RETURN p.key } AS keys'],
    [
      'shortest paths',
      'MATCH (a:Person), (b:Organisation) MATCH p = shortestPath((a)-[*..4]-(b)) RETURN p LIMIT 3',
    ],
    ['a quantified path', 'MATCH p = (a:Person)-[]-{1,2}(b) RETURN p LIMIT 3'],
    [
      'aggregation, ordering and paging',
      'MATCH (p:Person)--(x) RETURN p.key, count(x) AS n ORDER BY n DESC SKIP 1 LIMIT 3',
    ],
    ['lists and maps', 'UNWIND [1, 2, 3] AS x RETURN x, [y IN range(1, x) | y * 2] AS ys, {x: x} AS m'],
    ['an optional match', 'MATCH (p:Person) OPTIONAL MATCH (p)-[:SAID]->(s) RETURN p.key, count(s)'],
    ['an EXPLAIN of its own', 'EXPLAIN MATCH (n) RETURN n'],
  ])('runs a read built from allowed operators: %s', async (_what, q) => {
    const result = await analyst<Any>(CYPHER, { q });
    expect(result.errors).toBeUndefined();
    expect(Array.isArray(result.data?.cypher.rows)).toBe(true);
  });

  it('cuts an answer larger than CYPHER_MAX_BYTES and says so', async () => {
    const small = graphqlClient(createTestApp(db, { CYPHER_MAX_BYTES: '200000' }), {
      token: await tokenFor('analyst'),
    });
    const big = 'x'.repeat(40_000);
    const result = await small<Any>(CYPHER, {
      q: 'UNWIND range(1, 1000) AS i RETURN i, $big AS big',
      p: { big },
    });
    expect(result.errors).toBeUndefined();
    // Each row is about 40 KB: four fit in 200 KB, the fifth would not.
    expect(result.data?.cypher.rows).toHaveLength(4);
    expect(result.data?.cypher.rows[3]).toEqual([4, big]);
    expect(result.data?.cypher.truncated).toBe(true);
  });

  it('counts the nodes an answer carries against the byte cap', async () => {
    const small = graphqlClient(createTestApp(db, { CYPHER_MAX_BYTES: '3000' }), {
      token: await tokenFor('analyst'),
    });
    const result = await small<Any>(CYPHER, { q: 'MATCH (s:Source) RETURN s.key AS key, s' });
    expect(result.errors).toBeUndefined();
    // The article's source node carries its whole text (several KB): the row cannot be sent whole.
    expect(result.data?.cypher.truncated).toBe(true);
    expect(result.data?.cypher.nodes).toEqual([]);
  });

  it('caps the nodes one row carries like rows: a collect() of every node is cut', async () => {
    const capped = graphqlClient(createTestApp(db, { CYPHER_ROW_CAP: '5' }), {
      token: await tokenFor('analyst'),
    });
    const result = await capped<Any>(CYPHER, {
      q: 'MATCH (n) WHERE n.key IS NOT NULL RETURN collect(n) AS all',
    });
    expect(result.data?.cypher.nodes).toHaveLength(5);
    expect(result.data?.cypher.truncated).toBe(true);
  });

  it('answers a full-text query Neo4j cannot parse with BAD_USER_INPUT', async () => {
    const result = await analyst(CYPHER, {
      q: "CALL db.index.fulltext.queryNodes('entity_search', 'AND OR (') YIELD node RETURN node.key",
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/^Neo4j refused the query: /);
  });

  // The local server caps one transaction's memory (db.memory.transaction.max); another may not.
  it.runIf(inject('neo4j').provider === 'local')(
    'answers a query that needs more memory than one transaction may have with BAD_USER_INPUT',
    async () => {
      const result = await analyst(CYPHER, { q: 'UNWIND range(1, 100000000) AS x RETURN collect(x) AS xs' });
      expect(result.errors?.[0]).toMatchObject({
        message: 'the query needs more memory than Neo4j allows one transaction: narrow it',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect((await analyst<Any>(CYPHER, { q: 'RETURN 1 AS one' })).data?.cypher.rows).toEqual([[1]]);
    },
  );

  it('lets only a few analyst queries run at once, so that other readers keep their slots', async () => {
    const oneAtATime = new Database(
      db.driver,
      db.database,
      undefined,
      15_000,
      new Gate(),
      new Gate({ maxConcurrent: 1, queue: 0, waitMs: 100 }),
    );
    const client = graphqlClient(createTestApp(oneAtATime, { CYPHER_TIMEOUT: '2' }), {
      token: await tokenFor('analyst'),
    });
    const slow = client(CYPHER, { q: SLOW });
    await expect.poll(runningAnalystQueries, { timeout: 10_000 }).toBe(1);
    const second = await client(CYPHER, { q: 'RETURN 1 AS one' });
    expect(second.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const reader = await client<Any>('{ entity(key: "person/david-babayan") { name } }');
    expect(reader.data?.entity.name).toBe('David Babayan');
    expect((await slow).errors?.[0]?.extensions?.code).toBe('TIMEOUT');
  });

  it('stops a cartesian blow-up at the timeout', async () => {
    const quick = graphqlClient(createTestApp(db, { CYPHER_TIMEOUT: '1' }), {
      token: await tokenFor('analyst'),
    });
    const started = Date.now();
    const result = await quick(CYPHER, {
      q: 'MATCH (a), (b), (c), (d) WHERE a.key <> b.key AND c.key <> d.key AND a.key <> d.key RETURN count(*) AS n',
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([2_000, 5_000, 10_000])(
    'answers a list nested %i deep with rows or a typed error, never a 500 or a hang',
    async (depth) => {
      const quick = graphqlClient(createTestApp(db, { CYPHER_TIMEOUT: '1' }), {
        token: await tokenFor('analyst'),
      });
      const nested = await quick(CYPHER, {
        q: `RETURN reduce(acc = [], i IN range(1, ${depth}) | [acc]) AS x`,
      });
      // Which part runs out of stack first (Neo4j sending, or the driver reading) depends on the machine.
      const code = nested.errors?.[0]?.extensions?.code;
      expect(code === undefined || code === 'BAD_USER_INPUT' || code === 'TIMEOUT').toBe(true);
      expect((await quick<Any>(CYPHER, { q: 'RETURN 1 AS one' })).data?.cypher.rows).toEqual([[1]]);
    },
  );

  it('answers a timeout with HTTP 504', async () => {
    const quick = createTestApp(db, { CYPHER_TIMEOUT: '1' });
    const response = await quick.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor('analyst')}`,
      },
      body: JSON.stringify({ query: CYPHER, variables: { q: SLOW } }),
    });
    expect(response.status).toBe(504);
    expect(((await response.json()) as Any).errors[0].extensions.code).toBe('TIMEOUT');
  });

  it("stops a failed request's other Cypher queries at once instead of at their timeout", async () => {
    const patient = createTestApp(db, { CYPHER_TIMEOUT: '60' });
    const started = Date.now();
    const response = await patient.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('analyst')}` },
      body: JSON.stringify({
        query: `query ($slow: String!) { slow: cypher(query: $slow) { rows } broken: cypher(query: "MATCH (n RETURN n") { rows } }`,
        variables: { slow: SLOW },
      }),
    });
    const body = (await response.json()) as Any;
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(Date.now() - started).toBeLessThan(30_000);
    await expect.poll(runningAnalystQueries, { timeout: 5_000 }).toBe(0);
  });

  it('stops the Cypher query of a client that went away', async () => {
    const patient = createTestApp(db, { CYPHER_TIMEOUT: '60' });
    const controller = new AbortController();
    const answer = Promise.resolve(
      patient.fetch('http://localhost/graphql', {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('analyst')}` },
        body: JSON.stringify({ query: CYPHER, variables: { q: SLOW } }),
      }),
    ).catch(() => 'aborted');
    await expect.poll(runningAnalystQueries, { timeout: 10_000 }).toBe(1);
    controller.abort();
    await answer;
    await expect.poll(runningAnalystQueries, { timeout: 5_000 }).toBe(0);
  });

  it('is for analysts: readers and editors are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    for (const role of ['reader', 'editor'] as const) {
      const client = graphqlClient(app, { token: await tokenFor(role) });
      expect((await client(CYPHER, { q: 'RETURN 1' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = graphqlClient(app, { token: null });
    expect((await anonymous(CYPHER, { q: 'RETURN 1' })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const admin = graphqlClient(app, { token: await tokenFor('admin') });
    expect((await admin<Any>(CYPHER, { q: 'RETURN 1 AS one' })).data?.cypher.rows).toEqual([[1]]);
  });
});

describe('the plan check', () => {
  const plan = (operatorType: string, children: Plan[] = []) =>
    ({ operatorType, arguments: {}, identifiers: [], children }) as unknown as Plan;

  it('refuses a plan that reads another database, operator by operator', () => {
    expect(() => checkPlan(plan('ProduceResults@neo4j', [plan('AllNodesScan@other')]), 'neo4j')).toThrow(
      'the query reads database other; only neo4j may be read here',
    );
    expect(() =>
      checkPlan(plan('ProduceResults@neo4j', [plan('AllNodesScan@neo4j')]), 'neo4j'),
    ).not.toThrow();
  });

  it('turns analyst Cypher off on a Neo4j with plugin functions, which can run Cypher no plan shows', async () => {
    // A stand-in server whose only non-built-in function is APOC's Cypher runner.
    const session = {
      run: async () => ({
        records: [{ get: () => 'apoc.cypher.runFirstColumnMany' }],
        summary: { database: { name: 'neo4j' } },
      }),
    };
    const withPlugins = {
      driver: {},
      queryCount: 0,
      cypherGate: new Gate(),
      withSession: (_mode: string, work: (s: typeof session) => unknown) => work(session),
    } as unknown as Database;
    await expect(
      runGuardedCypher(withPlugins, 'RETURN 1', {}, { timeoutMs: 1000, rowCap: 10, maxBytes: 1000 }),
    ).rejects.toThrow(
      'this Neo4j has plugin functions (apoc.cypher.runFirstColumnMany…), which can run Cypher no plan shows: analyst Cypher is off',
    );
  });

  it('refuses a query Neo4j gave no plan for', () => {
    expect(() => checkPlan(false, 'neo4j')).toThrow(
      'Neo4j gave no plan for this query, so it cannot be checked',
    );
  });
});
