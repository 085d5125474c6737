import { beforeAll, describe, expect, it } from 'vitest';
import { type Any, createTestApp, graphqlClient, tokenFor, useArticleGraph } from './helpers.js';

const { app, db, snapshot } = useArticleGraph();
const CYPHER = `query ($q: String!, $p: JSON) { cypher(query: $q, params: $p) {
  columns rows truncated nodes { id __typename ... on Entity { key } } relationships { type from to } } }`;
let analyst: ReturnType<typeof graphqlClient>;

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
