import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLocalBus } from '../src/live/bus.js';
import { statementMatches } from '../src/live/filter.js';
import { fromGlobalId, toGlobalId } from '../src/model/globalId.js';
import { checkedStatementFilter } from '../src/schema/resolvers/lists.js';
import {
  type Any,
  createTestApp,
  graphqlClient,
  SOURCE_KEY,
  tokenFor,
  useArticleGraph,
  useCountingDatabase,
} from './helpers.js';
import { readUntil, subscribe } from './subscriptions.js';

const { db } = useArticleGraph();
const counting = useCountingDatabase();

const BABAYAN = 'person/david-babayan';
const SAHAKIAN = 'person/bako-sahakian';
const OSCE = 'organisation/osce';
const BAKU_1990 = 'event/baku-pogrom-1990';
const id = (key: string) =>
  toGlobalId(key.startsWith('person') ? 'Person' : key.startsWith('event') ? 'Event' : 'Organisation', key);

const ADD = `mutation ($input: AddStatementInput!) { addStatement(input: $input) { id } }`;
const ADDED = `subscription ($filter: StatementFilter) {
  statementAdded(filter: $filter) { id kind text speaker { name } addressedTo { name } date { iso } }
}`;

// Each new statement cites its own characters of the article, so that it is new (not an update).
let next = 0;
const statement = (overrides: Any = {}) => {
  next++;
  return {
    kind: 'PARAPHRASE',
    text: `Live statement ${next}`,
    speaker: BABAYAN,
    evidence: [{ source: SOURCE_KEY, start: 100 + next * 7, end: 105 + next * 7 }],
    ...overrides,
  };
};

const live = () => {
  const bus = createLocalBus();
  const app = createTestApp(db, {}, bus);
  return { bus, app, gql: graphqlClient(app) };
};

describe('subscriptions over Server-Sent Events', () => {
  it('delivers a statement added through a mutation, with the fields the subscriber selected', async () => {
    const { app, gql } = live();
    const sub = await subscribe(app, ADDED);
    const input = statement({ addressedTo: [OSCE], date: '2015-01-20', kind: 'DIRECT_QUOTE' });
    const written = await gql<Any>(ADD, { input });
    expect(written.errors).toBeUndefined();
    const event = await sub.next();
    expect(event.errors).toBeUndefined();
    expect(event.data?.statementAdded).toEqual({
      id: written.data?.addStatement.id,
      kind: 'DIRECT_QUOTE',
      text: input.text,
      speaker: { name: 'David Babayan' },
      addressedTo: [{ name: 'Organization for Security and Co-operation in Europe' }],
      date: { iso: '2015-01-20' },
    });
    await sub.close();
  });

  it('reads an event once, however many subscribers receive it', async () => {
    const app = createTestApp(counting, {}, createLocalBus());
    const subscribers = await Promise.all(
      Array.from({ length: 20 }, () =>
        subscribe(app, 'subscription { statementAdded { text speaker { name } about { name } } }'),
      ),
    );
    await graphqlClient(app)(ADD, { input: statement({ text: 'heard by twenty', about: [OSCE] }) });
    counting.queryCount = 0;
    const events = await Promise.all(subscribers.map((sub) => sub.next()));
    expect(events.map((e) => e.data?.statementAdded.text)).toEqual(Array(20).fill('heard by twenty'));
    // The statement came with the event; its links (speaker, about) are one query for all twenty.
    expect(counting.queryCount).toBe(1);
    await Promise.all(subscribers.map((sub) => sub.close()));
  });

  it('keeps only the statements its filter matches, as the statements list would', async () => {
    const { app, gql } = live();
    const bySahakian = await subscribe(app, ADDED, { filter: { speaker: id(SAHAKIAN) } });
    const toOsceIn2015 = await subscribe(app, ADDED, {
      filter: { addressedTo: id(OSCE), kinds: ['DIRECT_QUOTE'], from: '2015', to: '2015' },
    });
    await gql(ADD, {
      input: statement({ text: 'not by Sahakian, undated', addressedTo: [OSCE], kind: 'DIRECT_QUOTE' }),
    });
    await gql(ADD, {
      input: statement({
        text: 'to the OSCE in 2014',
        addressedTo: [OSCE],
        kind: 'DIRECT_QUOTE',
        date: '2014-12',
      }),
    });
    await gql(ADD, {
      input: statement({ text: 'a paraphrase to the OSCE', addressedTo: [OSCE], date: '2015-03' }),
    });
    await gql(ADD, { input: statement({ text: 'by Sahakian', speaker: SAHAKIAN }) });
    await gql(ADD, {
      input: statement({ text: 'to the OSCE', addressedTo: [OSCE], kind: 'DIRECT_QUOTE', date: '2015-03' }),
    });
    expect((await bySahakian.next()).data?.statementAdded.text).toBe('by Sahakian');
    expect((await toOsceIn2015.next()).data?.statementAdded.text).toBe('to the OSCE');
    await Promise.all([bySahakian.close(), toOsceIn2015.close()]);
  });

  it('announces nothing for a write that failed', async () => {
    const { app, gql } = live();
    const sub = await subscribe(app, ADDED);
    const failed = await gql(ADD, { input: statement({ text: 'never written', about: ['person/nobody'] }) });
    expect(failed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await gql(ADD, { input: statement({ text: 'written' }) });
    expect((await sub.next()).data?.statementAdded.text).toBe('written');
    await sub.close();
  });

  it('announces nothing when a statement is added again (an update, not a new statement)', async () => {
    const { app, gql } = live();
    const input = statement({ text: 'said once' });
    await gql(ADD, { input });
    const sub = await subscribe(app, ADDED);
    await gql(ADD, { input });
    await gql(ADD, { input: statement({ text: 'said twice' }) });
    expect((await sub.next()).data?.statementAdded.text).toBe('said twice');
    await sub.close();
  });

  it('reports changes to one entity: what an upsert changed, links made and removed, deletion', async () => {
    const { app, gql } = live();
    const key = 'person/live-test-person';
    await gql('mutation { upsertPerson(input: { key: "person/live-test-person", name: "Ani" }) { key } }');
    const sub = await subscribe(
      app,
      `subscription ($id: ID!) { entityChanged(id: $id) { change fields relationship
        entity { name ... on Person { aliases } } other { id ... on Organisation { name } ... on Statement { text } } } }`,
      { id: id(key) },
    );
    await gql('mutation { upsertPerson(input: { key: "person/live-test-person", name: "Ani" }) { key } }');
    await gql(
      'mutation { upsertPerson(input: { key: "person/live-test-person", name: "Ani K.", aliases: ["AK"] }) { key } }',
    );
    expect((await sub.next()).data?.entityChanged).toEqual({
      change: 'UPDATED',
      fields: ['name', 'aliases'],
      relationship: null,
      entity: { name: 'Ani K.', aliases: ['AK'] },
      other: null,
    });
    const link = { from: key, to: OSCE, type: 'AFFILIATED_WITH', role: 'envoy' };
    await gql('mutation ($input: LinkInput!) { link(input: $input) { type } }', { input: link });
    expect((await sub.next()).data?.entityChanged).toMatchObject({
      change: 'LINKED',
      relationship: 'AFFILIATED_WITH',
      other: { name: 'Organization for Security and Co-operation in Europe' },
    });
    const said = await gql<Any>(ADD, { input: statement({ text: 'said by Ani', speaker: key }) });
    expect((await sub.next()).data?.entityChanged).toMatchObject({
      change: 'LINKED',
      relationship: 'SAID_BY',
      other: { text: 'said by Ani' },
    });
    await gql('mutation ($input: LinkInput!) { unlink(input: $input) }', { input: link });
    expect((await sub.next()).data?.entityChanged).toMatchObject({
      change: 'UNLINKED',
      relationship: 'AFFILIATED_WITH',
    });
    const DELETE = 'mutation ($id: ID!) { deleteNode(id: $id) }';
    await gql(DELETE, { id: said.data?.addStatement.id });
    expect((await sub.next()).data?.entityChanged).toEqual({
      change: 'UNLINKED',
      fields: [],
      relationship: 'SAID_BY',
      entity: { name: 'Ani K.', aliases: ['AK'] },
      other: null,
    });
    await gql(DELETE, { id: id(key) });
    expect((await sub.next()).data?.entityChanged).toEqual({
      change: 'DELETED',
      fields: [],
      relationship: null,
      entity: null,
      other: null,
    });
    // A subscription outlives its entity: made again, it is CREATED.
    await gql('mutation { upsertPerson(input: { key: "person/live-test-person", name: "Ani" }) { key } }');
    expect((await sub.next()).data?.entityChanged).toEqual({
      change: 'CREATED',
      fields: [],
      relationship: null,
      entity: { name: 'Ani', aliases: [] },
      other: null,
    });
    await sub.close();
  });

  it('tells the entity at the other end too: a place gaining a part through an upsert, a neighbour losing a deleted entity', async () => {
    const { app, gql } = live();
    const parent = 'place/azerbaijan';
    const sub = await subscribe(
      app,
      'subscription ($id: ID!) { entityChanged(id: $id) { change relationship other { id } } }',
      { id: toGlobalId('Place', parent) },
    );
    await gql(
      'mutation { upsertPlace(input: { key: "place/live-test-village", name: "Village", kind: CITY, partOf: "place/azerbaijan" }) { key } }',
    );
    const child = toGlobalId('Place', 'place/live-test-village');
    expect((await sub.next()).data?.entityChanged).toEqual({
      change: 'LINKED',
      relationship: 'PART_OF',
      other: { id: child },
    });
    await gql('mutation ($id: ID!) { deleteNode(id: $id) }', { id: child });
    expect((await sub.next()).data?.entityChanged).toEqual({
      change: 'UNLINKED',
      relationship: 'PART_OF',
      other: null,
    });
    await sub.close();
  });

  it('frees the place of a client that left while its subscription was being set up', async () => {
    const app = createTestApp(db, { SUBSCRIPTIONS_PER_CLIENT: '1' }, createLocalBus());
    const token = await tokenFor('reader');
    const leaving = new AbortController();
    const request = Promise.resolve(
      app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: {
          accept: 'text/event-stream',
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: `subscription { entityChanged(id: "${id(BABAYAN)}") { change } }` }),
        signal: leaving.signal,
      }),
    ).catch(() => null);
    leaving.abort();
    await request;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await subscribe(app, ADDED, {}, token);
    const refusal = await next.next(300).catch(() => null);
    expect(refusal?.errors?.[0]?.extensions?.code).toBeUndefined();
    await next.close();
  });

  it('reports an event gaining a participant, and refuses an id that is not an event', async () => {
    const { app, gql } = live();
    const sub = await subscribe(
      app,
      `subscription ($id: ID!) { eventUpdated(id: $id) { change relationship event { name } other { id } } }`,
      {
        id: id(BAKU_1990),
      },
    );
    const participation = { from: SAHAKIAN, to: BAKU_1990, type: 'PARTICIPATED_IN', role: 'WITNESS' };
    const linked = await gql('mutation ($input: LinkInput!) { link(input: $input) { type } }', {
      input: participation,
    });
    expect(linked.errors).toBeUndefined();
    expect((await sub.next()).data?.eventUpdated).toEqual({
      change: 'LINKED',
      relationship: 'PARTICIPATED_IN',
      event: { name: expect.any(String) },
      other: { id: id(SAHAKIAN) },
    });
    await sub.close();
    const wrong = await subscribe(app, `subscription ($id: ID!) { eventUpdated(id: $id) { change } }`, {
      id: id(OSCE),
    });
    expect((await wrong.next()).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await subscribe(app, `subscription ($id: ID!) { entityChanged(id: $id) { change } }`, {
      id: id('person/nobody'),
    });
    expect((await missing.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('checks roles when subscribing: anonymous clients are refused when anonymous reads are off', async () => {
    const app = createTestApp(db, { AUTH_ANONYMOUS_READS: 'false' });
    const anonymous = await subscribe(app, ADDED);
    expect((await anonymous.next()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await subscribe(app, ADDED, {}, await tokenFor('reader'));
    expect(reader.done).toBe(false);
    await reader.close();
  });

  it('counts a subscription against the node limit like a query', async () => {
    const { app } = live();
    const sub = await subscribe(
      app,
      `subscription { statementAdded { about { name ... on Person { statements(first: 100) { edges { node {
        about { name ... on Person { statements(first: 100) { edges { node { text } } } } } } } } } } } }`,
    );
    const refused = await sub.next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('caps the subscriptions one client holds open (SUBSCRIPTIONS_PER_CLIENT), freeing a place when one ends', async () => {
    const app = createTestApp(db, { SUBSCRIPTIONS_PER_CLIENT: '2' }, createLocalBus());
    const token = await tokenFor('reader');
    const first = await subscribe(app, ADDED, {}, token);
    const second = await subscribe(app, ADDED, {}, token);
    const third = await subscribe(app, ADDED, {}, token);
    expect((await third.next()).errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    const other = await subscribe(app, ADDED, {}, await tokenFor('analyst'));
    expect(other.done).toBe(false);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await subscribe(app, ADDED, {}, token);
    expect(again.done).toBe(false);
    await Promise.all([second.close(), other.close(), again.close()]);
  });

  it('caps anonymous clients by their address', async () => {
    const app = createTestApp(db, { SUBSCRIPTIONS_PER_CLIENT: '1' }, createLocalBus());
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const open = (signal: AbortSignal) =>
      fetch(url, {
        method: 'POST',
        headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'subscription { statementAdded { text } }' }),
        signal,
      });
    const first = new AbortController();
    await open(first.signal);
    const second = await open(new AbortController().signal);
    const text = await readUntil(second.body as ReadableStream<Uint8Array>, (t) =>
      t.includes('TOO_MANY_REQUESTS'),
    );
    expect(text).toContain('TOO_MANY_REQUESTS');
    first.abort();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('tells anonymous clients apart by X-Forwarded-For only when TRUST_PROXY says a proxy sets it', async () => {
    for (const [trust, apart] of [
      ['true', true],
      ['false', false],
    ] as const) {
      const app = createTestApp(db, { SUBSCRIPTIONS_PER_CLIENT: '1', TRUST_PROXY: trust }, createLocalBus());
      const from = (address: string) =>
        app.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: {
            accept: 'text/event-stream',
            'content-type': 'application/json',
            'x-forwarded-for': address,
          },
          body: JSON.stringify({ query: 'subscription { statementAdded { text } }' }),
        });
      // A proxy appends the address it saw: whatever came before is the client's own to choose.
      const first = await from('198.51.100.7, 203.0.113.1');
      const second = await from('198.51.100.7, 203.0.113.2');
      // A refused stream ends by itself; an accepted one sends its opening ping.
      const text = await readUntil(second.body as ReadableStream<Uint8Array>, (t) =>
        t.includes(apart ? ':' : 'event: complete'),
      );
      expect(text.includes('TOO_MANY_REQUESTS')).toBe(!apart);
      // Read before cancelling: yoga starts a stream's iterator on its first read.
      await readUntil(first.body as ReadableStream<Uint8Array>, (t) => t.length > 0);
    }
  });

  it('sends keep-alive comments while nothing happens', async () => {
    const { app } = live();
    const sub = await subscribe(app, ADDED);
    // yoga pings every 12 s, every 300 ms under NODE_ENV=test.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sub.pings).toBeGreaterThanOrEqual(2);
    await sub.close();
  });

  it('completes every open subscription when the server shuts its live bus', async () => {
    const { app, bus } = live();
    const sub = await subscribe(app, ADDED);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bus.open).toBe(1);
    await bus.close();
    await expect(sub.next(2_000)).rejects.toThrow('ended');
    expect(sub.done).toBe(true);
  });
});

describe("statementAdded's filter", () => {
  it('matches exactly the statements the statements list returns for the same filter', async () => {
    const gql = graphqlClient(createTestApp(db));
    const all = await gql<Any>(`{ statements(first: 100) { edges { node { id kind text
      speaker { id } onBehalfOf { id } addressedTo { id } about { id } date { earliest latest } } } } }`);
    const statements = ((all.data as Any).statements.edges as Any[]).map((e) => e.node);
    const key = (globalId: string) => fromGlobalId(globalId).key;
    const ids = (entities: Any[]) => entities.map((e) => key(e.id));
    const events = statements.map((s) => ({
      id: s.id as string,
      added: {
        key: key(s.id),
        kind: s.kind,
        speaker: key(s.speaker.id),
        onBehalfOf: ids(s.onBehalfOf),
        addressedTo: ids(s.addressedTo),
        about: ids(s.about),
        dateEarliest: s.date?.earliest ?? null,
        dateLatest: s.date?.latest ?? null,
      },
    }));
    // Every value each condition takes in the article graph, one condition at a time, then some together.
    const firstOf = (pick: (s: Any) => Any[]) => [
      ...new Set(statements.flatMap((s) => pick(s).map((e) => e.id))),
    ];
    const filters: Any[] = [
      {},
      ...firstOf((s) => [s.speaker]).map((speaker) => ({ speaker })),
      ...firstOf((s) => s.onBehalfOf).map((onBehalfOf) => ({ onBehalfOf })),
      ...firstOf((s) => s.addressedTo).map((addressedTo) => ({ addressedTo })),
      ...firstOf((s) => s.about).map((about) => ({ about })),
      { kinds: ['DIRECT_QUOTE'] },
      { kinds: ['PARAPHRASE', 'OFFICIAL_ADDRESS'] },
      { from: '2015' },
      { to: '1990' },
      { from: '1988', to: '1991-06' },
      { kinds: ['DIRECT_QUOTE'], from: '2015-01', speaker: statements[0]?.speaker.id },
    ];
    for (const filter of filters) {
      const listed = await gql<Any>(
        'query ($filter: StatementFilter) { statements(filter: $filter, first: 100) { edges { node { id } } } }',
        {
          filter,
        },
      );
      const expected = ((listed.data as Any).statements.edges as Any[]).map((e) => e.node.id).sort();
      const checked = checkedStatementFilter({
        ...filter,
        ...Object.fromEntries(
          ['speaker', 'onBehalfOf', 'addressedTo', 'about']
            .filter((name) => filter[name])
            .map((name) => [name, { typename: fromGlobalId(filter[name]).type, id: key(filter[name]) }]),
        ),
      });
      const matched = events
        .filter((e) => statementMatches(checked, e.added))
        .map((e) => e.id)
        .sort();
      expect({ filter, matched }).toEqual({ filter, matched: expected });
    }
  });
});

describe('the other ways to subscribe', () => {
  it('does not serve the single-connection mode, whose reservations could not be bounded', async () => {
    const { app } = live();
    expect((await app.fetch('http://localhost/graphql/stream', { method: 'PUT' })).status).toBe(404);
  });

  it('serves a GET with the query in the URL, as a browser EventSource sends it', async () => {
    const { app, gql } = live();
    const query = encodeURIComponent('subscription { statementAdded { text } }');
    const response = await app.fetch(`http://localhost/graphql?query=${query}`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    setTimeout(() => void gql(ADD, { input: statement({ text: 'seen by an EventSource' }) }), 200);
    const text = await readUntil(response.body as ReadableStream<Uint8Array>, (t) =>
      t.includes('EventSource'),
    );
    expect(text).toContain(
      'event: next\ndata: {"data":{"statementAdded":{"text":"seen by an EventSource"}}}',
    );
  });
});
