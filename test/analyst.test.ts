import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import { type Any, graphqlClient, tokenFor, useArticleGraph } from './helpers.js';

const { app, db } = useArticleGraph();
let analyst: ReturnType<typeof graphqlClient>;
const id = (type: string, key: string) => toGlobalId(type, key);
const BABAYAN = id('Person', 'person/david-babayan');
const KASPRZYK = id('Person', 'person/andrzej-kasprzyk');

async function data(query: string, variables?: Record<string, unknown>) {
  const result = await analyst<Any>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as Any;
}

beforeAll(async () => {
  analyst = graphqlClient(app, { token: await tokenFor('analyst') });
});

describe('analyst queries on the article graph', () => {
  it('finds paths over chosen relationship types, around excluded nodes, and all shortest ones', async () => {
    const PATH = `query ($a: ID!, $b: ID!, $types: [String!], $exclude: [ID!]) {
      path(from: $a, to: $b, types: $types, exclude: $exclude) { length nodes { id } relationships { type } } }`;
    const institutional = await data(PATH, {
      a: BABAYAN,
      b: KASPRZYK,
      types: ['AFFILIATED_WITH', 'ON_BEHALF_OF', 'ADDRESSED_TO'],
    });
    expect(institutional.path.length).toBe(3);
    expect(institutional.path.relationships.map((r: Any) => r.type)).toEqual([
      'AFFILIATED_WITH',
      'ON_BEHALF_OF',
      'ADDRESSED_TO',
    ]);
    const direct = await data(PATH, { a: BABAYAN, b: KASPRZYK });
    expect(direct.path.length).toBe(2);
    const around = await data(PATH, { a: BABAYAN, b: KASPRZYK, exclude: [direct.path.nodes[1].id] });
    expect(around.path.nodes.map((n: Any) => n.id)).not.toContain(direct.path.nodes[1].id);
    const all = await data('query ($a: ID!, $b: ID!) { paths(from: $a, to: $b) { length } }', {
      a: BABAYAN,
      b: KASPRZYK,
    });
    expect(all.paths.length).toBeGreaterThanOrEqual(1);
    for (const p of all.paths) expect(p.length).toBe(2);
    const bad = await analyst(PATH, { a: BABAYAN, b: KASPRZYK, types: ['MENTIONS'] });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('narrows a neighbourhood to relationship types', async () => {
    const result =
      await data(`{ neighbourhood(id: "${id('Organisation', 'organisation/artsakh-republic')}", types: ["AFFILIATED_WITH"]) {
      nodes { ... on Entity { key } } relationships { type } } }`);
    expect(result.neighbourhood.nodes.map((n: Any) => n.key).sort()).toEqual([
      'organisation/artsakh-republic',
      'person/bako-sahakian',
      'person/david-babayan',
    ]);
    expect(new Set(result.neighbourhood.relationships.map((r: Any) => r.type))).toEqual(
      new Set(['AFFILIATED_WITH']),
    );
  });

  it('counts statements about an entity per month, with who made them', async () => {
    const result =
      await data(`{ statementTimeline(id: "${id('Event', 'event/baku-pogrom-1990')}", interval: MONTH) {
      period count speakers { entity { key } count } } }`);
    expect(result.statementTimeline).toEqual([
      {
        period: '2015-01',
        count: 6,
        speakers: [{ entity: { key: 'organisation/national-assembly-of-artsakh' }, count: 6 }],
      },
    ]);
  });

  it('weighs co-mentions of an entity, and the strongest pairs of a period', async () => {
    const result = await data(`{ coMentions(id: "${id('Event', 'event/baku-pogrom-1990')}", first: 3) {
      entity { key } weight statements sources } }`);
    expect(result.coMentions[0]).toMatchObject({
      entity: { key: 'organisation/national-assembly-of-artsakh' },
      statements: 6,
    });
    const weights = result.coMentions.map((c: Any) => c.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    const baku = await data(
      `{ coMentions(id: "${id('Place', 'place/baku')}") { entity { key } statements sources } }`,
    );
    // Baku is a subject of the address's Sumgait passage, with both pogroms and the Assembly that said it.
    expect(baku.coMentions.map((c: Any) => c.entity.key)).toEqual(
      expect.arrayContaining([
        'event/baku-pogrom-1990',
        'event/sumgait-pogrom-1988',
        'organisation/national-assembly-of-artsakh',
      ]),
    );
    // There is one source, so no entity shares more than one with Baku.
    expect(baku.coMentions.every((c: Any) => c.sources <= 1)).toBe(true);
    const pairs = await data(
      '{ coMentionPairs(from: "2015-01", to: "2015-01", first: 1) { a { key } b { key } weight } }',
    );
    expect(pairs.coMentionPairs).toEqual([
      { a: { key: 'organisation/artsakh-republic' }, b: { key: 'person/david-babayan' }, weight: 12 },
    ]);
  });

  it('ranks the most-cited and most-connected entities', async () => {
    const [expected] = await db.read(
      'test.cited',
      'MATCH (s:Statement)-[:ABOUT]->(n) WITH n, count(s) AS c ORDER BY c DESC, n.key LIMIT 1 RETURN n.key AS key, c',
    );
    const cited = await data('{ ranking(by: CITATIONS, first: 3) { entity { key } score } }');
    expect(cited.ranking[0]).toEqual({ entity: { key: expected?.key }, score: expected?.c });
    const people = await data(
      '{ ranking(by: CONNECTIONS, types: [PERSON], first: 2) { entity { key } score } }',
    );
    expect(people.ranking[0].entity.key).toBe('person/david-babayan');
  });

  it('finds places and their events within a radius of a point', async () => {
    const near = async (radiusKm: number) =>
      (
        await data(
          `{ near(latitude: 40.4093, longitude: 49.8671, radiusKm: ${radiusKm}) { place { key } distanceKm events { key } } }`,
        )
      ).near;
    const wide = await near(50);
    expect(wide.map((n: Any) => n.place.key)).toEqual(['place/baku', 'place/sumgait']);
    expect(wide[0].distanceKm).toBe(0);
    expect(wide[0].events.map((e: Any) => e.key)).toContain('event/baku-pogrom-1990');
    expect(wide[1].distanceKm).toBeGreaterThan(20);
    expect((await near(1)).map((n: Any) => n.place.key)).toEqual(['place/baku']);
    const bad = await analyst('{ near(latitude: 91, longitude: 0, radiusKm: 5) { distanceKm } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists events by participant', async () => {
    const result =
      await data(`{ events(filter: { participant: "${id('Organisation', 'organisation/azerbaijani-armed-forces')}" }) {
      edges { node { key } } } }`);
    expect(result.events.edges).toEqual([{ node: { key: 'event/attacks-on-artsakh-2015-01-20' } }]);
  });

  it('keeps analyst queries from readers', async () => {
    const reader = graphqlClient(app, { token: await tokenFor('reader') });
    const result = await reader(`{ coMentions(id: "${BABAYAN}") { weight } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('exports', () => {
  const get = async (path: string, role: 'analyst' | 'reader' | null = 'analyst') =>
    app.fetch(`http://localhost${path}`, {
      headers: role ? { authorization: `Bearer ${await tokenFor(role)}` } : {},
    });

  it('serve a neighbourhood as JSON nodes and edges', async () => {
    const response = await get('/export/neighbourhood?id=organisation/national-assembly-of-artsakh&depth=1');
    expect(response.status).toBe(200);
    const graph = (await response.json()) as Any;
    const keys = graph.nodes.map((n: Any) => n.key);
    expect(keys).toContain('place/stepanakert');
    const ids = new Set(graph.nodes.map((n: Any) => n.id));
    for (const e of graph.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('serve paths and co-mention networks as GraphML that graph tools open', async () => {
    const response = await get(
      '/export/path?from=person/david-babayan&to=person/andrzej-kasprzyk&format=graphml',
    );
    expect(response.headers.get('content-type')).toContain('graphml');
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0"/);
    expect(xml).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">');
    expect(xml).toContain('<data key="name">Andrzej Kasprzyk</data>');
    expect((xml.match(/<edge /g) ?? []).length).toBeGreaterThanOrEqual(2);
    const network = (await (
      await get('/export/co-mentions?id=event/baku-pogrom-1990&first=5')
    ).json()) as Any;
    expect(network.nodes[0].key).toBe('event/baku-pogrom-1990');
    expect(network.edges).toHaveLength(5);
    expect(network.edges[0]).toMatchObject({ type: 'CO_MENTIONED', weight: expect.any(Number) });
  });

  it('serve a Cypher result, with the same guards as the cypher field', async () => {
    const query = encodeURIComponent(
      "MATCH (p:Person)-[r:AFFILIATED_WITH]->(o {key: 'organisation/artsakh-republic'}) RETURN p, r, o",
    );
    const graph = (await (await get(`/export/cypher?query=${query}`)).json()) as Any;
    expect(graph.edges).toHaveLength(2);
    const write = await get(`/export/cypher?query=${encodeURIComponent('MATCH (n) DETACH DELETE n')}`);
    expect(write.status).toBe(403);
  });

  it('refuse readers, anonymous callers and bad requests with typed errors', async () => {
    expect((await get('/export/neighbourhood?id=place/baku', 'reader')).status).toBe(403);
    expect((await get('/export/neighbourhood?id=place/baku', null)).status).toBe(401);
    const bad = await get('/export/neighbourhood?id=place/baku&format=pdf');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await get('/export/everything')).status).toBe(400);
    const forged = await app.fetch('http://localhost/export/neighbourhood?id=place/baku', {
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBe('Bearer');
  });
});
