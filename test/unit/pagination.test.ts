import { describe, expect, it } from 'vitest';
import {
  BY_NAME,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  keysetConditions,
  MAX_PAGE_SIZE,
  NEWEST_FIRST,
  type Ordering,
  orderBy,
  type PageArgs,
  pageClauses,
  pageParams,
  toConnection,
  toPage,
} from '../../src/queries/pagination.js';

const STATEMENT_CURSOR = [
  '2015-01-01',
  'source/asbarez-2015-artsakh-lawmakers-condemn-baku-pogroms|000000120|statement/3f9a1c0e7b2d4a6f8e1c5b90',
];
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** The GraphQL error toPage throws for these arguments. */
function refusal(ordering: Ordering, args: PageArgs) {
  try {
    toPage(ordering, args);
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: Record<string, unknown> };
    return { message, code: extensions.code, argument: extensions.argument };
  }
  throw new Error('toPage accepted the arguments');
}

describe('cursors', () => {
  it('round-trips the tuple of a row through an opaque cursor tagged with its list', () => {
    const cursor = encodeCursor(NEWEST_FIRST, STATEMENT_CURSOR);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual([
      'newest',
      ...STATEMENT_CURSOR,
    ]);
    expect(toPage(NEWEST_FIRST, { first: 5, after: cursor })).toEqual({
      limit: 5,
      backward: false,
      after: STATEMENT_CURSOR,
      before: null,
    });
    const byName = encodeCursor(BY_NAME, ['david babayan|person/david-babayan']);
    expect(toPage(BY_NAME, { last: 3, before: byName })).toEqual({
      limit: 3,
      backward: true,
      after: null,
      before: ['david babayan|person/david-babayan'],
    });
  });

  it('keeps numbers as numbers (a search score, a mention offset)', () => {
    const search: Ordering = { name: 'search', terms: [{ expr: 'score', desc: true }, { expr: 'n.key' }] };
    const after = encodeCursor(search, [3.2516, 'person/bako-sahakian']);
    expect(toPage(search, { after }).after).toEqual([3.2516, 'person/bako-sahakian']);
  });

  it.each([
    ['a cursor of another list', encodeCursor(BY_NAME, ['2015-01-01'])],
    ['a tuple too short for the ordering', base64url(['newest', '2015-01-01'])],
    ['a tuple too long for the ordering', base64url(['newest', '2015-01-01', 'x', 'y'])],
    ['values that are not strings or numbers', base64url(['newest', { $gt: '' }, null])],
    ['something other than a list', base64url({ name: 'newest' })],
    ['text that is not JSON', Buffer.from('newest,2015').toString('base64url')],
    ['characters outside base64url', `${encodeCursor(NEWEST_FIRST, STATEMENT_CURSOR)}==`],
    ['a cursor edited by hand', encodeCursor(NEWEST_FIRST, STATEMENT_CURSOR).replace(/^W/, 'X')],
    ['a cursor longer than 2000 characters', encodeCursor(NEWEST_FIRST, ['x'.repeat(1600), 'y'])],
  ])('refuses %s, naming the argument', (_what, cursor) => {
    expect(refusal(NEWEST_FIRST, { after: cursor })).toEqual({
      message: 'after is not a valid cursor for this list',
      code: 'BAD_USER_INPUT',
      argument: 'after',
    });
    expect(refusal(NEWEST_FIRST, { last: 1, before: cursor }).message).toBe(
      'before is not a valid cursor for this list',
    );
  });
});

describe('page arguments', () => {
  it(`pages ${DEFAULT_PAGE_SIZE} rows by default, up to ${MAX_PAGE_SIZE}, and asks for one more`, () => {
    expect(toPage(BY_NAME, {})).toEqual({ limit: 20, backward: false, after: null, before: null });
    expect(toPage(BY_NAME, { first: null, after: null, last: null, before: null }).limit).toBe(20);
    expect(toPage(BY_NAME, { first: 100 }).limit).toBe(100);
    expect(toPage(BY_NAME, { first: 0 }).limit).toBe(0);
    expect(pageParams(toPage(BY_NAME, { first: 10 }))).toEqual({ after: null, before: null, limit: 11 });
  });

  it('refuses more than the maximum page size, a negative count, and first with last', () => {
    expect(refusal(BY_NAME, { first: 101 })).toEqual({
      message: 'first must be at most 100 (the maximum page size)',
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
    expect(refusal(BY_NAME, { last: 500 })).toEqual({
      message: 'last must be at most 100 (the maximum page size)',
      code: 'BAD_USER_INPUT',
      argument: 'last',
    });
    expect(refusal(BY_NAME, { first: -1 })).toEqual({
      message: 'first must not be negative',
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
    expect(refusal(BY_NAME, { last: -3 })).toEqual({
      message: 'last must not be negative',
      code: 'BAD_USER_INPUT',
      argument: 'last',
    });
    expect(refusal(BY_NAME, { first: 5, last: 5 })).toEqual({
      message: 'Pass either first or last, not both',
      code: 'BAD_USER_INPUT',
      argument: 'last',
    });
  });
});

describe('keyset conditions', () => {
  const newestAfter = toPage(NEWEST_FIRST, {
    after: encodeCursor(NEWEST_FIRST, STATEMENT_CURSOR),
  });
  const newestBetween = toPage(NEWEST_FIRST, {
    after: encodeCursor(NEWEST_FIRST, STATEMENT_CURSOR),
    before: encodeCursor(NEWEST_FIRST, ['2014-12-01', 'source/x|000000010|statement/y']),
  });

  it('bounds nothing on a first page', () => {
    expect(keysetConditions(BY_NAME, toPage(BY_NAME, {}))).toEqual([]);
  });

  it('takes rows past an ascending cursor, and before it walking backwards', () => {
    const after = toPage(BY_NAME, { after: encodeCursor(BY_NAME, ['osce|organisation/osce']) });
    const before = toPage(BY_NAME, { last: 5, before: encodeCursor(BY_NAME, ['osce|organisation/osce']) });
    expect(keysetConditions(BY_NAME, after)).toMatchInlineSnapshot(`
      [
        "(n.sortKey > $after[0])",
      ]
    `);
    expect(keysetConditions(BY_NAME, before)).toMatchInlineSnapshot(`
      [
        "(n.sortKey < $before[0])",
      ]
    `);
    expect(orderBy(BY_NAME, before)).toBe('n.sortKey DESC');
  });

  it('compares a descending term the other way, tie by tie', () => {
    expect(keysetConditions(NEWEST_FIRST, newestAfter)).toMatchInlineSnapshot(
      `
      [
        "(n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)",
      ]
    `,
    );
    expect(keysetConditions(NEWEST_FIRST, newestBetween)).toMatchInlineSnapshot(
      `
      [
        "(n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)",
        "(n.dateOrder >= $before[0] AND CASE WHEN n.dateOrder = $before[0] THEN n.sortKey < $before[1] ELSE true END)",
      ]
    `,
    );
  });

  it('builds the clauses of a page: filters and keyset, cursor, order, limit', () => {
    expect(pageClauses(NEWEST_FIRST, newestAfter, ['(n.kind IN $kinds)'])).toMatchInlineSnapshot(`
      [
        "WITH * WHERE (n.kind IN $kinds) AND (n.dateOrder <= $after[0] AND CASE WHEN n.dateOrder = $after[0] THEN n.sortKey > $after[1] ELSE true END)",
        "WITH *, [n.dateOrder, n.sortKey] AS cursor",
        "ORDER BY n.dateOrder DESC, n.sortKey ASC",
        "LIMIT $limit",
      ]
    `);
    const backward = toPage(NEWEST_FIRST, { last: 5, before: encodeCursor(NEWEST_FIRST, STATEMENT_CURSOR) });
    expect(pageClauses(NEWEST_FIRST, backward, [], 'n')).toMatchInlineSnapshot(`
      [
        "WITH n WHERE (n.dateOrder >= $before[0] AND CASE WHEN n.dateOrder = $before[0] THEN n.sortKey < $before[1] ELSE true END)",
        "WITH n, [n.dateOrder, n.sortKey] AS cursor",
        "ORDER BY n.dateOrder ASC, n.sortKey DESC",
        "LIMIT $limit",
      ]
    `);
  });
});

describe('toConnection', () => {
  const rows = (...names: string[]) =>
    names.map((name) => ({ cursor: [`${name}|person/${name}`], node: { key: `person/${name}` } }));
  const total = async () => 42;
  const keyOf = (cursor: string | null) =>
    cursor === null ? null : JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))[1];

  it('gives a forward page its rows and tells whether more follow by the extra row', () => {
    const page = toPage(BY_NAME, { first: 2, after: encodeCursor(BY_NAME, ['armen|person/armen']) });
    const connection = toConnection(BY_NAME, page, rows('bako', 'david', 'georg'), total);
    expect(connection.edges.map((e) => e.node.key)).toEqual(['person/bako', 'person/david']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(keyOf(connection.pageInfo.startCursor)).toBe('bako|person/bako');
    expect(keyOf(connection.pageInfo.endCursor)).toBe('david|person/david');
    expect(connection.edges[1]?.cursor).toBe(connection.pageInfo.endCursor);

    const first = toConnection(BY_NAME, toPage(BY_NAME, { first: 2 }), rows('armen', 'bako'), total);
    expect(first.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('turns a backward page (read in reverse order) the right way round', () => {
    const page = toPage(BY_NAME, { last: 2, before: encodeCursor(BY_NAME, ['georg|person/georg']) });
    const connection = toConnection(BY_NAME, page, rows('david', 'bako', 'armen'), total);
    expect(connection.edges.map((e) => e.node.key)).toEqual(['person/bako', 'person/david']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(keyOf(connection.pageInfo.startCursor)).toBe('bako|person/bako');

    const last = toConnection(BY_NAME, toPage(BY_NAME, { last: 2 }), rows('david', 'bako'), total);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('has null cursors on an empty page and counts only when asked', async () => {
    const connection = toConnection(BY_NAME, toPage(BY_NAME, {}), [], total);
    expect(connection.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    await expect(connection.count()).resolves.toBe(42);
  });
});
