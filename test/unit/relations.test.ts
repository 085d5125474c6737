import { describe, expect, it } from 'vitest';
import { encodeCursor, type Ordering, pageParams, toPage } from '../../src/queries/pagination.js';
import {
  RELATIONS,
  type Relation,
  relationCountCypher,
  relationPageCypher,
  toRelationEdges,
} from '../../src/queries/relations.js';

const SOURCE = 'source/asbarez-2015-artsakh-lawmakers-condemn-baku-pogroms';
const STATEMENT = 'statement/3f9a1c0e7b2d4a6f8e1c5b90';

/** A cursor tuple of each ordering the relations use, as a row of the seed graph would give it. */
const CURSOR_VALUES: Record<string, unknown[]> = {
  newest: ['2015-01-01', `${SOURCE}|000000120|${STATEMENT}`],
  related: ['national assembly of artsakh|organisation/national-assembly-of-artsakh', 'PARTICIPANT'],
  participation: ['1990-01-13|event/baku-pogrom-1990', 'VICTIM'],
  start: ['1990-01-13|event/baku-pogrom-1990'],
  mention: [SOURCE, 120, 164],
  name: ['david babayan|person/david-babayan'],
  source: [SOURCE],
};

const relation = (name: keyof typeof RELATIONS) => RELATIONS[name] as Relation<unknown>;
const pageAfter = (ordering: Ordering, first = 10) => {
  const values = CURSOR_VALUES[ordering.name];
  if (!values) throw new Error(`no sample cursor for the ordering ${ordering.name}`);
  return toPage(ordering, { first, after: encodeCursor(ordering, values) });
};

describe('connection fields of a parent', () => {
  it('has exactly these relations (a new one needs its snapshot below)', () => {
    expect(Object.keys(RELATIONS)).toEqual([
      'statementsBy',
      'statementsOnBehalf',
      'statementsAddressedTo',
      'statementsAbout',
      'sourceStatements',
      'affiliations',
      'members',
      'participations',
      'participants',
      'subEvents',
      'placeEvents',
      'mentions',
      'statementSources',
      'sourceMentions',
    ]);
  });

  it('reads each relation a page at a time for many parents at once, keyset after the cursor', () => {
    const pages = Object.fromEntries(
      Object.keys(RELATIONS).map((name) => {
        const r = relation(name as keyof typeof RELATIONS);
        return [name, relationPageCypher(r, pageAfter(r.ordering))];
      }),
    );
    expect(pages).toMatchInlineSnapshot(`
      {
        "affiliations": "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)-[r:AFFILIATED_WITH]->(n:Organisation)
            WITH * WHERE (n.sortKey >= $after[0] AND CASE WHEN n.sortKey = $after[0] THEN coalesce(r.role, '') > $after[1] ELSE true END)
            WITH *, [n.sortKey, coalesce(r.role, '')] AS cursor
            ORDER BY n.sortKey ASC, coalesce(r.role, '') ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: r { .*, other: n { .key, .name, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } } }) AS rows
          }
          RETURN parentKey, rows, p { .key, .name, label: head([l IN labels(p) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS parent",
        "members": "
          UNWIND $keys AS parentKey
          MATCH (p:Organisation {key: parentKey})
          CALL (p) {
            MATCH (p)<-[r:AFFILIATED_WITH]-(n:Entity)
            WITH * WHERE (n.sortKey >= $after[0] AND CASE WHEN n.sortKey = $after[0] THEN coalesce(r.role, '') > $after[1] ELSE true END)
            WITH *, [n.sortKey, coalesce(r.role, '')] AS cursor
            ORDER BY n.sortKey ASC, coalesce(r.role, '') ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: r { .*, other: n { .key, .name, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } } }) AS rows
          }
          RETURN parentKey, rows, p { .key, .name, label: head([l IN labels(p) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS parent",
        "mentions": "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)<-[r:MENTIONS]-(n:Source)
            WITH * WHERE (n.key >= $after[0] AND CASE WHEN n.key = $after[0] THEN r.start >= $after[1] AND CASE WHEN r.start = $after[1] THEN r.end > $after[2] ELSE true END ELSE true END)
            WITH *, [n.key, r.start, r.end] AS cursor
            ORDER BY n.key ASC, r.start ASC, r.end ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: r { .start, .end, source: n { .* } } }) AS rows
          }
          RETURN parentKey, rows",
        "participants": "
          UNWIND $keys AS parentKey
          MATCH (p:Event {key: parentKey})
          CALL (p) {
            MATCH (p)<-[r:PARTICIPATED_IN]-(n:Entity) WHERE ($role IS NULL OR r.role = $role)
            WITH * WHERE (n.sortKey >= $after[0] AND CASE WHEN n.sortKey = $after[0] THEN coalesce(r.role, '') > $after[1] ELSE true END)
            WITH *, [n.sortKey, coalesce(r.role, '')] AS cursor
            ORDER BY n.sortKey ASC, coalesce(r.role, '') ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: r { .*, other: n { .key, .name, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } } }) AS rows
          }
          RETURN parentKey, rows, p { .key, .name, label: head([l IN labels(p) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS parent",
        "participations": "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)-[r:PARTICIPATED_IN]->(n:Event)
            WITH * WHERE (n.startOrder >= $after[0] AND CASE WHEN n.startOrder = $after[0] THEN r.role > $after[1] ELSE true END)
            WITH *, [n.startOrder, r.role] AS cursor
            ORDER BY n.startOrder ASC, r.role ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: r { .*, other: n { .key, .name, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } } }) AS rows
          }
          RETURN parentKey, rows, p { .key, .name, label: head([l IN labels(p) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS parent",
        "placeEvents": "
          UNWIND $keys AS parentKey
          MATCH (p:Place {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event) WITH DISTINCT p, n
            WITH n WHERE (n.startOrder > $after[0])
            WITH n, [n.startOrder] AS cursor
            ORDER BY n.startOrder ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } }) AS rows
          }
          RETURN parentKey, rows",
        "sourceMentions": "
          UNWIND $keys AS parentKey
          MATCH (p:Source {key: parentKey})
          CALL (p) {
            MATCH (p)-[:MENTIONS]->(n:Entity) WITH DISTINCT p, n
            WITH n WHERE (n.sortKey > $after[0])
            WITH n, [n.sortKey] AS cursor
            ORDER BY n.sortKey ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } }) AS rows
          }
          RETURN parentKey, rows",
        "sourceStatements": "
          UNWIND $keys AS parentKey
          MATCH (p:Source {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:REPORTED_IN]-(n:Statement)
            WITH * WHERE (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
            WITH *, [n.dateOrder, n.sortKey] AS cursor
            ORDER BY n.dateOrder DESC, n.sortKey ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } }) AS rows
          }
          RETURN parentKey, rows",
        "statementSources": "
          UNWIND $keys AS parentKey
          MATCH (p:Statement {key: parentKey})
          CALL (p) {
            MATCH (p)-[:REPORTED_IN]->(n:Source) WITH DISTINCT p, n
            WITH n WHERE (n.key > $after[0])
            WITH n, [n.key] AS cursor
            ORDER BY n.key ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .* } }) AS rows
          }
          RETURN parentKey, rows",
        "statementsAbout": "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:ABOUT]-(n:Statement)
            WITH * WHERE (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
            WITH *, [n.dateOrder, n.sortKey] AS cursor
            ORDER BY n.dateOrder DESC, n.sortKey ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } }) AS rows
          }
          RETURN parentKey, rows",
        "statementsAddressedTo": "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:ADDRESSED_TO]-(n:Statement)
            WITH * WHERE (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
            WITH *, [n.dateOrder, n.sortKey] AS cursor
            ORDER BY n.dateOrder DESC, n.sortKey ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } }) AS rows
          }
          RETURN parentKey, rows",
        "statementsBy": "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:SAID_BY]-(n:Statement)
            WITH * WHERE (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
            WITH *, [n.dateOrder, n.sortKey] AS cursor
            ORDER BY n.dateOrder DESC, n.sortKey ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } }) AS rows
          }
          RETURN parentKey, rows",
        "statementsOnBehalf": "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:ON_BEHALF_OF]-(n:Statement)
            WITH * WHERE (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
            WITH *, [n.dateOrder, n.sortKey] AS cursor
            ORDER BY n.dateOrder DESC, n.sortKey ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest } }) AS rows
          }
          RETURN parentKey, rows",
        "subEvents": "
          UNWIND $keys AS parentKey
          MATCH (p:Event {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:PART_OF]-(n:Event)
            WITH * WHERE (n.startOrder > $after[0])
            WITH *, [n.startOrder] AS cursor
            ORDER BY n.startOrder ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .*, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } }) AS rows
          }
          RETURN parentKey, rows",
      }
    `);
  });

  it("passes the cursor's tuple and one row more than the page as parameters", () => {
    expect(pageParams(pageAfter(relation('statementsBy').ordering, 10))).toEqual({
      after: ['2015-01-01', `${SOURCE}|000000120|${STATEMENT}`],
      before: null,
      limit: 11,
    });
  });

  it("lists an event's participants backwards before a cursor (last/before), the newest page first", () => {
    const participants = relation('participants');
    const page = toPage(participants.ordering, {
      last: 5,
      before: encodeCursor(participants.ordering, ['bako sahakian|person/bako-sahakian', 'ORGANISER']),
    });
    expect(relationPageCypher(participants, page)).toMatchInlineSnapshot(`
      "
          UNWIND $keys AS parentKey
          MATCH (p:Event {key: parentKey})
          CALL (p) {
            MATCH (p)<-[r:PARTICIPATED_IN]-(n:Entity) WHERE ($role IS NULL OR r.role = $role)
            WITH * WHERE (n.sortKey <= $before[0] AND CASE WHEN n.sortKey = $before[0] THEN coalesce(r.role, '') < $before[1] ELSE true END)
            WITH *, [n.sortKey, coalesce(r.role, '')] AS cursor
            ORDER BY n.sortKey DESC, coalesce(r.role, '') DESC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: r { .*, other: n { .key, .name, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } } }) AS rows
          }
          RETURN parentKey, rows, p { .key, .name, label: head([l IN labels(p) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } AS parent"
    `);
  });

  it('counts the events in a place and the places inside it once each', () => {
    expect(relationCountCypher(relation('placeEvents'))).toMatchInlineSnapshot(`
      "
          UNWIND $keys AS parentKey
          MATCH (p:Place {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:PART_OF*0..10]-(:Place)<-[:OCCURRED_IN]-(n:Event) WITH DISTINCT p, n
            RETURN count(DISTINCT n) AS total
          }
          RETURN parentKey, total"
    `);
  });

  it("lists a person's statements newest first, reading their speaker and topics along", () => {
    const statementsBy = relation('statementsBy');
    expect(
      relationPageCypher(statementsBy, pageAfter(statementsBy.ordering), ['about', 'speaker']),
    ).toMatchInlineSnapshot(`
      "
          UNWIND $keys AS parentKey
          MATCH (p:Entity {key: parentKey})
          CALL (p) {
            MATCH (p)<-[:SAID_BY]-(n:Statement)
            WITH * WHERE (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)
            WITH *, [n.dateOrder, n.sortKey] AS cursor
            ORDER BY n.dateOrder DESC, n.sortKey ASC
            LIMIT $limit
            RETURN collect({ cursor: cursor, row: n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest }, links: { about: [(n)-[:ABOUT]->(x:Entity) | x { .key, .name, label: head([l IN labels(x) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) }], speaker: [(n)-[:SAID_BY]->(x:Entity) | x { .key, .name, label: head([l IN labels(x) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) }][0] } }) AS rows
          }
          RETURN parentKey, rows"
    `);
  });

  it("turns a parent's row into edges, the parent filling its own end of each affiliation", () => {
    const row = {
      parentKey: 'organisation/national-assembly-of-artsakh',
      parent: {
        key: 'organisation/national-assembly-of-artsakh',
        name: 'National Assembly of Artsakh',
        label: 'Organisation',
      },
      rows: [
        {
          cursor: ['bako sahakian|person/bako-sahakian', 'member'],
          row: {
            role: 'member',
            sinceIso: '2015',
            sincePrecision: 'YEAR',
            sinceEarliest: '2015-01-01',
            sinceLatest: '2015-12-31',
            evidenceSources: [SOURCE],
            evidenceStarts: [412],
            evidenceEnds: [470],
            other: { key: 'person/bako-sahakian', name: 'Bako Sahakian', label: 'Person' },
          },
        },
      ],
    };
    const [edge] = toRelationEdges(RELATIONS.members, row);
    expect(edge?.cursor).toEqual(['bako sahakian|person/bako-sahakian', 'member']);
    expect(edge?.node).toMatchObject({
      member: { key: 'person/bako-sahakian', name: 'Bako Sahakian', label: 'Person' },
      organisation: { key: 'organisation/national-assembly-of-artsakh', label: 'Organisation' },
      role: 'member',
      since: { iso: '2015', precision: 'YEAR', earliest: '2015-01-01', latest: '2015-12-31' },
      until: null,
      evidence: [{ sourceKey: SOURCE, start: 412, end: 470 }],
    });
    expect(toRelationEdges(RELATIONS.members, undefined)).toEqual([]);
  });
});
