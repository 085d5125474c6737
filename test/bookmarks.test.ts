import { afterAll, describe, expect, inject, it } from 'vitest';
import type { TxRun } from '../src/db/database.js';
import { createDriver, Database } from '../src/testing.js';
import { type Any, createTestApp, tokenFor, useArticleGraph } from './helpers.js';

const { db, app: appA, count } = useArticleGraph();

type App = ReturnType<typeof createTestApp>;

/** A second instance of the API: its own driver and Database on the same Neo4j, sharing nothing. */
function secondInstance(uri = inject('neo4j').uri) {
  const neo4j = inject('neo4j');
  const other = new Database(createDriver({ ...neo4j, uri }), neo4j.database);
  afterAll(() => other.driver.close());
  return other;
}

interface Answer {
  status: number;
  /** The x-neo4j-bookmarks response header. */
  header: string | null;
  data?: Any | null;
  errors?: { message: string; extensions?: Any }[];
  extensions?: Any;
}

/** Posts one operation with extra headers; the answer's status, bookmarks header and body. */
async function post(
  app: App,
  query: string,
  variables: Any = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<Answer, 'status' | 'header'>;
  return { status: response.status, header: response.headers.get('x-neo4j-bookmarks'), ...body };
}
const asEditor = async () => ({ authorization: `Bearer ${await tokenFor('editor')}` });
const asReader = async () => ({ authorization: `Bearer ${await tokenFor('reader')}` });

const UPSERT = 'mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key name } }';
const PERSON = 'query ($key: String!) { entity(key: $key) { name } }';
/** A Neo4j 5 bookmark: "FB:" and base64. */
const BOOKMARK = /^FB:[A-Za-z0-9+/]+=*$/;

/** The one bookmark an answer's header must carry. */
function bookmarkOf(answer: Answer): string {
  expect(answer.header).toMatch(BOOKMARK);
  return answer.header as string;
}

const instanceB = secondInstance();
const appB = createTestApp(instanceB);

describe('read your writes across instances (Neo4j bookmarks)', () => {
  it('a mutation answers with the bookmark of its transaction (header and extensions)', async () => {
    const written = await post(
      appA,
      UPSERT,
      { input: { key: 'person/bookmark-one', name: 'Bookmark One' } },
      await asEditor(),
    );
    expect(written.errors).toBeUndefined();
    expect(written.data?.upsertPerson).toEqual({ key: 'person/bookmark-one', name: 'Bookmark One' });
    expect(written.extensions).toEqual({ bookmarks: [bookmarkOf(written)] });
  });

  it('a read on a second instance given the bookmark sees the write', async () => {
    const key = 'person/bookmark-two';
    const written = await post(appA, UPSERT, { input: { key, name: 'Bookmark Two' } }, await asEditor());
    const withBookmark = await post(
      appB,
      PERSON,
      { key },
      { 'x-neo4j-bookmarks': bookmarkOf(written), ...(await asReader()) },
    );
    expect(withBookmark.errors).toBeUndefined();
    expect(withBookmark.data?.entity).toEqual({ name: 'Bookmark Two' });
    // A read wrote nothing: it carries no bookmark back.
    expect(withBookmark.header).toBeNull();
    expect(withBookmark.extensions).toBeUndefined();
  });

  it('refuses bookmarks from a client without credentials (a forged one would hold its reads 30 s)', async () => {
    const written = await post(
      appA,
      UPSERT,
      { input: { key: 'person/bookmark-three', name: 'Three' } },
      await asEditor(),
    );
    const anonymous = await post(
      appB,
      PERSON,
      { key: 'person/bookmark-three' },
      { 'x-neo4j-bookmarks': bookmarkOf(written) },
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toBe('x-neo4j-bookmarks needs credentials');
  });

  it('a read without bookmarks carries none', async () => {
    const read = await post(appA, PERSON, { key: 'person/david-babayan' }, await asEditor());
    expect(read.data?.entity).toEqual({ name: 'David Babayan' });
    expect(read.header).toBeNull();
    expect(read.extensions).toBeUndefined();
  });

  it('a mutation that wrote nothing (its transaction rolled back) carries no bookmark', async () => {
    const refused = await post(
      appA,
      'mutation ($input: LinkInput!) { link(input: $input) { type } }',
      { input: { type: 'AFFILIATED_WITH', from: 'person/david-babayan', to: 'organisation/nowhere' } },
      await asEditor(),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused.header).toBeNull();
    expect(refused.extensions).toBeUndefined();
  });

  it('two writes in one operation answer with one bookmark, the later one, covering both', async () => {
    const both = await post(
      appA,
      `mutation {
        a: upsertPerson(input: { key: "person/bookmark-a", name: "A" }) { key }
        b: upsertPerson(input: { key: "person/bookmark-b", name: "B" }) { key }
      }`,
      {},
      await asEditor(),
    );
    expect(both.errors).toBeUndefined();
    expect(both.extensions?.bookmarks).toEqual([bookmarkOf(both)]);
    const read = await post(
      appB,
      '{ a: entity(key: "person/bookmark-a") { name } b: entity(key: "person/bookmark-b") { name } }',
      {},
      { 'x-neo4j-bookmarks': bookmarkOf(both), ...(await asReader()) },
    );
    expect(read.data).toEqual({ a: { name: 'A' }, b: { name: 'B' } });
  });

  it('a request may send several bookmarks, comma-separated (empty elements are ignored)', async () => {
    const editor = await asEditor();
    const first = await post(appA, UPSERT, { input: { key: 'person/bookmark-f', name: 'F' } }, editor);
    const second = await post(appA, UPSERT, { input: { key: 'person/bookmark-g', name: 'G' } }, editor);
    const read = await post(
      appB,
      '{ f: entity(key: "person/bookmark-f") { name } g: entity(key: "person/bookmark-g") { name } }',
      {},
      { 'x-neo4j-bookmarks': `${bookmarkOf(first)}, ${bookmarkOf(second)},`, ...editor },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ f: { name: 'F' }, g: { name: 'G' } });
  });

  it('concurrent writes of one request keep both bookmarks; a later write replaces them with its own', async () => {
    const window = db.forRequest();
    const upsert = (key: string) => (run: TxRun) =>
      run('person', 'MERGE (p:Entity:Person {key: $key}) SET p.name = $key', { key });
    await Promise.all([
      window.write('a', upsert('person/bookmark-c')),
      window.write('b', upsert('person/bookmark-d')),
    ]);
    expect(window.bookmarks).toHaveLength(2);
    await window.write('c', upsert('person/bookmark-e'));
    expect(window.bookmarks).toHaveLength(1);
    expect(window.bookmarks[0]).toMatch(BOOKMARK);
    expect(db.forRequest().bookmarks).toEqual([]);
  });

  it('a malformed x-neo4j-bookmarks header is BAD_USER_INPUT 400', async () => {
    const malformed = [
      'not a bookmark!',
      'FB:abc;DROP',
      `FB:${'A'.repeat(300)}`,
      Array.from({ length: 17 }, () => 'FB:kcwQ3zCqs63QR/aTm1lckAZDh8kEGpA=').join(','),
    ];
    for (const header of malformed) {
      const refused = await post(
        appA,
        PERSON,
        { key: 'person/david-babayan' },
        { 'x-neo4j-bookmarks': header, ...(await asReader()) },
      );
      expect(refused.status).toBe(400);
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/^x-neo4j-bookmarks: /);
    }
  });

  it('a bookmark Neo4j rejects is BAD_USER_INPUT, not an internal error, for reads, analyst Cypher and writes', async () => {
    // Shaped like a bookmark, but not one Neo4j can read: it reached Neo4j with the read.
    const rejected = { 'x-neo4j-bookmarks': 'FB:kcwQ' };
    const read = await post(
      appA,
      PERSON,
      { key: 'person/david-babayan' },
      { ...rejected, ...(await asReader()) },
    );
    expect(read.data).toEqual({ entity: null });
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(read.errors?.[0]?.message).toBe('x-neo4j-bookmarks: Neo4j does not recognise a bookmark');

    const analyst = { authorization: `Bearer ${await tokenFor('analyst')}` };
    const CYPHER = '{ cypher(query: "RETURN 1 AS one") { rows } }';
    // Once without: what the check of an analyst's query learns of the server is then known already.
    expect((await post(appA, CYPHER, {}, analyst)).errors).toBeUndefined();
    const cypher = await post(appA, CYPHER, {}, { ...rejected, ...analyst });
    expect(cypher.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cypher.errors?.[0]?.message).toBe('x-neo4j-bookmarks: Neo4j does not recognise a bookmark');

    const input = { key: 'person/bookmark-rejected', name: 'Rejected' };
    const write = await post(appA, UPSERT, { input }, { ...rejected, ...(await asEditor()) });
    expect(write.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(write.header).toBeNull();
    expect(await count("MATCH (p {key: 'person/bookmark-rejected'}) RETURN count(p)")).toBe(0);
  });

  it('browsers may send the header and read it (CORS)', async () => {
    const origin = 'https://app.example.org';
    const app = createTestApp(db, { NODE_ENV: 'production', CORS_ORIGINS: origin });
    const preflight = await app.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-neo4j-bookmarks',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-neo4j-bookmarks');
    const answer = await app.fetch('http://localhost/graphql?query={__typename}', { headers: { origin } });
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-neo4j-bookmarks');
  });
});

describe('over the neo4j:// routing scheme', () => {
  // The run's Neo4j, through a routing driver: on a single server too, the driver asks it for a routing
  // table and sends reads to its readers and writes to its writer.
  const routedUri = inject('neo4j').uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
  const routed = secondInstance(routedUri);
  const app = createTestApp(routed);

  it('serves over the neo4j:// routing scheme: a query, a mutation, and a read given its bookmark', async () => {
    expect(routedUri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
    const read = await post(app, PERSON, { key: 'person/david-babayan' });
    expect(read.data?.entity).toEqual({ name: 'David Babayan' });

    const input = { key: 'person/bookmark-routed', name: 'Routed' };
    const written = await post(app, UPSERT, { input }, await asEditor());
    expect(written.errors).toBeUndefined();
    const again = await post(
      appB,
      PERSON,
      { key: input.key },
      { 'x-neo4j-bookmarks': bookmarkOf(written), ...(await asReader()) },
    );
    expect(again.data?.entity).toEqual({ name: 'Routed' });
  });

  it('reads go through READ sessions and writes through WRITE sessions', async () => {
    // Neo4j refuses a write in a READ session: the proof of the mode each one runs in.
    await expect(routed.read('probe', 'CREATE (p:Probe) RETURN p')).rejects.toMatchObject({
      code: 'Neo.ClientError.Statement.AccessMode',
    });
    await routed.write('probe', (run) => run('create', 'CREATE (p:Probe) DELETE p'));
    expect(await count('MATCH (p:Probe) RETURN count(p)')).toBe(0);
  });
});
