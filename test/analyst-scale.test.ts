import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import { loadSynthetic } from '../src/seed/synthetic.js';
import { type Any, graphqlClient, tokenFor, useTestGraph } from './helpers.js';

const { app, db } = useTestGraph();
let analyst: ReturnType<typeof graphqlClient>;
// The busiest organisation of a synthetic graph is a hub (power-law links).
const HUB = toGlobalId('Organisation', 'organisation/org-0');

beforeAll(async () => {
  await loadSynthetic(db, { entities: 2000, seed: 3 });
  analyst = graphqlClient(app, { token: await tokenFor('analyst') });
});

describe('analyst queries on a synthetic graph: caps and truncation', () => {
  it('truncates a hub neighbourhood at the limit, nearest first', async () => {
    const result = await analyst<Any>(
      `{ neighbourhood(id: "${HUB}", depth: 2, limit: 50) { truncated nodes { id } relationships { from to } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.neighbourhood.truncated).toBe(true);
    expect(result.data?.neighbourhood.nodes).toHaveLength(50);
    expect(result.data?.neighbourhood.nodes[0].id).toBe(HUB);
    const ids = new Set(result.data?.neighbourhood.nodes.map((n: Any) => n.id));
    for (const r of result.data?.neighbourhood.relationships ?? [])
      expect(ids.has(r.from) && ids.has(r.to)).toBe(true);
  });

  it('caps Cypher rows, path lengths, depths and result sizes with clear errors', async () => {
    const rows = await analyst<Any>(
      '{ cypher(query: "MATCH (s:Statement) RETURN s.key") { truncated rows } }',
    );
    expect(rows.data?.cypher).toMatchObject({ truncated: true });
    expect(rows.data?.cypher.rows).toHaveLength(1000);
    const long = await analyst(
      `{ path(from: "${HUB}", to: "${toGlobalId('Person', 'person/per-1')}", maxLength: 20) { length } }`,
    );
    expect(long.errors?.[0]?.message).toBe('maxLength must be between 1 and 8');
    const deep = await analyst(`{ neighbourhood(id: "${HUB}", depth: 5) { truncated } }`);
    expect(deep.errors?.[0]?.message).toBe('depth must be between 1 and 3');
    const many = await analyst(`{ coMentions(id: "${HUB}", first: 1000) { weight } }`);
    expect(many.errors?.[0]).toMatchObject({
      message: 'first must be between 1 and 100',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('ranks hubs first and answers co-mentions and geography at this size', async () => {
    const ranked = await analyst<Any>(
      '{ ranking(by: CONNECTIONS, types: [ORGANISATION], first: 5) { entity { key } score } }',
    );
    const scores = ranked.data?.ranking.map((r: Any) => r.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(ranked.data?.ranking[0].entity.key).toBe('organisation/org-0');
    const co = await analyst<Any>(`{ coMentions(id: "${HUB}", first: 10) { weight } }`);
    expect(co.data?.coMentions).toHaveLength(10);
    const near = await analyst<Any>(
      '{ near(latitude: 0, longitude: 0, radiusKm: 20000, first: 100) { distanceKm } }',
    );
    const distances = near.data?.near.map((n: Any) => n.distanceKm);
    expect(distances).toHaveLength(100);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
  });
});
