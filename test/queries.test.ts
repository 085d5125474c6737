import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import { type Any, graphqlClient, SOURCE_KEY, tokenFor, useArticleGraph } from './helpers.js';

const { app, gql, snapshot } = useArticleGraph();

async function data(query: string, variables?: Record<string, unknown>) {
  const result = await gql<Any>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as Any;
}

const SEARCH =
  'query ($text: String!, $types: [EntityType!], $first: Int, $after: String) { search(text: $text, types: $types, first: $first, after: $after) { totalCount edges { node { score entity { key } } } pageInfo { hasNextPage endCursor } } }';
const searchKeys = async (text: string, types?: string[]) =>
  (await data(SEARCH, { text, types })).search.edges.map((e: Any) => e.node.entity.key) as string[];

const id = (type: string, key: string) => toGlobalId(type, key);

describe('queries on the article graph', () => {
  beforeAll(async () => {
    await data(`mutation { upsertEvent(input: {key: "event/rally-in-stepanakert", name: "Rally", kind: OTHER,
      start: "2015-01-20", places: ["place/stepanakert"]}) { id } }`);
  });

  describe('search', () => {
    it('tolerates a one-letter typo', async () => {
      expect((await searchKeys('Babayn'))[0]).toBe('person/david-babayan');
      expect((await searchKeys('Kasprzik'))[0]).toBe('person/andrzej-kasprzyk');
    });

    it('ignores case and diacritics', async () => {
      expect((await searchKeys('SAHAKIÁN'))[0]).toBe('person/bako-sahakian');
      expect((await searchKeys('stepanakért'))[0]).toBe('place/stepanakert');
    });

    it('finds aliases and filters by entity type', async () => {
      expect(await searchKeys('Artsakh', ['PLACE'])).toEqual(['place/nagorno-karabakh']);
      expect(await searchKeys('Black January')).toContain('event/baku-pogrom-1990');
    });

    it('pages ranked hits with cursors', async () => {
      const one = await data(SEARCH, { text: 'Artsakh', first: 1 });
      expect(one.search.pageInfo.hasNextPage).toBe(true);
      const two = await data(SEARCH, { text: 'Artsakh', first: 1, after: one.search.pageInfo.endCursor });
      expect(two.search.edges[0].node.entity.key).not.toBe(one.search.edges[0].node.entity.key);
      expect(two.search.edges[0].node.score).toBeLessThanOrEqual(one.search.edges[0].node.score);
    });

    it.each([
      '"',
      'AND OR NOT',
      '*?~^',
      '\\',
      'name:x) OR (1',
      "'; MATCH (n) DETACH DELETE n //",
      '(((( [[ {{',
      '/regex.*/',
      '',
      '\u0000',
      'Ереван 東京',
      'a'.repeat(1000),
    ])('treats %j as text: no error, nothing changed', async (text) => {
      const before = await snapshot();
      const result = await gql<Any>(SEARCH, { text });
      expect(result.errors).toBeUndefined();
      expect(Array.isArray(result.data?.search.edges)).toBe(true);
      expect(await snapshot()).toBe(before);
    });
  });

  describe('filters', () => {
    const STATEMENTS =
      'query ($filter: StatementFilter) { statements(filter: $filter, first: 50) { totalCount edges { node { text } } } }';
    const total = async (filter: Any) => (await data(STATEMENTS, { filter })).statements.totalCount as number;

    it('select statements by speaker, kind, addressee, subject and period', async () => {
      expect(await total({})).toBe(24);
      expect(await total({ speaker: id('Person', 'person/david-babayan') })).toBe(12);
      expect(await total({ speaker: id('Person', 'person/david-babayan'), kinds: ['DIRECT_QUOTE'] })).toBe(8);
      expect(await total({ kinds: ['READER_COMMENT'] })).toBe(2);
      expect(await total({ onBehalfOf: id('Organisation', 'organisation/artsakh-republic') })).toBe(14);
      expect(await total({ addressedTo: id('Organisation', 'organisation/osce') })).toBe(2);
      expect(await total({ about: id('Event', 'event/baku-pogrom-1990') })).toBe(6);
      // "2015-01" overlaps a period starting mid-month; nothing is dated 2016.
      expect(await total({ from: '2015-01-15' })).toBe(24);
      expect(await total({ from: '2016', to: '2017' })).toBe(0);
    });

    it('combine entity filters: the statements each selects alone, in order, whichever entity has fewer', async () => {
      const texts = async (filter: Any) =>
        (await data(STATEMENTS, { filter })).statements.edges.map((e: Any) => e.node.text) as string[];
      const babayan = id('Person', 'person/david-babayan');
      const republic = id('Organisation', 'organisation/artsakh-republic');
      const osce = id('Organisation', 'organisation/osce');
      const combinations = [
        { speaker: babayan, onBehalfOf: republic },
        { onBehalfOf: republic, addressedTo: osce },
        { speaker: babayan, onBehalfOf: republic, about: id('Organisation', 'organisation/azerbaijan') },
      ];
      for (const filter of combinations) {
        const alone = await Promise.all(Object.entries(filter).map(([k, v]) => texts({ [k]: v })));
        const expected = (alone[0] as string[]).filter((t) => alone.every((list) => list.includes(t)));
        expect(expected.length).toBeGreaterThan(0);
        expect(await texts(filter)).toEqual(expected);
        expect(await total(filter)).toBe(expected.length);
      }
      expect(await total({ speaker: babayan, about: id('Person', 'person/nobody') })).toBe(0);
    });

    it('reads a page under a type condition only for nodes of that type, in either order of fragments', async () => {
      const both = (first: string, second: string) => `query ($key: String!) { entity(key: $key) {
        ... on ${first} { statements(first: 5) { totalCount } } ... on ${second} { statements(first: 5) { totalCount } } } }`;
      for (const [key, expected] of [
        ['organisation/national-assembly-of-artsakh', 8],
        ['person/david-babayan', 12],
      ] as const) {
        for (const query of [both('Person', 'Organisation'), both('Organisation', 'Person')]) {
          expect((await data(query, { key })).entity.statements.totalCount).toBe(expected);
        }
      }
    });

    it('select events by kind, by place (with places inside it) and by overlapping period', async () => {
      const keys = async (filter: Any) =>
        (
          await data('query ($filter: EventFilter) { events(filter: $filter) { edges { node { key } } } }', {
            filter,
          })
        ).events.edges.map((e: Any) => e.node.key);
      expect(await keys({ kinds: ['POGROM'] })).toEqual([
        'event/sumgait-pogrom-1988',
        'event/baku-pogrom-1990',
      ]);
      expect(await keys({ place: id('Place', 'place/nagorno-karabakh') })).toEqual([
        'event/operation-ring-1991',
        'event/baku-pogroms-25th-anniversary-2015',
        'event/attacks-on-artsakh-2015-01-20',
        'event/rally-in-stepanakert',
      ]);
      expect(await keys({ from: '1991-06-15', to: '1991-06-15' })).toEqual(['event/operation-ring-1991']);
      const inside = await data(
        '{ entity(key: "place/nagorno-karabakh") { ... on Place { events { totalCount } } } }',
      );
      expect(inside.entity.events.totalCount).toBe(4);
    });

    it('select entities by name fragment, kind and mentioning source', async () => {
      const people = await data('{ people(filter: {nameContains: "BABA"}) { edges { node { key } } } }');
      expect(people.people.edges).toEqual([{ node: { key: 'person/david-babayan' } }]);
      const media = await data('{ organisations(filter: {kinds: ["MEDIA"]}) { edges { node { key } } } }');
      expect(media.organisations.edges).toEqual([
        { node: { key: 'organisation/asbarez' } },
        { node: { key: 'organisation/public-radio-of-armenia' } },
      ]);
      const mentioned = await data(
        'query ($s: ID) { people(filter: {mentionedIn: $s}) { edges { node { key } } } }',
        {
          s: id('Source', SOURCE_KEY),
        },
      );
      expect(mentioned.people.edges.map((e: Any) => e.node.key)).toEqual([
        'person/andrzej-kasprzyk',
        'person/areg',
        'person/bako-sahakian',
        'person/david-babayan',
        'person/georgemardig',
      ]);
    });

    it.each([
      [
        'statements',
        { speaker: id('Source', SOURCE_KEY) },
        'speaker must be the id of a Person or Organisation or Place or Event, not of a Source',
      ],
      ['statements', { from: '1990-13' }, 'from "1990-13" is not a date'],
      ['statements', { from: '2015', to: '2014' }, 'to "2014" is before from "2015"'],
      [
        'events',
        { place: id('Person', 'person/david-babayan') },
        'place must be the id of a Place, not of a Person',
      ],
      ['organisations', { kinds: ['CITY'] }, 'kinds: "CITY" is not one of'],
      ['people', { kinds: ['STATE'] }, 'kinds: a Person has no kind'],
      ['people', { mentionedIn: 'bm90IGFuIGlk' }, 'is not a valid id'],
    ])('refuse a bad %s filter %o with BAD_USER_INPUT', async (field, filter, message) => {
      const type = {
        statements: 'StatementFilter',
        events: 'EventFilter',
        organisations: 'EntityFilter',
        people: 'EntityFilter',
      }[field];
      const result = await gql(`query ($filter: ${type}) { ${field}(filter: $filter) { totalCount } }`, {
        filter,
      });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(message);
    });
  });

  describe('objects and links', () => {
    it('resolve every field of a statement, a source and their links', async () => {
      const result =
        await data(`{ entity(key: "organisation/national-assembly-of-artsakh") { ... on Organisation {
        kind basedIn { key location { latitude longitude } partOf { name } } partOf { key }
        statements { edges { node { kind speaker { key } addressedTo { key } about { __typename key } } } }
      } } sources { totalCount edges { node { key publisher { key } published { iso } mentions { totalCount } statements { totalCount } } } } }`);
      const assembly = result.entity;
      expect(assembly.kind).toBe('LEGISLATURE');
      expect(assembly.basedIn).toEqual({
        key: 'place/stepanakert',
        location: { latitude: 39.8153, longitude: 46.7519 },
        partOf: { name: 'Nagorno-Karabakh' },
      });
      expect(assembly.partOf).toEqual({ key: 'organisation/artsakh-republic' });
      // Newest first, then in the order the article reports them: the address opens it.
      expect(assembly.statements.edges[0].node).toEqual({
        kind: 'OFFICIAL_ADDRESS',
        speaker: { key: 'organisation/national-assembly-of-artsakh' },
        addressedTo: [],
        about: [
          { __typename: 'Event', key: 'event/baku-pogroms-25th-anniversary-2015' },
          { __typename: 'Event', key: 'event/baku-pogrom-1990' },
        ],
      });
      const call = assembly.statements.edges.find((e: Any) => e.node.addressedTo.length > 0).node;
      expect(call.addressedTo).toEqual([
        { key: 'organisation/council-of-europe' },
        { key: 'organisation/osce' },
        { key: 'organisation/parliaments-of-the-minsk-group-co-chairs' },
        { key: 'organisation/united-nations' },
      ]);
      expect(result.sources.edges[0].node).toEqual({
        key: SOURCE_KEY,
        publisher: { key: 'organisation/asbarez' },
        published: { iso: '2015-01' },
        mentions: { totalCount: 38 },
        statements: { totalCount: 24 },
      });
    });

    it('answers participants filtered by role, and an entity’s mentions with evidence', async () => {
      const ring = await data(`{ entity(key: "event/operation-ring-1991") { ... on Event {
        perpetrators: participants(role: PERPETRATOR) { totalCount edges { node { role entity { key } } } }
        victims: participants(role: VICTIM) { totalCount }
      } } }`);
      expect(ring.entity.perpetrators).toEqual({
        totalCount: 1,
        edges: [{ node: { role: 'PERPETRATOR', entity: { key: 'organisation/azerbaijani-ruling-elite' } } }],
      });
      expect(ring.entity.victims.totalCount).toBe(0);
      const gyumri = await data(
        '{ entity(key: "place/gyumri") { mentions { edges { node { evidence { excerpt } } } } } }',
      );
      expect(gyumri.entity.mentions.edges[0].node.evidence.excerpt).toBe('Gyumri');
    });

    it('returns null for unknown keys and ids, and one entry per id from nodes', async () => {
      const result = await data('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename } }', {
        ids: [id('Person', 'person/david-babayan'), id('Person', 'person/nobody'), id('Source', SOURCE_KEY)],
      });
      expect(result.nodes).toEqual([{ __typename: 'Person' }, null, { __typename: 'Source' }]);
      const tooMany = await gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: Array(101).fill(id('Person', 'person/david-babayan')),
      });
      expect(tooMany.errors?.[0]).toMatchObject({
        message: 'nodes takes at most 100 ids',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it.each([
      [
        'name fragment',
        '{ people(filter: { nameContains: $s }) { totalCount } }',
        'x'.repeat(201),
        'nameContains is longer than 200 characters',
        'nameContains',
      ],
      [
        'search text',
        '{ search(text: $s) { totalCount } }',
        'x'.repeat(1001),
        'text is longer than 1000 characters',
        'text',
      ],
      [
        'paths limit',
        '{ paths(from: $s, to: $s, limit: 101) { length } }',
        null,
        'limit must be between 1 and 100',
        'limit',
      ],
      [
        'paths limit',
        '{ paths(from: $s, to: $s, limit: 0) { length } }',
        null,
        'limit must be between 1 and 100',
        'limit',
      ],
    ])(
      'refuses an out-of-range %s with BAD_USER_INPUT naming the argument',
      async (_what, body, value, message, argument) => {
        const s = value ?? id('Person', 'person/david-babayan');
        const type = value === null ? 'ID!' : 'String!';
        const analyst = graphqlClient(app, { token: await tokenFor('analyst') });
        const result = await analyst(`query ($s: ${type}) ${body}`, { s });
        expect(result.errors?.[0]).toMatchObject({
          message,
          extensions: { code: 'BAD_USER_INPUT', argument },
        });
      },
    );

    it('caps path length and neighbourhood depth with clear errors', async () => {
      const a = id('Person', 'person/david-babayan');
      const tooLong = await gql('query ($a: ID!) { path(from: $a, to: $a, maxLength: 9) { length } }', { a });
      expect(tooLong.errors?.[0]).toMatchObject({
        message: 'maxLength must be between 1 and 8',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const deep = await gql('query ($a: ID!) { neighbourhood(id: $a, depth: 4) { truncated } }', { a });
      expect(deep.errors?.[0]?.message).toBe('depth must be between 1 and 3');
      const cut = await data(
        'query ($a: ID!) { neighbourhood(id: $a, depth: 2, limit: 3) { truncated nodes { id } } }',
        { a },
      );
      expect(cut.neighbourhood).toMatchObject({ truncated: true });
      expect(cut.neighbourhood.nodes).toHaveLength(3);
      const none = await data(
        'query ($a: ID!, $b: ID!) { path(from: $a, to: $b, maxLength: 1) { length } }',
        {
          a,
          b: id('Place', 'place/gyumri'),
        },
      );
      expect(none.path).toBeNull();
    });
  });
});
