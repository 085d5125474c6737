import { describe, expect, it } from 'vitest';
import { LISTS, type List, listCountCypher, listPageCypher, toLuceneQuery } from '../../src/queries/lists.js';
import { encodeCursor, toPage } from '../../src/queries/pagination.js';

/** The queries of a root list: its first page unfiltered, a later page with every filter, its counts. */
function queriesOf(name: keyof typeof LISTS, cursor: unknown[]) {
  const list = LISTS[name] as List<unknown>;
  const every = Object.keys(list.filters);
  return {
    firstPage: listPageCypher(list, toPage(list.ordering, { first: 10 }), []),
    filteredPageAfter: listPageCypher(
      list,
      toPage(list.ordering, { first: 10, after: encodeCursor(list.ordering, cursor) }),
      every,
    ),
    count: listCountCypher(list, []),
    filteredCount: listCountCypher(list, every),
  };
}

describe('root lists', () => {
  it('has exactly these lists (a new one needs its snapshot below)', () => {
    expect(Object.keys(LISTS)).toEqual([
      'Person',
      'Organisation',
      'Place',
      'events',
      'statements',
      'sources',
      'search',
    ]);
    for (const [key, list] of Object.entries(LISTS)) expect(list.name).toBe(key);
  });

  it('lists people by their sort key, filtered by name or alias fragment, kinds and a mentioning source', () => {
    expect(queriesOf('Person', ['david babayan|person/david-babayan'])).toMatchInlineSnapshot(`
      {
        "count": "MATCH (n:Entity:Person) WHERE n.sortKey IS NOT NULL WITH * WHERE true RETURN count(n) AS total",
        "filteredCount": "MATCH (n:Entity:Person) WHERE n.sortKey IS NOT NULL WITH * WHERE true AND (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains)) AND (n.kind IN $kinds) AND (EXISTS { (:Source {key: $mentionedIn})-[:MENTIONS]->(n) }) RETURN count(n) AS total",
        "filteredPageAfter": "MATCH (n:Entity:Person) WHERE n.sortKey IS NOT NULL
           WITH * WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains)) AND (n.kind IN $kinds) AND (EXISTS { (:Source {key: $mentionedIn})-[:MENTIONS]->(n) }) AND ((n.sortKey > $after[0]))
           WITH *, [n.sortKey] AS cursor
           ORDER BY n.sortKey ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "firstPage": "MATCH (n:Entity:Person) WHERE n.sortKey IS NOT NULL
           WITH * WHERE true
           WITH *, [n.sortKey] AS cursor
           ORDER BY n.sortKey ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
      }
    `);
  });

  it('lists organisations and places with the same query over their own label', () => {
    const person = queriesOf('Person', ['osce|organisation/osce']);
    for (const label of ['Organisation', 'Place'] as const) {
      const own = queriesOf(label, ['osce|organisation/osce']);
      expect(own).toEqual(
        JSON.parse(JSON.stringify(person).replaceAll('n:Entity:Person', `n:Entity:${label}`)),
      );
    }
    expect(queriesOf('Place', ['baku|place/baku']).count).toMatchInlineSnapshot(
      `"MATCH (n:Entity:Place) WHERE n.sortKey IS NOT NULL WITH * WHERE true RETURN count(n) AS total"`,
    );
  });

  it('lists events oldest first, filtered by kinds, place (or a place inside it), participant and period', () => {
    expect(queriesOf('events', ['1990-01-13|event/baku-pogrom-1990'])).toMatchInlineSnapshot(`
      {
        "count": "MATCH (n:Event) WHERE n.startOrder IS NOT NULL WITH * WHERE true RETURN count(n) AS total",
        "filteredCount": "MATCH (n:Event) WHERE n.startOrder IS NOT NULL WITH * WHERE true AND (n.kind IN $kinds) AND (EXISTS { (n)-[:OCCURRED_IN]->(:Place)-[:PART_OF*0..10]->(:Place {key: $place}) }) AND (EXISTS { (n)<-[:PARTICIPATED_IN]-(:Entity {key: $participant}) }) AND (coalesce(n.endLatest, n.startLatest) >= $from) AND (n.startEarliest <= $to) RETURN count(n) AS total",
        "filteredPageAfter": "MATCH (n:Event) WHERE n.startOrder IS NOT NULL
           WITH * WHERE (n.kind IN $kinds) AND (EXISTS { (n)-[:OCCURRED_IN]->(:Place)-[:PART_OF*0..10]->(:Place {key: $place}) }) AND (EXISTS { (n)<-[:PARTICIPATED_IN]-(:Entity {key: $participant}) }) AND (coalesce(n.endLatest, n.startLatest) >= $from) AND (n.startEarliest <= $to) AND ((n.startOrder > $after[0]))
           WITH *, [n.startOrder] AS cursor
           ORDER BY n.startOrder ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "firstPage": "MATCH (n:Event) WHERE n.startOrder IS NOT NULL
           WITH * WHERE true
           WITH *, [n.startOrder] AS cursor
           ORDER BY n.startOrder ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
      }
    `);
  });

  it('lists statements newest first, filtered by speaker, on behalf of, addressed to, about, kinds and period', () => {
    expect(
      queriesOf('statements', [
        '2015-01-01',
        'source/asbarez-2015-artsakh-lawmakers-condemn-baku-pogroms|000000120|statement/3f9a1c0e7b2d4a6f8e1c5b90',
      ]),
    ).toMatchInlineSnapshot(`
      {
        "count": "MATCH (n:Statement) WITH * WHERE true RETURN count(n) AS total",
        "filteredCount": "MATCH (n:Statement) WITH * WHERE true AND (EXISTS { (n)-[:SAID_BY]->(:Entity {key: $speaker}) }) AND (EXISTS { (n)-[:ON_BEHALF_OF]->(:Entity {key: $onBehalfOf}) }) AND (EXISTS { (n)-[:ADDRESSED_TO]->(:Entity {key: $addressedTo}) }) AND (EXISTS { (n)-[:ABOUT]->(:Entity {key: $about}) }) AND (n.kind IN $kinds) AND (n.dateLatest >= $from) AND (n.dateEarliest <= $to) RETURN count(n) AS total",
        "filteredPageAfter": "MATCH (n:Statement)
           WITH * WHERE (EXISTS { (n)-[:SAID_BY]->(:Entity {key: $speaker}) }) AND (EXISTS { (n)-[:ON_BEHALF_OF]->(:Entity {key: $onBehalfOf}) }) AND (EXISTS { (n)-[:ADDRESSED_TO]->(:Entity {key: $addressedTo}) }) AND (EXISTS { (n)-[:ABOUT]->(:Entity {key: $about}) }) AND (n.kind IN $kinds) AND (n.dateLatest >= $from) AND (n.dateEarliest <= $to) AND ((coalesce(n.dateEarliest, '0000-00-00') < $after[0]) OR (coalesce(n.dateEarliest, '0000-00-00') = $after[0] AND n.sortKey > $after[1]))
           WITH *, [coalesce(n.dateEarliest, '0000-00-00'), n.sortKey] AS cursor
           ORDER BY coalesce(n.dateEarliest, '0000-00-00') DESC, n.sortKey ASC
           LIMIT $limit
           RETURN n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } AS node, cursor",
        "firstPage": "MATCH (n:Statement)
           WITH * WHERE true
           WITH *, [coalesce(n.dateEarliest, '0000-00-00'), n.sortKey] AS cursor
           ORDER BY coalesce(n.dateEarliest, '0000-00-00') DESC, n.sortKey ASC
           LIMIT $limit
           RETURN n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } AS node, cursor",
      }
    `);
  });

  it('lists sources by key, with no filter to give', () => {
    expect(
      queriesOf('sources', ['source/asbarez-2015-artsakh-lawmakers-condemn-baku-pogroms']),
    ).toMatchInlineSnapshot(`
      {
        "count": "MATCH (n:Source) WITH * WHERE true RETURN count(n) AS total",
        "filteredCount": "MATCH (n:Source) WITH * WHERE true RETURN count(n) AS total",
        "filteredPageAfter": "MATCH (n:Source)
           WITH * WHERE ((n.key > $after[0]))
           WITH *, [n.key] AS cursor
           ORDER BY n.key ASC
           LIMIT $limit
           RETURN n { .* } AS node, cursor",
        "firstPage": "MATCH (n:Source)
           WITH * WHERE true
           WITH *, [n.key] AS cursor
           ORDER BY n.key ASC
           LIMIT $limit
           RETURN n { .* } AS node, cursor",
      }
    `);
  });

  it('ranks search hits best first (then by key), filtered by labels', () => {
    expect(queriesOf('search', [3.25, 'person/bako-sahakian'])).toMatchInlineSnapshot(`
      {
        "count": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score WITH * WHERE true RETURN count(n) AS total",
        "filteredCount": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score WITH * WHERE true AND (any(l IN labels(n) WHERE l IN $labels)) RETURN count(n) AS total",
        "filteredPageAfter": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score
           WITH * WHERE (any(l IN labels(n) WHERE l IN $labels)) AND ((score < $after[0]) OR (score = $after[0] AND n.key > $after[1]))
           WITH *, [score, n.key] AS cursor
           ORDER BY score DESC, n.key ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "firstPage": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score
           WITH * WHERE true
           WITH *, [score, n.key] AS cursor
           ORDER BY score DESC, n.key ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
      }
    `);
  });

  it('leaves out the filters not given, and ignores parameters that are not filters', () => {
    const events = LISTS.events as List<unknown>;
    const page = toPage(events.ordering, {});
    const some = listPageCypher(events, page, ['to', 'query', 'kinds']);
    expect(some).toContain('WITH * WHERE (n.kind IN $kinds) AND (n.startEarliest <= $to) AND true');
    expect(some).not.toContain('$place');
    expect(some).not.toContain('$query');
    expect(listCountCypher(events, ['place'])).toBe(
      'MATCH (n:Event) WHERE n.startOrder IS NOT NULL WITH * WHERE true AND (EXISTS { (n)-[:OCCURRED_IN]->(:Place)-[:PART_OF*0..10]->(:Place {key: $place}) }) RETURN count(n) AS total',
    );
  });
});

describe('toLuceneQuery', () => {
  it('matches each word exactly (boosted) or within one edit', () => {
    expect(toLuceneQuery('Bako Sahakian')).toBe('(bako^2 OR bako~1) (sahakian^2 OR sahakian~1)');
  });

  it('finds a name misspelt by one letter', () => {
    expect(toLuceneQuery('Sahakain')).toBe('(sahakain^2 OR sahakain~1)');
  });

  it('removes accents and lower-cases', () => {
    expect(toLuceneQuery('Élysée Aliyev')).toBe('(elysee^2 OR elysee~1) (aliyev^2 OR aliyev~1)');
    expect(toLuceneQuery('Łódź İstanbul')).toBe('(łodz^2 OR łodz~1) (istanbul^2 OR istanbul~1)');
  });

  it('keeps words of one or two letters exact', () => {
    expect(toLuceneQuery('EU UN')).toBe('eu un');
  });

  it('treats Lucene syntax as text, never as operators', () => {
    expect(toLuceneQuery('Baku AND Sumgait')).toBe(
      '(baku^2 OR baku~1) (and^2 OR and~1) (sumgait^2 OR sumgait~1)',
    );
    expect(toLuceneQuery('OR NOT')).toBe('or (not^2 OR not~1)');
    expect(toLuceneQuery('baba*')).toBe('(baba^2 OR baba~1)');
    expect(toLuceneQuery('"National Assembly"')).toBe(
      '(national^2 OR national~1) (assembly^2 OR assembly~1)',
    );
    expect(toLuceneQuery('osce\\minsk')).toBe('(osce^2 OR osce~1) (minsk^2 OR minsk~1)');
    expect(toLuceneQuery('babayan~5')).toBe('(babayan^2 OR babayan~1) 5');
    expect(toLuceneQuery('title:x')).toBe('(title^2 OR title~1) x');
    expect(toLuceneQuery('name:(a OR b)^9 -c +d [e TO f] {g} /re/ &&||!')).toBe(
      '(name^2 OR name~1) a or b 9 c d e to f g re',
    );
  });

  it('gives null for text without a word', () => {
    expect(toLuceneQuery('')).toBeNull();
    expect(toLuceneQuery('   ')).toBeNull();
    expect(toLuceneQuery('*?~"\\:()!-')).toBeNull();
  });

  it('keeps the first 16 distinct words', () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${String(i).padStart(2, '0')}`);
    const query = toLuceneQuery(['w00', ...words].join(' ')) ?? '';
    expect(query.split(') (')).toHaveLength(16);
    expect(query).toContain('(w15^2 OR w15~1)');
    expect(query).not.toContain('w16');
    expect(query.match(/w00\^2/g)).toHaveLength(1);
  });
});
