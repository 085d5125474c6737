import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import { type Any, ARTICLE, SOURCE_KEY, useArticleGraph } from './helpers.js';

const { gql, snapshot, count } = useArticleGraph();

const M = {
  organisation:
    'mutation ($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) { key basedIn { key } partOf { key } } }',
  place:
    'mutation ($input: UpsertPlaceInput!) { upsertPlace(input: $input) { key location { latitude longitude } partOf { key } } }',
  event:
    'mutation ($input: UpsertEventInput!) { upsertEvent(input: $input) { key start { iso } end { iso } places { key } } }',
  source: 'mutation ($input: AddSourceInput!) { addSource(input: $input) { key title } }',
  statement:
    'mutation ($input: AddStatementInput!) { addStatement(input: $input) { id evidence { start end excerpt } } }',
  link: 'mutation ($input: LinkInput!) { link(input: $input) { type from to properties } }',
  unlink: 'mutation ($input: LinkInput!) { unlink(input: $input) }',
  delete: 'mutation ($id: ID!) { deleteNode(id: $id) }',
};

const statement = (overrides: Any = {}) => ({
  kind: 'PARAPHRASE',
  text: 'Baku’s attempts would fail.',
  speaker: 'person/david-babayan',
  evidence: [{ source: SOURCE_KEY, quote: 'but added that Baku’s attempts would fail' }],
  ...overrides,
});

/** Runs a mutation that must fail: checks the code and message, and that the graph did not change. */
async function refuses(query: string, variables: Any, code: string, message: string | RegExp) {
  const before = await snapshot();
  const result = await gql(query, variables);
  expect(result.data).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toBe(code);
  expect(result.errors?.[0]?.message).toMatch(message);
  expect(await snapshot()).toBe(before);
}

/** Runs a mutation twice: the same answer, and the second run changes nothing in the graph. */
async function idempotent(query: string, variables: Any) {
  const first = await gql(query, variables);
  expect(first.errors).toBeUndefined();
  const after = await snapshot();
  const second = await gql(query, variables);
  // The same answer; the bookmark of the second commit may differ, and says nothing of the graph.
  expect({ ...second, extensions: undefined }).toEqual({ ...first, extensions: undefined });
  expect(await snapshot()).toBe(after);
  return first.data as Any;
}

describe('mutations', () => {
  describe('are idempotent', () => {
    it('upsertOrganisation, upsertPlace and upsertEvent with their links', async () => {
      const org = await idempotent(M.organisation, {
        input: {
          key: 'organisation/minsk-group',
          name: 'OSCE Minsk Group',
          kind: 'INTERNATIONAL_ORGANISATION',
          partOf: 'organisation/osce',
        },
      });
      expect(org.upsertOrganisation.partOf).toEqual({ key: 'organisation/osce' });
      const place = await idempotent(M.place, {
        input: {
          key: 'place/shushi',
          name: 'Shushi',
          kind: 'CITY',
          partOf: 'place/nagorno-karabakh',
          location: { latitude: 39.76, longitude: 46.75 },
        },
      });
      expect(place.upsertPlace.location).toEqual({ latitude: 39.76, longitude: 46.75 });
      const event = await idempotent(M.event, {
        input: {
          key: 'event/attacks-2015-01-20',
          name: 'Attacks of the night of 20 January 2015',
          kind: 'ATTACK',
          start: '2015-01-20',
          places: ['place/nagorno-karabakh', 'place/nagorno-karabakh'],
          participants: [{ entity: 'organisation/azerbaijan', role: 'PERPETRATOR' }],
        },
      });
      expect(event.upsertEvent).toEqual({
        key: 'event/attacks-2015-01-20',
        start: { iso: '2015-01-20' },
        end: null,
        places: [{ key: 'place/nagorno-karabakh' }],
      });
    });

    it('upsertEvent moves the event in the oldest-first list when its start changes', async () => {
      const oldest = '{ events(first: 1) { edges { node { key start { iso } } } } }';
      const key = 'event/pogroms-anniversary';
      await gql(M.event, { input: { key, name: 'Anniversary', kind: 'OTHER', start: '1900' } });
      expect((await gql<Any>(oldest)).data?.events.edges[0].node).toEqual({ key, start: { iso: '1900' } });
      await gql(M.event, { input: { key, name: 'Anniversary', kind: 'OTHER', start: '2015-02' } });
      expect((await gql<Any>(oldest)).data?.events.edges[0].node.key).not.toBe(key);
      await gql(M.delete, { id: toGlobalId('Event', key) });
    });

    it('addSource, addStatement (by quote and by offsets alike) and link', async () => {
      await idempotent(M.source, { input: { key: 'source/note', title: 'Note', text: 'A short note.' } });
      const byQuote = await idempotent(M.statement, { input: statement() });
      const { start, end } = byQuote.addStatement.evidence[0];
      expect(ARTICLE.slice(start, end)).toBe('but added that Baku’s attempts would fail');
      const byOffsets = await idempotent(M.statement, {
        input: statement({ evidence: [{ source: SOURCE_KEY, start, end }] }),
      });
      expect(byOffsets.addStatement.id).toBe(byQuote.addStatement.id);
      const linked = await idempotent(M.link, {
        input: {
          from: 'person/bako-sahakian',
          to: 'event/operation-ring-1991',
          type: 'PARTICIPATED_IN',
          role: 'WITNESS',
        },
      });
      expect(linked.link).toMatchObject({ type: 'PARTICIPATED_IN', properties: { role: 'WITNESS' } });
    });
  });

  describe('refuse bad input and leave the graph as it was', () => {
    it.each([
      [
        M.organisation,
        { key: 'organisation/x', name: 'X', kind: 'OTHER', basedIn: 'place/atlantis' },
        'NOT_FOUND',
        'basedIn: no node has key "place/atlantis"',
      ],
      [
        M.organisation,
        { key: 'organisation/x', name: 'X', kind: 'OTHER', basedIn: 'person/david-babayan' },
        'BAD_USER_INPUT',
        'is not a Place',
      ],
      [
        M.place,
        { key: 'place/x', name: 'X', kind: 'CITY', location: { latitude: 91, longitude: 0 } },
        'BAD_USER_INPUT',
        'latitude must be between -90 and 90',
      ],
      [
        M.place,
        { key: 'place/x', name: 'X', kind: 'CITY', location: { latitude: 0, longitude: -181 } },
        'BAD_USER_INPUT',
        'longitude must be between',
      ],
      [
        M.place,
        {
          key: 'place/nagorno-karabakh',
          name: 'Nagorno-Karabakh',
          kind: 'REGION',
          partOf: 'place/stepanakert',
        },
        'BAD_USER_INPUT',
        'would make a cycle',
      ],
      [
        M.event,
        { key: 'event/x', name: 'X', kind: 'OTHER', start: '1990-13' },
        'BAD_USER_INPUT',
        'start "1990-13" is not a date',
      ],
      [
        M.event,
        { key: 'event/x', name: 'X', kind: 'OTHER', start: '2015-02-30' },
        'BAD_USER_INPUT',
        'is not a date',
      ],
      [
        M.event,
        { key: 'event/x', name: 'X', kind: 'OTHER', start: '1991-08', end: '1991-04' },
        'BAD_USER_INPUT',
        'end "1991-04" is before start "1991-08"',
      ],
      [
        M.event,
        {
          key: 'event/x',
          name: 'X',
          kind: 'OTHER',
          participants: [{ entity: 'person/nobody', role: 'VICTIM' }],
        },
        'NOT_FOUND',
        'person/nobody',
      ],
      [
        M.source,
        { key: SOURCE_KEY, title: 'Changed', text: 'Another text' },
        'CONFLICT',
        'exists with a different text',
      ],
      [
        M.source,
        { key: 'source/x', title: 'X', text: 'x', url: 'javascript:alert(1)' },
        'BAD_USER_INPUT',
        'is not an http(s) URL',
      ],
      [M.source, { key: 'source/x', title: 'X', text: '   ' }, 'BAD_USER_INPUT', 'text must not be empty'],
      [
        M.source,
        { key: 'Source/X', title: 'X', text: 'x' },
        'BAD_USER_INPUT',
        'must look like "source/<slug>"',
      ],
    ])('%#: %s', async (query, input, code, message) => {
      await refuses(query, { input }, code, message);
    });

    it.each([
      [{ speaker: 'person/nobody' }, 'NOT_FOUND', 'speaker: no node has key "person/nobody"'],
      [{ about: ['event/nothing'] }, 'NOT_FOUND', 'about: no node has key "event/nothing"'],
      [{ speaker: 'place/baku' }, 'BAD_USER_INPUT', 'speaker: "place/baku" is not a Person or Organisation'],
      [{ evidence: [{ source: 'source/missing', start: 0, end: 1 }] }, 'NOT_FOUND', 'source/missing'],
      [
        { evidence: [{ source: SOURCE_KEY, start: 10, end: ARTICLE.length + 1 }] },
        'BAD_USER_INPUT',
        'are not a range inside',
      ],
      [
        { evidence: [{ source: SOURCE_KEY, start: 10, end: 10 }] },
        'BAD_USER_INPUT',
        'are not a range inside',
      ],
      [{ evidence: [{ source: SOURCE_KEY, quote: 'Baku' }] }, 'BAD_USER_INPUT', 'quote occurs 10 times'],
      [
        { evidence: [{ source: SOURCE_KEY, quote: 'not in the article' }] },
        'BAD_USER_INPUT',
        'quote occurs 0 times',
      ],
      [
        { evidence: [{ source: SOURCE_KEY, quote: 'Babayan did not rule out', start: 0 }] },
        'BAD_USER_INPUT',
        'do not match where the quote occurs',
      ],
      [{ evidence: [{ source: SOURCE_KEY }] }, 'BAD_USER_INPUT', 'needs start and end, or a quote'],
      [{ evidence: [] }, 'BAD_USER_INPUT', 'evidence must name at least one place'],
      [{ date: '2015-1' }, 'BAD_USER_INPUT', 'date "2015-1" is not a date'],
      [{ reports: toGlobalId('Statement', 'statement/none') }, 'NOT_FOUND', 'reports'],
      [
        { reports: toGlobalId('Person', 'person/david-babayan') },
        'BAD_USER_INPUT',
        'reports must be the id of a Statement',
      ],
      [{ text: 'x'.repeat(20_001) }, 'BAD_USER_INPUT', 'text is longer than 20000 characters'],
    ])('addStatement with %o', async (overrides, code, message) => {
      await refuses(M.statement, { input: statement(overrides) }, code, message);
    });

    it.each([
      [
        { from: 'place/baku', to: 'person/david-babayan', type: 'AFFILIATED_WITH' },
        'AFFILIATED_WITH cannot join Place to Person',
      ],
      [
        { from: 'person/david-babayan', to: 'event/baku-pogrom-1990', type: 'PARTICIPATED_IN' },
        'needs a role',
      ],
      [{ from: 'place/baku', to: 'organisation/osce', type: 'PART_OF' }, 'of the same type'],
      [{ from: 'place/baku', to: 'place/baku', type: 'PART_OF' }, 'cannot join a node to itself'],
      [
        { from: 'organisation/osce', to: 'place/baku', type: 'BASED_IN', role: 'seat' },
        'BASED_IN takes no role',
      ],
      [{ from: SOURCE_KEY, to: 'place/baku', type: 'MENTIONS' }, 'MENTIONS needs evidence'],
    ])('link %o', async (input, message) => {
      await refuses(M.link, { input }, 'BAD_USER_INPUT', message);
    });
  });

  describe('deleteNode', () => {
    it('refuses an entity that statements refer to, naming how many', async () => {
      await refuses(
        M.delete,
        { id: toGlobalId('Organisation', 'organisation/osce') },
        'CONFLICT',
        'organisation/osce is referred to by 3 statement(s)',
      );
    });

    it('deletes a source with the statements that only it reports', async () => {
      await gql(M.source, {
        input: { key: 'source/blog', title: 'Blog', text: 'Babayan said fascist states are aggressive.' },
      });
      const only = await gql<Any>(M.statement, {
        input: statement({ evidence: [{ source: 'source/blog', quote: 'fascist states are aggressive' }] }),
      });
      const shared = await gql<Any>(M.statement, {
        input: statement({
          evidence: [
            { source: SOURCE_KEY, quote: 'Instability leads to aggression' },
            { source: 'source/blog', quote: 'Babayan said' },
          ],
        }),
      });
      expect(await gql(M.delete, { id: toGlobalId('Source', 'source/blog') })).toMatchObject({
        data: { deleteNode: true },
      });
      const left = await gql<Any>(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Statement { evidence { source { key } } } } }',
        {
          ids: [only.data?.addStatement.id, shared.data?.addStatement.id],
        },
      );
      expect(left.data?.nodes).toEqual([null, { evidence: [{ source: { key: SOURCE_KEY } }] }]);
    });

    it('deletes an unreferenced entity, and says NOT_FOUND for one that is gone', async () => {
      const id = toGlobalId('Place', 'place/gyumri');
      expect((await gql(M.delete, { id })).data).toEqual({ deleteNode: true });
      expect(await count("MATCH (n {key: 'place/gyumri'}) RETURN count(n)")).toBe(0);
      await refuses(M.delete, { id }, 'NOT_FOUND', 'no Place has key "place/gyumri"');
    });
  });

  it('unlink removes a link once, then reports there was none', async () => {
    const input = { from: 'organisation/asbarez', to: 'place/stepanakert', type: 'BASED_IN' };
    await gql(M.link, { input });
    expect((await gql(M.unlink, { input })).data).toEqual({ unlink: true });
    expect((await gql(M.unlink, { input })).data).toEqual({ unlink: false });
  });
});
