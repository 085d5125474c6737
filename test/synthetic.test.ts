import { describe, expect, it } from 'vitest';
import { graphCounts } from '../src/queries/stats.js';
import { loadSynthetic, sizes } from '../src/seed/synthetic.js';
import { type Any, useTestGraph } from './helpers.js';

const { db, gql, snapshot } = useTestGraph();

const one = async (cypher: string) => (await db.read('test.synthetic', cypher))[0] as Any;

describe('synthetic graphs', () => {
  it('are deterministic: the same seed gives the same graph, another seed another', async () => {
    await loadSynthetic(db, { entities: 1000, seed: 7, clear: true });
    const first = await snapshot();
    await loadSynthetic(db, { entities: 1000, seed: 7, clear: true });
    expect(await snapshot()).toBe(first);
    await loadSynthetic(db, { entities: 1000, seed: 8, clear: true });
    expect(await snapshot()).not.toBe(first);
  });

  it('refuse a database that is not empty unless told to clear it', async () => {
    await expect(loadSynthetic(db, { entities: 10 })).rejects.toThrow(/not empty.*--clear/);
  });

  it('are shaped like news at the small size (10k entities)', async () => {
    const result = await loadSynthetic(db, { entities: 10_000, seed: 1, clear: true });
    const n = sizes(10_000);
    const counts = await graphCounts(db);
    expect(counts.labels).toMatchObject({
      Entity: 10_000,
      Statement: n.statement,
      Source: n.source,
      Person: n.person,
    });
    expect(result.relationships).toBe(Object.values(counts.relationships).reduce((a, b) => a + b, 0));
    console.log(
      `small synthetic graph: ${result.nodes} nodes, ${result.relationships} relationships in ${result.seconds} s`,
    );

    const statements = await one(`MATCH (s:Statement)
      RETURN min(count { (s)-[:SAID_BY]->() }) AS minSpeakers, max(count { (s)-[:SAID_BY]->() }) AS maxSpeakers,
             min(count { (s)-[:ABOUT]->() }) AS minAbout, max(count { (s)-[:ABOUT]->() }) AS maxAbout,
             max(count { (s)-[:ADDRESSED_TO]->() }) AS maxAddressees`);
    expect(statements).toEqual({
      minSpeakers: 1,
      maxSpeakers: 1,
      minAbout: 1,
      maxAbout: 5,
      maxAddressees: 3,
    });

    const evidence = await db.read(
      'test.excerpts',
      'MATCH (:Statement)-[r:REPORTED_IN]->(s:Source) WITH r, s LIMIT 200 RETURN r.start AS start, r.end AS end, r.excerpt AS excerpt, s.text AS text',
    );
    for (const e of evidence)
      expect((e.text as string).slice(e.start as number, e.end as number)).toBe(e.excerpt);

    // A power law: the busiest organisation is addressed far more often than a typical one.
    const degrees = await one(`MATCH (o:Organisation) WITH o, count { (o)<-[:ADDRESSED_TO]-() } AS d
      RETURN max(d) AS top, percentileDisc(d, 0.5) AS median`);
    expect(degrees.top).toBeGreaterThan(20 * Math.max(1, degrees.median));

    const dates = await one(`MATCH (e:Event) RETURN count(DISTINCT substring(e.startIso, 0, 3)) AS decades,
      collect(DISTINCT e.startPrecision) AS precisions`);
    expect(dates.decades).toBeGreaterThanOrEqual(7);
    expect([...dates.precisions].sort()).toEqual(['DAY', 'DECADE', 'MONTH', 'YEAR']);

    const api = await gql<Any>(
      '{ events(first: 3, filter: {from: "1990", to: "1999"}) { totalCount edges { node { places { name } } } } }',
    );
    expect(api.errors).toBeUndefined();
    expect(api.data?.events.totalCount).toBeGreaterThan(100);
  });
});
