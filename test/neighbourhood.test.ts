import { beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../src/model/globalId.js';
import {
  type Any,
  createTestApp,
  graphqlClient,
  tokenFor,
  useCountingDatabase,
  useTestGraph,
} from './helpers.js';

const { db } = useTestGraph();
const counting = useCountingDatabase();
let analyst: ReturnType<typeof graphqlClient>;

const CENTRE = toGlobalId('Organisation', 'organisation/centre');
const NEIGHBOURHOOD = `query ($id: ID!, $depth: Int, $limit: Int) {
  neighbourhood(id: $id, depth: $depth, limit: $limit) {
    truncated
    nodes { id }
    relationships { type from to }
  }
}`;

/** The neighbourhood as keys in the order returned, relationships as sorted `from TYPE to` keys. */
async function around(id: string, depth: number, limit: number) {
  counting.queryCount = 0;
  const result = await analyst<Any>(NEIGHBOURHOOD, { id, depth, limit });
  expect(result.errors).toBeUndefined();
  const { nodes, relationships, truncated } = (result.data as Any).neighbourhood;
  return {
    keys: nodes.map((n: Any) => fromGlobalId(n.id).key) as string[],
    relationships: relationships
      .map((r: Any) => `${fromGlobalId(r.from).key} ${r.type} ${fromGlobalId(r.to).key}`)
      .sort() as string[],
    truncated: truncated as boolean,
    queries: counting.queryCount,
  };
}

beforeAll(async () => {
  analyst = graphqlClient(createTestApp(counting), { token: await tokenFor('analyst') });
  // Level 1 of organisation/centre: person/alpha, person/mu, person/zeta, place/home, statement/s1.
  // Level 2: event/e1, event/e2, organisation/aaa, place/region, statement/s2 (keys that sort before
  // level 1's: nearest comes first all the same). Level 3: place/country. Relationships are created
  // out of key order, so that Neo4j's own order is not the key order.
  await db.write('fixture', (run) =>
    run(
      'graph',
      `CREATE (centre:Entity:Organisation {key: 'organisation/centre', name: 'Centre', aliases: [], kind: 'OTHER'})
       CREATE (zeta:Entity:Person {key: 'person/zeta', name: 'Zeta', aliases: []})
       CREATE (mu:Entity:Person {key: 'person/mu', name: 'Mu', aliases: []})
       CREATE (alpha:Entity:Person {key: 'person/alpha', name: 'Alpha', aliases: []})
       CREATE (home:Entity:Place {key: 'place/home', name: 'Home', aliases: [], kind: 'CITY'})
       CREATE (s1:Statement {key: 'statement/s1', kind: 'PARAPHRASE', text: 'One'})
       CREATE (s2:Statement {key: 'statement/s2', kind: 'PARAPHRASE', text: 'Two'})
       CREATE (e2:Entity:Event {key: 'event/e2', name: 'E2', aliases: [], kind: 'OTHER'})
       CREATE (e1:Entity:Event {key: 'event/e1', name: 'E1', aliases: [], kind: 'OTHER'})
       CREATE (aaa:Entity:Organisation {key: 'organisation/aaa', name: 'Aaa', aliases: [], kind: 'OTHER'})
       CREATE (region:Entity:Place {key: 'place/region', name: 'Region', aliases: [], kind: 'REGION'})
       CREATE (country:Entity:Place {key: 'place/country', name: 'Country', aliases: [], kind: 'COUNTRY'})
       CREATE (s1)-[:ABOUT]->(centre), (zeta)-[:AFFILIATED_WITH]->(centre), (centre)-[:BASED_IN]->(home),
              (alpha)-[:AFFILIATED_WITH]->(centre), (mu)-[:AFFILIATED_WITH]->(centre),
              (s1)-[:ADDRESSED_TO]->(centre), (s1)-[:SAID_BY]->(alpha)
       CREATE (s2)-[:SAID_BY]->(zeta), (home)-[:PART_OF]->(region), (zeta)-[:PARTICIPATED_IN]->(e2),
              (mu)-[:AFFILIATED_WITH]->(aaa), (mu)-[:PARTICIPATED_IN]->(e1), (alpha)-[:PARTICIPATED_IN]->(e1),
              (e1)-[:OCCURRED_IN]->(region)
       CREATE (region)-[:PART_OF]->(country)`,
    ),
  );
});

describe('neighbourhood', () => {
  it('keeps the nearest nodes, then those of smallest key, when the limit cuts a level', async () => {
    // The limit cuts level 1: the two of smallest key.
    const first = await around(CENTRE, 2, 3);
    expect(first).toMatchObject({
      keys: ['organisation/centre', 'person/alpha', 'person/mu'],
      relationships: [
        'person/alpha AFFILIATED_WITH organisation/centre',
        'person/mu AFFILIATED_WITH organisation/centre',
      ],
      truncated: true,
    });

    // The limit cuts level 2: all of level 1 (though level 2 has smaller keys), then level 2's smallest.
    const cut = await around(CENTRE, 3, 8);
    expect(cut.keys).toEqual([
      'organisation/centre',
      'person/alpha',
      'person/mu',
      'person/zeta',
      'place/home',
      'statement/s1',
      'event/e1',
      'event/e2',
    ]);
    expect(cut.relationships).toEqual([
      'organisation/centre BASED_IN place/home',
      'person/alpha AFFILIATED_WITH organisation/centre',
      'person/alpha PARTICIPATED_IN event/e1',
      'person/mu AFFILIATED_WITH organisation/centre',
      'person/mu PARTICIPATED_IN event/e1',
      'person/zeta AFFILIATED_WITH organisation/centre',
      'person/zeta PARTICIPATED_IN event/e2',
      'statement/s1 ABOUT organisation/centre',
      'statement/s1 ADDRESSED_TO organisation/centre',
      'statement/s1 SAID_BY person/alpha',
    ]);
    expect(cut.truncated).toBe(true);
    // The same graph gives the same answer every time.
    for (let i = 0; i < 3; i++) expect(await around(CENTRE, 3, 8)).toEqual(cut);

    // Exactly full: two levels fit in 11, and nothing lies beyond depth 2; at depth 3 place/country
    // does, so the same 11 nodes are truncated.
    const full = await around(CENTRE, 2, 11);
    expect(full.keys.slice(6)).toEqual([
      'event/e1',
      'event/e2',
      'organisation/aaa',
      'place/region',
      'statement/s2',
    ]);
    expect(full.truncated).toBe(false);
    expect(await around(CENTRE, 3, 11)).toEqual({ ...full, truncated: true });
    const all = await around(CENTRE, 3, 12);
    expect(all.keys.at(-1)).toBe('place/country');
    expect(all.truncated).toBe(false);

    // A statement as the centre: level 1 by key across labels.
    const statement = await around(toGlobalId('Statement', 'statement/s1'), 1, 10);
    expect(statement.keys).toEqual(['statement/s1', 'organisation/centre', 'person/alpha']);
  });

  it('costs one Cypher query, cut or not, found or not', async () => {
    expect((await around(CENTRE, 3, 500)).queries).toBe(1);
    expect((await around(CENTRE, 3, 8)).queries).toBe(1);
    expect((await around(CENTRE, 1, 1)).queries).toBe(1);
    counting.queryCount = 0;
    const missing = await analyst(NEIGHBOURHOOD, {
      id: toGlobalId('Person', 'person/nobody'),
      depth: 3,
      limit: 500,
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(counting.queryCount).toBe(1);
  });
});
