import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/schema/globalId.js';
import { ARTICLE, createTestApp, SOURCE_KEY, tokenFor, useArticleGraph } from './helpers.js';

const { app, db, snapshot } = useArticleGraph();

const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET);
const signed = (claims: Record<string, unknown>, configure: (jwt: SignJWT) => SignJWT = (j) => j) =>
  configure(
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('newsgraph')
      .setAudience('newsgraph')
      .setIssuedAt()
      .setExpirationTime('10m'),
  ).sign(secret);

interface Case {
  name: string;
  /** Builds the request: a GraphQL operation (POSTed as JSON) or a raw request. */
  request: () => Promise<{
    query?: string;
    variables?: unknown;
    body?: string;
    method?: string;
    headers?: Record<string, string>;
    url?: string;
  }>;
  status: number;
  code: string | null;
  message?: RegExp;
  /** Use an app with these settings instead of the default one. */
  env?: Record<string, string>;
}

const UPSERT_PERSON = 'mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { key } }';
const ADD_STATEMENT = 'mutation ($input: AddStatementInput!) { addStatement(input: $input) { id } }';
const editor = async () => ({ authorization: `Bearer ${await tokenFor('editor')}` });
const op = (query: string, variables?: unknown, headers?: Record<string, string>) => async () => ({
  query,
  variables,
  headers: headers ?? (await editor()),
});
const statement = (overrides: Record<string, unknown>) => ({
  input: {
    kind: 'PARAPHRASE',
    text: 'x',
    speaker: 'person/david-babayan',
    evidence: [{ source: SOURCE_KEY, quote: 'We must be united' }],
    ...overrides,
  },
});

const nested = (depth: number): string =>
  depth === 0
    ? 'key'
    : `... on Organisation { members(first: 1) { edges { node { member { ${nested(depth - 1)} } } } } }`;
const METACHARACTERS = [
  '") { key } } #',
  "'; MATCH (n) DETACH DELETE n //",
  'name:"x" OR *:*',
  '\\u0000\u0000',
  '~*?^[]{}()&&||!',
  '/.*/',
];

const cases: Case[] = [
  // Limits
  {
    name: 'a depth bomb',
    request: op(`{ entity(key: "organisation/osce") { ${nested(8)} } }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: /depth limit/,
  },
  {
    name: 'an alias bomb',
    request: op(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: entity(key: "x") { key }`).join(' ')} }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: /[Aa]liases limit/,
  },
  {
    name: 'a token bomb',
    request: op(`{ ${'__typename '.repeat(3000)} }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: /Token limit/,
  },
  {
    name: 'a directive bomb',
    request: op(`{ entity(key: "x") ${'@skip(if: false) '.repeat(30)} { key } }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: /[Dd]irectives limit/,
  },
  {
    name: 'an oversized body',
    request: async () => ({ body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }) }),
    status: 413,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'malformed JSON',
    request: async () => ({ body: '{"query": "{ __typename }"' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a batch of operations',
    request: async () => ({
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a syntax error',
    request: op('{ entity(key: ) }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Syntax Error/,
  },
  {
    name: 'an unknown field',
    request: op('{ entity(key: "x") { salary } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Cannot query field/,
  },
  {
    name: 'a variable of the wrong type',
    request: op('query ($n: Int) { people(first: $n) { totalCount } }', { n: 'ten' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'introspection in production',
    env: { NODE_ENV: 'production' },
    request: op('{ __schema { types { name } } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /introspection/,
  },
  // Paging and ids
  {
    name: 'a huge first',
    request: op('{ people(first: 1000) { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /at most 100/,
  },
  {
    name: 'a negative first',
    request: op('{ statements(first: -5) { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /must not be negative/,
  },
  {
    name: 'a garbage cursor',
    request: op('{ events(after: "%%%garbage") { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /not a valid cursor/,
  },
  {
    name: 'a malformed id',
    request: op('{ node(id: "not-an-id===") { id } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /not a valid id/,
  },
  {
    name: 'an id of the wrong type',
    request: op('query ($s: ID) { statements(filter: {speaker: $s}) { totalCount } }', {
      s: toGlobalId('Source', SOURCE_KEY),
    }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: '10,000 ids to nodes',
    request: op('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: Array(10_000).fill(toGlobalId('Person', 'person/david-babayan')),
    }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /at most 100 ids/,
  },
  // Free text: treated as text, never as Cypher or Lucene
  ...METACHARACTERS.flatMap((text): Case[] => [
    {
      name: `search text ${JSON.stringify(text)}`,
      request: op('query ($t: String!) { search(text: $t) { totalCount } }', { t: text }),
      status: 200,
      code: null,
    },
    {
      name: `nameContains ${JSON.stringify(text)}`,
      request: op('query ($t: String) { people(filter: {nameContains: $t}) { totalCount } }', { t: text }),
      status: 200,
      code: null,
    },
    {
      name: `entity key ${JSON.stringify(text)}`,
      request: op('query ($t: String!) { entity(key: $t) { key } }', { t: text }),
      status: 200,
      code: null,
    },
  ]),
  {
    name: 'other scripts in search',
    request: op('query ($t: String!) { search(text: $t) { totalCount } }', {
      t: 'Բաբայան Ստեփանակերտ 東京 Баку',
    }),
    status: 200,
    code: null,
  },
  // Writes with bad values
  {
    name: 'a NUL byte in a name',
    request: op(UPSERT_PERSON, { input: { key: 'person/nul', name: 'A\u0000B' } }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /control characters/,
  },
  {
    name: 'a megabyte name',
    request: op(UPSERT_PERSON, { input: { key: 'person/huge', name: 'x'.repeat(900_000) } }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /longer than 200/,
  },
  {
    name: 'a Cypher fragment as a key',
    request: op(UPSERT_PERSON, { input: { key: "person/x'}) DETACH DELETE n //", name: 'X' } }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /must look like/,
  },
  {
    name: 'an impossible date',
    request: op(
      'mutation { upsertEvent(input: {key: "event/x", name: "X", kind: OTHER, start: "1990-13"}) { key } }',
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /1990-13/,
  },
  {
    name: 'out-of-range coordinates',
    request: op(
      'mutation { upsertPlace(input: {key: "place/x", name: "X", kind: CITY, location: {latitude: 95, longitude: 200}}) { key } }',
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /latitude/,
  },
  {
    name: 'an unknown key',
    request: op(ADD_STATEMENT, statement({ speaker: 'person/nobody' })),
    status: 200,
    code: 'NOT_FOUND',
    message: /person\/nobody/,
  },
  {
    name: 'evidence offsets outside the text',
    request: op(
      ADD_STATEMENT,
      statement({ evidence: [{ source: SOURCE_KEY, start: ARTICLE.length - 5, end: ARTICLE.length + 5 }] }),
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /not a range inside/,
  },
  {
    name: 'deleting an entity statements refer to',
    request: op('mutation ($id: ID!) { deleteNode(id: $id) }', {
      id: toGlobalId('Person', 'person/david-babayan'),
    }),
    status: 200,
    code: 'CONFLICT',
    message: /referred to by 13 statement/,
  },
  // Authentication and roles
  {
    name: 'a mutation over GET',
    request: async () => ({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('mutation { deleteNode(id: "x") }')}`,
      headers: await editor(),
    }),
    status: 405,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a mutation without a token',
    request: op(UPSERT_PERSON, { input: { key: 'person/anon', name: 'A' } }, {}),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a mutation with an expired token',
    request: async () => ({
      query: UPSERT_PERSON,
      variables: { input: { key: 'person/e', name: 'E' } },
      headers: {
        authorization: `Bearer ${await signed({ role: 'editor' }, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 60))}`,
      },
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /expired/,
  },
  {
    name: 'a token not valid yet',
    request: async () => ({
      query: '{ __typename }',
      headers: {
        authorization: `Bearer ${await signed({ role: 'reader' }, (j) => j.setNotBefore(Math.floor(Date.now() / 1000) + 600))}`,
      },
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'an alg: none token',
    request: async () => ({
      query: UPSERT_PERSON,
      variables: { input: { key: 'person/n', name: 'N' } },
      headers: {
        authorization: `Bearer ${new UnsecuredJWT({ role: 'admin' }).setIssuer('newsgraph').setAudience('newsgraph').setExpirationTime('10m').encode()}`,
      },
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token from another issuer',
    request: async () => ({
      query: '{ __typename }',
      headers: {
        authorization: `Bearer ${await signed({ role: 'reader' }, (j) => j.setIssuer('someone-else'))}`,
      },
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /claim/,
  },
  {
    name: 'a token for another audience',
    request: async () => ({
      query: '{ __typename }',
      headers: {
        authorization: `Bearer ${await signed({ role: 'reader' }, (j) => j.setAudience('other-api'))}`,
      },
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token signed with another secret',
    request: async () => ({
      query: '{ __typename }',
      headers: {
        authorization: `Bearer ${await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('newsgraph').setAudience('newsgraph').setExpirationTime('10m').sign(new TextEncoder().encode('another-secret-that-is-long-enough!!'))}`,
      },
    }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a malformed Authorization header',
    request: async () => ({ query: '{ __typename }', headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'an unknown API key',
    request: async () => ({ query: '{ __typename }', headers: { 'x-api-key': 'ngk_guess' } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token for the wrong role',
    request: async () => ({
      query: UPSERT_PERSON,
      variables: { input: { key: 'person/r', name: 'R' } },
      headers: { authorization: `Bearer ${await tokenFor('reader')}` },
    }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'an anonymous read when anonymous reads are off',
    env: { AUTH_ANONYMOUS_READS: 'false' },
    request: op('{ people { totalCount } }', undefined, {}),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
];

describe('bad input', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it('answers request errors with 200 to clients that accept only application/json, as the spec says', async () => {
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ entity(key: ) }' }),
    });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('BAD_USER_INPUT');
  });

  it.each(cases)('refuses $name with HTTP $status and $code, leaving the graph unchanged', async (c) => {
    const target = c.env ? createTestApp(db, c.env) : app;
    const r = await c.request();
    const before = await snapshot();
    const response = await target.fetch(`http://localhost${r.url ?? '/graphql'}`, {
      method: r.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...r.headers,
      },
      body:
        r.method === 'GET'
          ? undefined
          : (r.body ?? JSON.stringify({ query: r.query, variables: r.variables })),
    });
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    expect(response.status).toBe(c.status);
    if (c.code === null) {
      expect(body.errors).toBeUndefined();
    } else {
      expect(body.errors?.[0]?.extensions?.code).toBe(c.code);
      if (c.message) expect(body.errors?.[0]?.message).toMatch(c.message);
      // Nothing internal leaks: no stack traces, driver messages or Cypher.
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|Neo4jError|MATCH \(/);
    }
    expect(await snapshot()).toBe(before);
  });
});
