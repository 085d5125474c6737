import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import { type Any, createTestApp, graphqlClient, useCountingDatabase, useTestGraph } from './helpers.js';

const { db } = useTestGraph();

const counting = useCountingDatabase();
const gql = graphqlClient(createTestApp(counting));

async function queriesFor(query: string, variables?: Record<string, unknown>) {
  counting.queryCount = 0;
  const result = await gql<Any>(query, variables);
  expect(result.errors).toBeUndefined();
  return { data: result.data as Any, queries: counting.queryCount };
}

describe('batching with DataLoader', () => {
  beforeAll(async () => {
    await db.write('fixture', (run) =>
      run(
        'graph',
        `UNWIND range(1, 10) AS i
         CREATE (:Entity:Place {key: 'place/p' + i, name: 'Place ' + i, sortKey: 'place ' + i, aliases: [], kind: 'CITY'})
         WITH count(*) AS places
         UNWIND range(1, 50) AS i
         CREATE (p:Entity:Person {key: 'person/p' + i, name: 'Person ' + i, sortKey: 'person ' + right('0' + i, 2), aliases: []})
         CREATE (e:Entity:Event {key: 'event/e' + i, name: 'Event ' + i, aliases: [], kind: 'ATTACK',
                 startIso: '2000', startPrecision: 'YEAR', startEarliest: '2000-01-01', startLatest: '2000-12-31',
                 startOrder: '2000-01-01|event/e' + i})
         WITH e, i
         MATCH (pl:Place) WHERE pl.key IN ['place/p' + (i % 10 + 1), 'place/p' + ((i + 1) % 10 + 1)]
         MERGE (e)-[:OCCURRED_IN]->(pl)
         WITH DISTINCT e, i
         MATCH (who:Person) WHERE who.key IN [j IN range(0, 4) | 'person/p' + ((i + j) % 50 + 1)]
         MERGE (who)-[:PARTICIPATED_IN {role: 'PARTICIPANT'}]->(e)
         WITH DISTINCT e, i
         CREATE (s:Statement {key: 'statement/s' + i, kind: 'PARAPHRASE', text: 'Said ' + i, sortKey: right('00' + i, 3)})
         WITH s, i MATCH (p:Person {key: 'person/p' + i}), (hub:Person {key: 'person/p1'})
         MERGE (s)-[:SAID_BY]->(p)
         MERGE (s)-[:ABOUT]->(hub)`,
      ),
    );
  });

  it('answers events(first: 50) with places and participants in one query', async () => {
    const { data, queries } = await queriesFor(`{
      events(first: 50) { edges { node { places { name } participants(first: 5) { edges { node { entity { name } } } } } } }
    }`);
    expect(data.events.edges).toHaveLength(50);
    for (const { node } of data.events.edges) {
      expect(node.places).toHaveLength(2);
      expect(node.participants.edges).toHaveLength(5);
    }
    expect(queries).toBe(1);
  });

  it('reads 50 people with their pages of statements, speakers and totals in one query', async () => {
    const { data, queries } = await queriesFor(`{
      people(first: 50) { edges { node { statements(first: 3) { totalCount edges { node { text speaker { name } } } } } } }
    }`);
    expect(data.people.edges).toHaveLength(50);
    const first = data.people.edges.find((e: Any) => e.node.statements.totalCount === 1);
    expect(first.node.statements.edges[0].node.text).toMatch(/^Said \d+$/);
    // The people's page reads their statement pages, the speakers and the totals along.
    expect(queries).toBe(1);
  });

  it('reads the links selected on a page of statements with the page, through fragments too', async () => {
    const { data, queries } = await queriesFor(`{
      people(first: 20) { edges { node { statements(first: 3) { edges { node { ...Shown } } } } } }
    }
    fragment Shown on Statement { text ... on Statement { speaker { name } about { name } } }`);
    const shown = data.people.edges.flatMap((e: Any) => e.node.statements.edges.map((s: Any) => s.node));
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) {
      expect(s.speaker.name).toBe(`Person ${s.text.slice('Said '.length)}`);
      expect(s.about).toEqual([{ name: 'Person 1' }]);
    }
    // people, and their statement pages with speakers and subjects: one query.
    expect(queries).toBe(1);
  });

  it('reads an entity page and a node page in one query each, aliases with their own arguments', async () => {
    const entity = await queriesFor(`{
      entity(key: "person/p1") { name ... on Person {
        newest: statements(first: 1) { edges { node { text } } }
        more: statements(first: 2) { totalCount edges { node { text speaker { name } } } }
        participations(first: 5) { edges { node { role event { name places { name } } } } } } }
    }`);
    expect(entity.data.entity.newest.edges).toHaveLength(1);
    expect(entity.data.entity.more).toEqual({
      totalCount: 1,
      edges: [{ node: { text: 'Said 1', speaker: { name: 'Person 1' } } }],
    });
    expect(entity.data.entity.participations.edges.length).toBeGreaterThan(0);
    // The participations' events are the listed nodes' own fields: places are read by one more query.
    expect(entity.queries).toBe(2);
    const node = await queriesFor(
      'query ($id: ID!) { node(id: $id) { ... on Event { participants(first: 2, role: PARTICIPANT) { totalCount edges { node { entity { name } } } } } } }',
      { id: toGlobalId('Event', 'event/e1') },
    );
    expect(node.data.node.participants.totalCount).toBe(5);
    expect(node.data.node.participants.edges).toHaveLength(2);
    expect(node.queries).toBe(1);
  });

  it('reads only what @include and @skip keep, and a nested page it cannot plan with its loader', async () => {
    const skipped = await queriesFor(
      `query ($show: Boolean!) { people(first: 5) { edges { node { name
        statements(first: 2) @include(if: $show) { edges { node { text } } } } } } }`,
      { show: false },
    );
    expect(skipped.data.people.edges[0].node.statements).toBeUndefined();
    expect(skipped.queries).toBe(1);
    const refused = await gql<Any>(
      '{ people(first: 2) { edges { node { name statements(first: 500) { totalCount } } } } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.path).toEqual(['people', 'edges', 0, 'node', 'statements']);
  });

  it('loads an entity that appears 30 times in one response once', async () => {
    const id = toGlobalId('Person', 'person/p1');
    const { data, queries } = await queriesFor(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Person { name } } }',
      {
        ids: Array(30).fill(id),
      },
    );
    expect(data.nodes).toHaveLength(30);
    expect(new Set(data.nodes.map((n: Any) => n.name))).toEqual(new Set(['Person 1']));
    expect(queries).toBe(1);
  });

  it('reads linked entities as summaries, and their other fields with one more batched query', async () => {
    const names = await queriesFor('{ events(first: 50) { edges { node { places { name } } } } }');
    const more = await queriesFor(
      '{ events(first: 50) { edges { node { places { name kind aliases } } } } }',
    );
    expect(more.queries).toBe(names.queries + 1);
    const places = more.data.events.edges.flatMap((e: Any) => e.node.places);
    expect(places).toHaveLength(100);
    expect(places[0]).toEqual({ name: expect.stringMatching(/^Place \d+$/), kind: 'CITY', aliases: [] });
  });

  it('keeps the number of queries flat as lists grow', async () => {
    const query = 'query ($n: Int) { events(first: $n) { edges { node { places { name } } } } }';
    const small = await queriesFor(query, { n: 2 });
    const large = await queriesFor(query, { n: 50 });
    expect(large.queries).toBe(small.queries);
  });
});
