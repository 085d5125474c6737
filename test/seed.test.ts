import { describe, expect, it } from 'vitest';
import { graphCounts } from '../src/queries/stats.js';
import { ARTICLE_DATASET, loadDataset, readDataset } from '../src/seed/dataset.js';
import { type Any, ARTICLE, SOURCE_KEY, useArticleGraph } from './helpers.js';

const { db, gql, snapshot } = useArticleGraph();
const dataset = readDataset(ARTICLE_DATASET);

describe('the article seed', () => {
  it('cuts every excerpt exactly from the source text', async () => {
    const rows = await db.read(
      'test.evidence',
      `MATCH (:Statement)-[r:REPORTED_IN]->(s:Source) RETURN r.start AS start, r.end AS end, r.excerpt AS excerpt, s.text AS text
       UNION ALL
       MATCH (s:Source)-[r:MENTIONS]->() RETURN r.start AS start, r.end AS end, null AS excerpt, s.text AS text`,
    );
    expect(rows.length).toBe(24 + 38);
    for (const r of rows) {
      const text = r.text as string;
      expect(r.start as number).toBeGreaterThanOrEqual(0);
      expect(r.end as number).toBeLessThanOrEqual(text.length);
      if (r.excerpt !== null) expect(text.slice(r.start as number, r.end as number)).toBe(r.excerpt);
    }
    expect(rows[0]?.text).toBe(ARTICLE);
  });

  it('refers only to keys it defines', () => {
    const defined = new Set(
      [
        ...dataset.sources,
        ...dataset.places,
        ...dataset.organisations,
        ...dataset.people,
        ...dataset.events,
      ].map((x) => x.key),
    );
    const referenced = [
      ...dataset.places.flatMap((p) => (p.partOf ? [p.partOf] : [])),
      ...dataset.organisations.flatMap((o) => [o.basedIn, o.partOf].filter((k): k is string => !!k)),
      ...dataset.sources.flatMap((s) => (s.publisher ? [s.publisher] : [])),
      ...dataset.events.flatMap((e) => [
        ...(e.places ?? []),
        ...(e.participants ?? []).map((p) => p.entity),
        ...(e.partOf ? [e.partOf] : []),
      ]),
      ...dataset.links.flatMap((l) => [l.from, l.to, ...(l.evidence ?? []).map((e) => e.source)]),
      ...dataset.statements.flatMap((s) => [
        s.speaker,
        ...(s.onBehalfOf ?? []),
        ...(s.addressedTo ?? []),
        ...(s.about ?? []),
        ...s.evidence.map((e) => e.source),
      ]),
    ];
    expect(referenced.filter((key) => !defined.has(key))).toEqual([]);
    const names = new Set(dataset.statements.map((s) => s.name));
    expect(
      dataset.statements.flatMap((s) => (s.reports && !names.has(s.reports) ? [s.reports] : [])),
    ).toEqual([]);
  });

  it('leaves no statement without evidence or speaker, and keeps the contract keys', async () => {
    const [orphans] = await db.read(
      'test.orphans',
      'MATCH (s:Statement) WHERE NOT (s)-[:REPORTED_IN]->(:Source) OR NOT (s)-[:SAID_BY]->(:Entity) RETURN count(s) AS n',
    );
    expect(orphans?.n).toBe(0);
    const contractKeys = [
      'person/david-babayan',
      'person/bako-sahakian',
      'person/andrzej-kasprzyk',
      'organisation/artsakh-republic',
      'organisation/national-assembly-of-artsakh',
      'organisation/osce',
      'organisation/united-nations',
      'organisation/council-of-europe',
      'organisation/asbarez',
      'place/stepanakert',
      'place/baku',
      'place/sumgait',
      'place/gyumri',
      'place/nagorno-karabakh',
      'event/sumgait-pogrom-1988',
      'event/baku-pogrom-1990',
      'event/operation-ring-1991',
    ];
    const found = await db.read(
      'test.keys',
      'UNWIND $keys AS k MATCH (n:Entity {key: k}) RETURN n.key AS key',
      {
        keys: contractKeys,
      },
    );
    expect(found.map((r) => r.key).sort()).toEqual([...contractKeys].sort());
    expect(
      (await db.read('test.source', 'MATCH (s:Source {key: $k}) RETURN s.key AS k', { k: SOURCE_KEY }))
        .length,
    ).toBe(1);
  });

  it('keeps dates at the precision the text gives, and reader comments apart', async () => {
    const result = await gql<Any>(`{
      ring: entity(key: "event/operation-ring-1991") { ... on Event { start { iso precision } end { iso precision } } }
      night: entity(key: "event/attacks-on-artsakh-2015-01-20") { ... on Event { start { iso precision } } }
      comments: statements(filter: { kinds: [READER_COMMENT] }) { edges { node { speaker { key } evidence { excerpt } } } }
      sources { edges { node { published { iso precision } } } }
    }`);
    expect(result.errors).toBeUndefined();
    const data = result.data as Any;
    expect(data.ring).toEqual({
      start: { iso: '1991-04', precision: 'MONTH' },
      end: { iso: '1991-08', precision: 'MONTH' },
    });
    expect(data.night.start).toEqual({ iso: '2015-01-20', precision: 'DAY' });
    expect(data.sources.edges[0].node.published).toEqual({ iso: '2015-01', precision: 'MONTH' });
    expect(data.comments.edges.map((e: Any) => e.node.speaker.key).sort()).toEqual([
      'person/areg',
      'person/georgemardig',
    ]);
  });

  it('changes nothing when seeded a second time, and prints the counts by label', async () => {
    const before = await snapshot();
    const counts = await graphCounts(db);
    await loadDataset(db, dataset);
    expect(await snapshot()).toBe(before);
    expect(await graphCounts(db)).toEqual(counts);
    console.log(
      'article graph, nodes by label:',
      counts.labels,
      'relationships by type:',
      counts.relationships,
    );
    expect(counts.labels).toMatchObject({
      Person: 5,
      Organisation: 17,
      Place: 7,
      Event: 9,
      Statement: 24,
      Source: 1,
    });
  });
});
