import { describe, expect, it } from 'vitest';
import { toPage } from '../../src/queries/pagination.js';
import { aheadClauses, type Read, readParams, toReadAnswers } from '../../src/queries/reads.js';
import { ENTITY_NODE_LINKS, RELATIONS } from '../../src/queries/relations.js';

/** W3's shape: each organisation's 10 first members, and the 5 newest statements of those who are people, with their subjects. */
const members: Read = {
  relation: 'members',
  args: { first: 10 },
  page: toPage(RELATIONS.members.ordering, { first: 10 }),
  links: ['role', 'member'],
  count: true,
  below: [
    {
      relation: 'statementsBy',
      args: { first: 5 },
      page: toPage(RELATIONS.statementsBy.ordering, { first: 5 }),
      links: ['text', 'about'],
      count: false,
      on: 'Person',
      below: [],
    },
  ],
};

describe('reads ahead', () => {
  it('nests one subquery per page below the level it hangs from, with parameters named per page', () => {
    expect(
      aheadClauses({ links: ['places', 'name'], reads: [members] }, ENTITY_NODE_LINKS),
    ).toMatchInlineSnapshot(`
      {
        "clauses": [
          "WITH *, n AS r0_p",
          "CALL (r0_p) { WITH r0_p AS p MATCH (p)<-[r:AFFILIATED_WITH]-(n:Entity) WITH * WITH *, [n.sortKey, coalesce(r.role, '')] AS cursor ORDER BY n.sortKey ASC, coalesce(r.role, '') ASC LIMIT $r0_limit WITH *, n AS r0_0_p CALL (r0_0_p) { WITH r0_0_p AS p WHERE p:Person MATCH (p)<-[:SAID_BY]-(n:Statement) WITH * WITH *, [n.dateOrder, n.sortKey] AS cursor ORDER BY n.dateOrder DESC, n.sortKey ASC LIMIT $r0_0_limit RETURN collect({ cursor: cursor, key: n.key, row: n { .key, .kind, .text, .dateIso, .datePrecision, .dateEarliest, .dateLatest }, links: { about: [(n)-[:ABOUT]->(x:Entity) | x { .key, .name, label: head([l IN labels(x) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) }] }, below: {} }) AS r0_0 } WITH * ORDER BY n.sortKey ASC, coalesce(r.role, '') ASC RETURN collect({ cursor: cursor, key: n.key, row: r { .*, other: n { .key, .name, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } }, below: { r0_0: r0_0, r0_0_on: n:Person } }) AS r0 }",
          "CALL (r0_p) { WITH r0_p AS p MATCH (p)<-[r:AFFILIATED_WITH]-(n:Entity) RETURN count(n) AS r0_total }",
        ],
        "columns": ", { places: [(n)-[:OCCURRED_IN]->(x:Place) | x { .key, .name, label: head([l IN labels(x) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) }] } AS links, { r0: r0, r0_total: r0_total, r0_parent: n { .key, .name, label: head([l IN labels(n) WHERE l IN ['Person', 'Organisation', 'Place', 'Event']]) } } AS below",
      }
    `);
    expect(readParams([members])).toEqual({
      r0_after: null,
      r0_before: null,
      r0_limit: 11,
      r0_role: null,
      r0_0_after: null,
      r0_0_before: null,
      r0_0_limit: 6,
      r0_0_role: null,
    });
  });

  it('reads nothing, and returns no column, when nothing is selected ahead', () => {
    expect(aheadClauses({ links: ['name'], reads: [] }, ENTITY_NODE_LINKS)).toEqual({
      clauses: [],
      columns: '',
    });
  });

  it('answers every level, below the shown rows only (not the extra one that tells more follow), and only below nodes of the type asked', () => {
    const statementRow = (key: string) => ({
      cursor: ['2015-01-01', key],
      key,
      row: { key, kind: 'PARAPHRASE', text: key },
      links: { about: [] },
      below: {},
    });
    const member = (key: string, statements: string[]) => ({
      cursor: [key, ''],
      key,
      row: { role: null, other: { key, name: key, label: 'Person' } },
      below: { r0_0: statements.map(statementRow), r0_0_on: !key.endsWith('org') },
    });
    const rows = [
      ...Array.from({ length: 9 }, (_, i) => member(`person/m${i}`, [`statement/s${i}`])),
      // A member that is an organisation: the page read under `... on Person` is no answer for it.
      member('organisation/org', []),
      member('person/extra', ['statement/x']),
    ];
    const answers = toReadAnswers([members], 'organisation/o', {
      r0: rows,
      r0_total: 11,
      r0_parent: { key: 'organisation/o', name: 'O', label: 'Organisation' },
    });
    expect(answers.map((a) => [a.read.relation, a.parentKey])).toEqual([
      ['members', 'organisation/o'],
      ...Array.from({ length: 9 }, (_, i) => ['statementsBy', `person/m${i}`]),
    ]);
    const [first] = answers;
    expect(first?.total).toBe(11);
    expect(first?.connection.edges).toHaveLength(10);
    expect(first?.connection.pageInfo.hasNextPage).toBe(true);
    expect(answers[1]?.links.get('statement/s0')).toEqual({ about: [] });
  });
});
