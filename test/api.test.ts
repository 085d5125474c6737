import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../src/db/local.js';
import { toGlobalId } from '../src/model/globalId.js';
import { createDriver, Database } from '../src/testing.js';
import { createTestApp, graphqlClient, tokenFor, useTestGraph } from './helpers.js';

const { gql, count, db, app } = useTestGraph();

const UPSERT = `mutation ($input: UpsertPersonInput!) {
  upsertPerson(input: $input) { id key name aliases description }
}`;

const babayan = { key: 'person/david-babayan', name: 'David Babayan', aliases: ['Davit Babayan'] };

describe('writing through GraphQL and reading back from Neo4j', () => {
  it('stores a person that upsertPerson writes, readable from Neo4j and through entity and node', async () => {
    const written = await gql(UPSERT, { input: babayan });
    expect(written.errors).toBeUndefined();
    expect(written.data?.upsertPerson).toEqual({
      id: toGlobalId('Person', 'person/david-babayan'),
      key: 'person/david-babayan',
      name: 'David Babayan',
      aliases: ['Davit Babayan'],
      description: null,
    });

    const [stored] = await db.read(
      'test.read',
      'MATCH (p:Entity:Person {key: $key}) RETURN p.name AS name, p.aliases AS aliases',
      { key: babayan.key },
    );
    expect(stored).toEqual({ name: 'David Babayan', aliases: ['Davit Babayan'] });

    const read = await gql(`{ entity(key: "person/david-babayan") { __typename id name aliases } }`);
    expect(read.data?.entity).toEqual({
      __typename: 'Person',
      id: toGlobalId('Person', 'person/david-babayan'),
      name: 'David Babayan',
      aliases: ['Davit Babayan'],
    });
    const byId = await gql(`query ($id: ID!) { node(id: $id) { __typename ... on Entity { key } } }`, {
      id: toGlobalId('Person', 'person/david-babayan'),
    });
    expect(byId.data?.node).toEqual({ __typename: 'Person', key: 'person/david-babayan' });
  });

  it('is idempotent: the same upsert twice leaves one node with the same values', async () => {
    await gql(UPSERT, { input: babayan });
    const again = await gql(UPSERT, { input: { ...babayan, aliases: ['Davit Babayan', 'Davit Babayan '] } });
    expect(again.data?.upsertPerson).toMatchObject({ aliases: ['Davit Babayan'] });
    expect(await count("MATCH (p:Person {key: 'person/david-babayan'}) RETURN count(p)")).toBe(1);
  });

  it('keeps stored aliases and description when an upsert omits them, and clears description on null', async () => {
    await gql(UPSERT, { input: { ...babayan, description: 'Artsakh presidential spokesman' } });
    const kept = await gql(UPSERT, { input: { key: babayan.key, name: 'David Babayan' } });
    expect(kept.data?.upsertPerson).toMatchObject({
      aliases: ['Davit Babayan'],
      description: 'Artsakh presidential spokesman',
    });
    const cleared = await gql(UPSERT, {
      input: { key: babayan.key, name: 'David Babayan', description: null },
    });
    expect(cleared.data?.upsertPerson).toMatchObject({ description: null });
  });

  it.each([
    ['a key of another type', { key: 'place/baku', name: 'Baku' }, /must look like "person\/<slug>"/],
    ['an upper-case key', { key: 'person/David', name: 'D' }, /must look like "person\/<slug>"/],
    ['an empty name', { key: 'person/nobody', name: '   ' }, /name must not be empty/],
    ['a NUL byte in the name', { key: 'person/nul', name: 'A\u0000B' }, /name contains control characters/],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_case, input, message) => {
    const before = await count('MATCH (n) RETURN count(n)');
    const result = await gql(UPSERT, { input });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('answers null for an unknown key or id, and BAD_USER_INPUT for a malformed id', async () => {
    const unknown = await gql(`{ entity(key: "person/nobody") { name } }`);
    expect(unknown).toMatchObject({ status: 200, data: { entity: null } });
    const unknownId = await gql(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: toGlobalId('Person', 'person/nobody'),
    });
    expect(unknownId.data).toEqual({ node: null });
    const forged = await gql(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: toGlobalId('Place', 'person/david-babayan'),
    });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const malformed = await gql(`{ node(id: "not an id!") { id } }`);
    expect(malformed.errors?.[0]).toMatchObject({
      message: '"not an id!" is not a valid id',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses writes without an editor token: UNAUTHENTICATED anonymously, FORBIDDEN for a reader', async () => {
    const anonymous = graphqlClient(app, { token: null });
    const nobody = await anonymous(UPSERT, { input: { key: 'person/blocked', name: 'Blocked' } });
    expect(nobody).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const reader = graphqlClient(app, { token: await tokenFor('reader') });
    const denied = await reader(UPSERT, { input: { key: 'person/blocked', name: 'Blocked' } });
    expect(denied).toMatchObject({ status: 403, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(await count("MATCH (p {key: 'person/blocked'}) RETURN count(p)")).toBe(0);
  });

  it('serves liveness, readiness and a request id', async () => {
    expect((await app.fetch('http://localhost/health')).status).toBe(200);
    expect((await app.fetch('http://localhost/ready')).status).toBe(200);
    const response = await app.fetch('http://localhost/graphql?query={__typename}', {
      headers: { 'x-request-id': 'req-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('req-123');
  });
});

describe('errors nobody expected', () => {
  it('reach the client masked, with a request id instead of the cause', async () => {
    class BrokenDatabase extends Database {
      override forRequest() {
        return this;
      }
      override async read(): Promise<never> {
        throw new Error('MATCH (n) secret driver detail');
      }
    }
    const neo4j = inject('neo4j');
    const broken = graphqlClient(createTestApp(new BrokenDatabase(createDriver(neo4j), neo4j.database)));
    const result = await broken('{ entity(key: "person/david-babayan") { name } }');
    const error = result.errors?.[0];
    expect(error?.message).toMatch(/^Internal server error \(request id [0-9a-f-]{36}\)$/);
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('turn into SERVICE_UNAVAILABLE when Neo4j cannot be reached', async () => {
    const port = await freePort();
    const down = createDriver({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'x' });
    const client = graphqlClient(createTestApp(new Database(down, undefined)));
    const result = await client('{ entity(key: "person/david-babayan") { name } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    await down.close();
  });
});
