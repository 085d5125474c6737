import { describe, expect, it } from 'vitest';
import { LISTS, type List, listCountCypher, listPageCypher, toLuceneQuery } from '../../src/queries/lists.js';
import { encodeCursor, toPage } from '../../src/queries/pagination.js';

/**
 * The queries of a root list: its first page unfiltered; a later page with every filter that starts
 * nothing (walk or seek); the first page of one anchor alone, and a later one with every filter; its
 * counts unfiltered, by one anchor, and with every filter.
 */
function queriesOf(name: keyof typeof LISTS, cursor: unknown[]) {
  const list = LISTS[name] as List<unknown>;
  const every = Object.keys(list.filters);
  const anchors = every.filter((param) => list.filters[param]?.anchor);
  const first = toPage(list.ordering, { first: 10 });
  const later = toPage(list.ordering, { first: 10, after: encodeCursor(list.ordering, cursor) });
  const oneAnchor = anchors.slice(0, 1);
  return {
    firstPage: listPageCypher(list, first, []),
    pageAfterFiltersWithoutAnchor: listPageCypher(
      list,
      later,
      every.filter((param) => !anchors.includes(param)),
    ),
    ...(anchors.length && {
      firstPageOfOneAnchor: listPageCypher(list, first, oneAnchor),
      pageAfterEveryFilter: listPageCypher(list, later, every),
      countOfOneAnchor: listCountCypher(list, oneAnchor),
    }),
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
      'drafts',
    ]);
    for (const [key, list] of Object.entries(LISTS)) expect(list.name).toBe(key);
  });

  it('lists people by their sort key, filtered by name or alias fragment, kinds and a mentioning source', () => {
    expect(queriesOf('Person', ['david babayan|person/david-babayan'])).toMatchInlineSnapshot(`
      {
        "count": "MATCH (n:Person) RETURN count(n) AS total",
        "countOfOneAnchor": "MATCH (a:Source {key: $mentionedIn}) MATCH (a)-[:MENTIONS]->(n:Entity:Person) WITH DISTINCT n WITH * RETURN count(n) AS total",
        "filteredCount": "MATCH (a:Source {key: $mentionedIn}) MATCH (a)-[:MENTIONS]->(n:Entity:Person) WITH DISTINCT n WITH * WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains)) AND (n.kind IN $kinds) RETURN count(n) AS total",
        "firstPage": "MATCH (n:Entity:Person) USING INDEX n:Entity(sortKey) WHERE n.sortKey IS NOT NULL
           WITH *
           WITH *, [n.sortKey] AS cursor
           ORDER BY n.sortKey ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "firstPageOfOneAnchor": "MATCH (a:Source {key: $mentionedIn})
           MATCH (a)-[:MENTIONS]->(n:Entity:Person)
           WITH DISTINCT n
           WITH *
           WITH *, [n.sortKey] AS cursor
           ORDER BY n.sortKey ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "pageAfterEveryFilter": "MATCH (a:Source {key: $mentionedIn})
           MATCH (a)-[:MENTIONS]->(n:Entity:Person)
           WITH DISTINCT n
           WITH * WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains)) AND (n.kind IN $kinds) AND (n.sortKey > $after[0])
           WITH *, [n.sortKey] AS cursor
           ORDER BY n.sortKey ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "pageAfterFiltersWithoutAnchor": "MATCH (n:Entity:Person) USING INDEX n:Entity(sortKey) WHERE n.sortKey IS NOT NULL
           WITH * WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains)) AND (n.kind IN $kinds) AND (n.sortKey > $after[0])
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
        JSON.parse(
          JSON.stringify(person)
            .replaceAll('n:Entity:Person', `n:Entity:${label}`)
            .replaceAll('(n:Person)', `(n:${label})`),
        ),
      );
    }
    expect(queriesOf('Place', ['baku|place/baku']).count).toMatchInlineSnapshot(
      `"MATCH (n:Place) RETURN count(n) AS total"`,
    );
  });

  it('lists events oldest first, filtered by kinds, place (or a place inside it), participant and period', () => {
    expect(queriesOf('events', ['1990-01-13|event/baku-pogrom-1990'])).toMatchInlineSnapshot(`
      {
        "count": "MATCH (n:Event) RETURN count(n) AS total",
        "countOfOneAnchor": "MATCH (a:Place {key: $place}) MATCH (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event) WITH DISTINCT n WITH * RETURN count(n) AS total",
        "filteredCount": "CALL () { MATCH (a:Place {key: $place}) RETURN 0 AS anchor, COUNT { (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-() } AS size UNION ALL MATCH (a:Entity {key: $participant}) USING INDEX a:Entity(key) RETURN 1 AS anchor, COUNT { (a)-[:PARTICIPATED_IN]->() } AS size } WITH anchor ORDER BY size LIMIT 1 CALL (anchor) { WITH anchor WHERE anchor = 0 MATCH (a:Place {key: $place}) MATCH (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event) RETURN n UNION WITH anchor WHERE anchor = 1 MATCH (a:Entity {key: $participant}) USING INDEX a:Entity(key) MATCH (a)-[:PARTICIPATED_IN]->(n:Event) RETURN n } WITH * WHERE (n.kind IN $kinds) AND (EXISTS { (n)-[:OCCURRED_IN]->(:Place)-[:PART_OF*0..10]->(:Place {key: $place}) }) AND (EXISTS { (n)<-[:PARTICIPATED_IN]-(:Entity {key: $participant}) }) AND (coalesce(n.endLatest, n.startLatest) >= $from) AND (n.startEarliest <= $to) RETURN count(n) AS total",
        "firstPage": "MATCH (n:Event) USING INDEX n:Event(startOrder) WHERE n.startOrder IS NOT NULL
           WITH *
           WITH *, [n.startOrder] AS cursor
           ORDER BY n.startOrder ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "firstPageOfOneAnchor": "MATCH (a:Place {key: $place})
           MATCH (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event)
           WITH DISTINCT n
           WITH *
           WITH *, [n.startOrder] AS cursor
           ORDER BY n.startOrder ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "pageAfterEveryFilter": "CALL () { MATCH (a:Place {key: $place}) RETURN 0 AS anchor, COUNT { (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-() } AS size UNION ALL MATCH (a:Entity {key: $participant}) USING INDEX a:Entity(key) RETURN 1 AS anchor, COUNT { (a)-[:PARTICIPATED_IN]->() } AS size }
           WITH anchor ORDER BY size LIMIT 1
           CALL (anchor) { WITH anchor WHERE anchor = 0 MATCH (a:Place {key: $place}) MATCH (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event) RETURN n UNION WITH anchor WHERE anchor = 1 MATCH (a:Entity {key: $participant}) USING INDEX a:Entity(key) MATCH (a)-[:PARTICIPATED_IN]->(n:Event) RETURN n }
           WITH * WHERE (n.kind IN $kinds) AND (EXISTS { (n)-[:OCCURRED_IN]->(:Place)-[:PART_OF*0..10]->(:Place {key: $place}) }) AND (EXISTS { (n)<-[:PARTICIPATED_IN]-(:Entity {key: $participant}) }) AND (coalesce(n.endLatest, n.startLatest) >= $from) AND (n.startEarliest <= $to) AND (n.startOrder > $after[0])
           WITH *, [n.startOrder] AS cursor
           ORDER BY n.startOrder ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "pageAfterFiltersWithoutAnchor": "MATCH (n:Event) WHERE n.endLatest >= $from OR n.startLatest >= $from
           WITH * WHERE (n.kind IN $kinds) AND (coalesce(n.endLatest, n.startLatest) >= $from) AND (n.startEarliest <= $to) AND (n.startOrder > $after[0])
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
        "count": "MATCH (n:Statement) RETURN count(n) AS total",
        "countOfOneAnchor": "MATCH (a:Entity {key: $speaker}) USING INDEX a:Entity(key) RETURN COUNT { (a)<-[:SAID_BY]-() } AS total",
        "filteredCount": "CALL () { MATCH (a:Entity {key: $speaker}) USING INDEX a:Entity(key) RETURN 0 AS anchor, COUNT { (a)<-[:SAID_BY]-() } AS size UNION ALL MATCH (a:Entity {key: $onBehalfOf}) USING INDEX a:Entity(key) RETURN 1 AS anchor, COUNT { (a)<-[:ON_BEHALF_OF]-() } AS size UNION ALL MATCH (a:Entity {key: $addressedTo}) USING INDEX a:Entity(key) RETURN 2 AS anchor, COUNT { (a)<-[:ADDRESSED_TO]-() } AS size UNION ALL MATCH (a:Entity {key: $about}) USING INDEX a:Entity(key) RETURN 3 AS anchor, COUNT { (a)<-[:ABOUT]-() } AS size } WITH anchor ORDER BY size LIMIT 1 CALL (anchor) { WITH anchor WHERE anchor = 0 MATCH (a:Entity {key: $speaker}) USING INDEX a:Entity(key) MATCH (a)<-[:SAID_BY]-(n:Statement) RETURN n UNION WITH anchor WHERE anchor = 1 MATCH (a:Entity {key: $onBehalfOf}) USING INDEX a:Entity(key) MATCH (a)<-[:ON_BEHALF_OF]-(n:Statement) RETURN n UNION WITH anchor WHERE anchor = 2 MATCH (a:Entity {key: $addressedTo}) USING INDEX a:Entity(key) MATCH (a)<-[:ADDRESSED_TO]-(n:Statement) RETURN n UNION WITH anchor WHERE anchor = 3 MATCH (a:Entity {key: $about}) USING INDEX a:Entity(key) MATCH (a)<-[:ABOUT]-(n:Statement) RETURN n } WITH * WHERE (EXISTS { (n)-[:SAID_BY]->(:Entity {key: $speaker}) }) AND (EXISTS { (n)-[:ON_BEHALF_OF]->(:Entity {key: $onBehalfOf}) }) AND (EXISTS { (n)-[:ADDRESSED_TO]->(:Entity {key: $addressedTo}) }) AND (EXISTS { (n)-[:ABOUT]->(:Entity {key: $about}) }) AND (n.kind IN $kinds) AND (n.dateLatest >= $from) AND (n.dateEarliest <= $to) RETURN count(n) AS total",
        "firstPage": "MATCH (n:Statement) USING INDEX n:Statement(dateOrder) WHERE n.dateOrder IS NOT NULL
           WITH *
           WITH *, [n.dateOrder, n.sortKey] AS cursor
           ORDER BY n.dateOrder DESC, n.sortKey ASC
           LIMIT $limit
           RETURN n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } AS node, cursor",
        "firstPageOfOneAnchor": "MATCH (a:Entity {key: $speaker}) USING INDEX a:Entity(key)
           MATCH (a)<-[:SAID_BY]-(n:Statement)
           WITH *
           WITH *, [n.dateOrder, n.sortKey] AS cursor
           ORDER BY n.dateOrder DESC, n.sortKey ASC
           LIMIT $limit
           RETURN n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } AS node, cursor",
        "pageAfterEveryFilter": "CALL () { MATCH (a:Entity {key: $speaker}) USING INDEX a:Entity(key) RETURN 0 AS anchor, COUNT { (a)<-[:SAID_BY]-() } AS size UNION ALL MATCH (a:Entity {key: $onBehalfOf}) USING INDEX a:Entity(key) RETURN 1 AS anchor, COUNT { (a)<-[:ON_BEHALF_OF]-() } AS size UNION ALL MATCH (a:Entity {key: $addressedTo}) USING INDEX a:Entity(key) RETURN 2 AS anchor, COUNT { (a)<-[:ADDRESSED_TO]-() } AS size UNION ALL MATCH (a:Entity {key: $about}) USING INDEX a:Entity(key) RETURN 3 AS anchor, COUNT { (a)<-[:ABOUT]-() } AS size }
           WITH anchor ORDER BY size LIMIT 1
           CALL (anchor) { WITH anchor WHERE anchor = 0 MATCH (a:Entity {key: $speaker}) USING INDEX a:Entity(key) MATCH (a)<-[:SAID_BY]-(n:Statement) RETURN n UNION WITH anchor WHERE anchor = 1 MATCH (a:Entity {key: $onBehalfOf}) USING INDEX a:Entity(key) MATCH (a)<-[:ON_BEHALF_OF]-(n:Statement) RETURN n UNION WITH anchor WHERE anchor = 2 MATCH (a:Entity {key: $addressedTo}) USING INDEX a:Entity(key) MATCH (a)<-[:ADDRESSED_TO]-(n:Statement) RETURN n UNION WITH anchor WHERE anchor = 3 MATCH (a:Entity {key: $about}) USING INDEX a:Entity(key) MATCH (a)<-[:ABOUT]-(n:Statement) RETURN n }
           WITH * WHERE (EXISTS { (n)-[:SAID_BY]->(:Entity {key: $speaker}) }) AND (EXISTS { (n)-[:ON_BEHALF_OF]->(:Entity {key: $onBehalfOf}) }) AND (EXISTS { (n)-[:ADDRESSED_TO]->(:Entity {key: $addressedTo}) }) AND (EXISTS { (n)-[:ABOUT]->(:Entity {key: $about}) }) AND (n.kind IN $kinds) AND (n.dateLatest >= $from) AND (n.dateEarliest <= $to) AND (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
           WITH *, [n.dateOrder, n.sortKey] AS cursor
           ORDER BY n.dateOrder DESC, n.sortKey ASC
           LIMIT $limit
           RETURN n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } AS node, cursor",
        "pageAfterFiltersWithoutAnchor": "MATCH (n:Statement) USING INDEX n:Statement(dateOrder) WHERE n.dateOrder IS NOT NULL
           WITH * WHERE (n.dateOrder >= toString(date($from) - duration({years: 10}))) AND (n.dateOrder <= $to) AND (n.kind IN $kinds) AND (n.dateLatest >= $from) AND (n.dateEarliest <= $to) AND (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
           WITH *, [n.dateOrder, n.sortKey] AS cursor
           ORDER BY n.dateOrder DESC, n.sortKey ASC
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
        "count": "MATCH (n:Source) RETURN count(n) AS total",
        "filteredCount": "MATCH (n:Source) RETURN count(n) AS total",
        "firstPage": "MATCH (n:Source) USING INDEX n:Source(key) WHERE n.key IS NOT NULL
           WITH *
           WITH *, [n.key] AS cursor
           ORDER BY n.key ASC
           LIMIT $limit
           RETURN n { .* } AS node, cursor",
        "pageAfterFiltersWithoutAnchor": "MATCH (n:Source) USING INDEX n:Source(key) WHERE n.key IS NOT NULL
           WITH * WHERE (n.key > $after[0])
           WITH *, [n.key] AS cursor
           ORDER BY n.key ASC
           LIMIT $limit
           RETURN n { .* } AS node, cursor",
      }
    `);
  });

  it('lists drafts newest first (then by key), filtered by status', () => {
    expect(queriesOf('drafts', ['1795919019126|draft/02d45ed1d1ae96c055146e01'])).toMatchInlineSnapshot(`
      {
        "count": "MATCH (n:Draft) RETURN count(n) AS total",
        "filteredCount": "MATCH (n:Draft) USING INDEX n:Draft(sortKey) WHERE n.sortKey IS NOT NULL WITH * WHERE (n.status = $status) RETURN count(n) AS total",
        "firstPage": "MATCH (n:Draft) USING INDEX n:Draft(sortKey) WHERE n.sortKey IS NOT NULL
           WITH *
           WITH *, [n.sortKey] AS cursor
           ORDER BY n.sortKey DESC
           LIMIT $limit
           RETURN n { .key, .status, .text, .source, .content, created: toString(n.created) } AS node, cursor",
        "pageAfterFiltersWithoutAnchor": "MATCH (n:Draft) USING INDEX n:Draft(sortKey) WHERE n.sortKey IS NOT NULL
           WITH * WHERE (n.status = $status) AND (n.sortKey < $after[0])
           WITH *, [n.sortKey] AS cursor
           ORDER BY n.sortKey DESC
           LIMIT $limit
           RETURN n { .key, .status, .text, .source, .content, created: toString(n.created) } AS node, cursor",
      }
    `);
  });

  it('ranks search hits best first (then by key), filtered by labels', () => {
    expect(queriesOf('search', [3.25, 'person/bako-sahakian'])).toMatchInlineSnapshot(`
      {
        "count": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score WITH * RETURN count(n) AS total",
        "filteredCount": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score WITH * WHERE (any(l IN labels(n) WHERE l IN $labels)) RETURN count(n) AS total",
        "firstPage": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score
           WITH *
           WITH *, [score, n.key] AS cursor
           ORDER BY score DESC, n.key ASC
           LIMIT $limit
           RETURN n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS node, cursor",
        "pageAfterFiltersWithoutAnchor": "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score
           WITH * WHERE (any(l IN labels(n) WHERE l IN $labels)) AND (score <= $after[0] AND CASE WHEN score = $after[0] THEN n.key > $after[1] ELSE true END)
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
    expect(some).toContain(
      "WITH * WHERE (n.startOrder < $to + '}') AND (n.kind IN $kinds) AND (n.startEarliest <= $to)\n",
    );
    expect(some).not.toContain('$place');
    expect(some).not.toContain('$query');
    expect(listCountCypher(events, ['place'])).toBe(
      'MATCH (a:Place {key: $place}) MATCH (a)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event) WITH DISTINCT n WITH * RETURN count(n) AS total',
    );
  });

  it('starts at the one anchor given, and tests the other filters on its rows only', () => {
    const statements = LISTS.statements as List<unknown>;
    const page = listPageCypher(statements, toPage(statements.ordering, {}), ['about', 'kinds']);
    expect(page).toMatch(
      /^MATCH \(a:Entity \{key: \$about\}\) USING INDEX a:Entity\(key\)\s+MATCH \(a\)<-\[:ABOUT\]-\(n:Statement\)/,
    );
    expect(page).toContain('WITH * WHERE (n.kind IN $kinds)\n');
    expect(page).not.toContain('EXISTS');
  });

  it('starts at the smallest of several anchors, chosen by their degrees in the query', () => {
    const statements = LISTS.statements as List<unknown>;
    const page = listPageCypher(statements, toPage(statements.ordering, {}), ['speaker', 'about']);
    expect(page).toContain('COUNT { (a)<-[:SAID_BY]-() } AS size UNION ALL');
    expect(page).toContain('WITH anchor ORDER BY size LIMIT 1');
    expect(page).toContain('EXISTS { (n)-[:SAID_BY]->(:Entity {key: $speaker}) }');
    expect(page).toContain('EXISTS { (n)-[:ABOUT]->(:Entity {key: $about}) }');
  });

  it('counts a list filtered by one exact anchor from its degree, and an unfiltered one from the store', () => {
    expect(listCountCypher(LISTS.statements as List<unknown>, ['speaker'])).toBe(
      'MATCH (a:Entity {key: $speaker}) USING INDEX a:Entity(key) RETURN COUNT { (a)<-[:SAID_BY]-() } AS total',
    );
    expect(listCountCypher(LISTS.Person as List<unknown>, [])).toBe(
      'MATCH (n:Person) RETURN count(n) AS total',
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
