import { beforeAll, describe, expect, it } from 'vitest';
import { type Any, useTestGraph } from './helpers.js';

const { gql } = useTestGraph();

const name = (i: number) => `Member ${String(i).padStart(2, '0')}`;
const PEOPLE = `query ($first: Int, $after: String, $last: Int, $before: String) {
  people(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const MEMBERS = `query ($first: Int, $after: String, $last: Int, $before: String) {
  entity(key: "organisation/club") { ... on Organisation {
    members(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { node { member { name } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  } }
}`;

async function person(i: number | string) {
  const key = `person/member-${i}`;
  const input = { key, name: typeof i === 'number' ? name(i) : `Member ${i}` };
  const written = await gql<Any>(
    'mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { id } }',
    {
      input,
    },
  );
  await gql('mutation ($input: LinkInput!) { link(input: $input) { type } }', {
    input: { from: key, to: 'organisation/club', type: 'AFFILIATED_WITH', role: 'member' },
  });
  return written.data?.upsertPerson.id as string;
}

async function page(query: string, variables: Record<string, unknown>) {
  const result = await gql<Any>(query, variables);
  expect(result.errors).toBeUndefined();
  const connection = result.data?.people ?? result.data?.entity.members;
  return {
    names: connection.edges.map((e: Any) => e.node.name ?? e.node.member.name) as string[],
    info: connection.pageInfo as Any,
    total: connection.totalCount as number,
  };
}

describe('cursor connections', () => {
  beforeAll(async () => {
    await gql(
      'mutation { upsertOrganisation(input: {key: "organisation/club", name: "Club", kind: OTHER}) { id } }',
    );
    for (let i = 1; i <= 25; i++) await person(i);
  });

  it.each([
    ['a root list', PEOPLE],
    ['a relationship field', MEMBERS],
  ])('pages %s forward, stable when rows are inserted between requests', async (_what, query) => {
    const one = await page(query, { first: 10 });
    expect(one.names).toEqual(Array.from({ length: 10 }, (_, i) => name(i + 1)));
    expect(one.info).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(one.total).toBeGreaterThanOrEqual(25);

    // Inserted before the cursor: must not shift the next page (an offset would repeat Member 10).
    const inserted = await person('03a');
    const two = await page(query, { first: 10, after: one.info.endCursor });
    expect(two.names).toEqual(Array.from({ length: 10 }, (_, i) => name(i + 11)));
    expect(two.info).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const three = await page(query, { first: 10, after: two.info.endCursor });
    expect(three.names).toEqual(Array.from({ length: 5 }, (_, i) => name(i + 21)));
    expect(three.info.hasNextPage).toBe(false);
    const removed = await gql('mutation ($id: ID!) { deleteNode(id: $id) }', { id: inserted });
    expect(removed.data).toEqual({ deleteNode: true });
  });

  it.each([
    ['a root list', PEOPLE],
    ['a relationship field', MEMBERS],
  ])('pages %s backward from the end', async (_what, query) => {
    const last = await page(query, { last: 10 });
    expect(last.names).toEqual(Array.from({ length: 10 }, (_, i) => name(i + 16)));
    expect(last.info).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await page(query, { last: 10, before: last.info.startCursor });
    expect(before.names).toEqual(Array.from({ length: 10 }, (_, i) => name(i + 6)));
    expect(before.info).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('defaults to 20 rows and counts the total in the database', async () => {
    const result = await page(PEOPLE, {});
    expect(result.names).toHaveLength(20);
    expect(result.total).toBe(25);
  });

  it.each([
    [{ first: 101 }, 'first must be at most 100 (the maximum page size)'],
    [{ last: 1000 }, 'last must be at most 100 (the maximum page size)'],
    [{ first: -1 }, 'first must not be negative'],
    [{ first: 1, last: 1 }, 'Pass either first or last, not both'],
    [{ after: 'garbage!' }, 'after is not a valid cursor for this list'],
    [{ before: Buffer.from('["name"]').toString('base64url') }, 'before is not a valid cursor for this list'],
    [{ after: Buffer.from('{"x":1}').toString('base64url') }, 'after is not a valid cursor for this list'],
  ])('refuses %o with BAD_USER_INPUT', async (variables, message) => {
    for (const query of [PEOPLE, MEMBERS]) {
      const result = await gql(query, variables);
      expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('refuses a cursor from another list', async () => {
    const events = await gql<Any>('{ events(first: 1) { pageInfo { endCursor } } }');
    expect(events.errors).toBeUndefined();
    const people = await page(PEOPLE, { first: 1 });
    const result = await gql(
      'query ($after: String) { events(first: 1, after: $after) { edges { cursor } } }',
      { after: people.info.endCursor },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
