import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import { loadDataset } from '../src/seed/dataset.js';
import { type Any, ARTICLE, createTestApp, SOURCE_KEY, tokenFor, useArticleGraph } from './helpers.js';

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

/** Posts a raw JSON body, as a client accepting application/graphql-response+json. */
async function post(body: string, headers: Record<string, string> = {}): Promise<Any> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
  });
  return { status: response.status, ...((await response.json()) as Any) };
}
const asAnalyst = async () => ({ authorization: `Bearer ${await tokenFor('analyst')}` });
/** `levels` lists and objects nested in each other, as JSON text (JSON.stringify itself would recurse). */
const nestedJson = (levels: number) =>
  '[{"a":'.repeat(levels / 2) + (levels % 2 ? '[1]' : '1') + '}]'.repeat(levels / 2);
/** The same value as nestedJson, built without recursion. */
const nestedValue = (levels: number): unknown => JSON.parse(nestedJson(levels));
const CYPHER = 'query ($p: JSON) { cypher(query: "RETURN $x AS x", params: $p) { rows } }';

describe('free-form JSON: variables and cypher params', () => {
  it('refuses variables nested 8,000 levels deep with BAD_USER_INPUT and HTTP 400', async () => {
    const r = await post(`{"query": "{ __typename }", "variables": {"v": ${nestedJson(8000)}}}`);
    expect(r.status).toBe(400);
    expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.errors[0].message).toBe('variables: nested deeper than 32 levels of lists and objects');
  });

  it('refuses cypher params nested 8,000 levels deep, given as a variable, with BAD_USER_INPUT', async () => {
    const body = `{"query": ${JSON.stringify(CYPHER)}, "variables": {"p": {"x": ${nestedJson(8000)}}}}`;
    const r = await post(body, await asAnalyst());
    expect(r.status).toBe(400);
    expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.errors[0].message).toMatch(/^variables: nested deeper than 32 levels/);
    // Nothing reached the driver: its connections still serve the next query.
    const next = await post(JSON.stringify({ query: CYPHER, variables: { p: { x: 1 } } }), await asAnalyst());
    expect(next.data.cypher.rows).toEqual([[1]]);
  });

  it('refuses variables holding more than 100,000 values with BAD_USER_INPUT and HTTP 400', async () => {
    const r = await post(
      JSON.stringify({ query: '{ __typename }', variables: { v: Array(100_001).fill(0) } }),
    );
    expect(r.status).toBe(400);
    expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.errors[0].message).toBe('variables: more than 100000 values');
  });

  it('runs cypher with params nested 32 levels deep, the bound, and returns them unchanged', async () => {
    // {x: <31 levels>} is 32 levels of params.
    const x = nestedValue(31);
    const r = await post(JSON.stringify({ query: CYPHER, variables: { p: { x } } }), await asAnalyst());
    expect(r.errors).toBeUndefined();
    expect(r.data.cypher.rows).toEqual([[x]]);
  });

  it('refuses params nested deeper than 32 levels, naming params', async () => {
    // 2 levels written inline around a 31-level variable: 33 levels.
    const query = 'query ($v: JSON) { cypher(query: "RETURN $x AS x", params: { x: [$v] }) { rows } }';
    const r = await post(JSON.stringify({ query, variables: { v: nestedValue(31) } }), await asAnalyst());
    expect(r.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'params' });
    expect(r.errors[0].message).toBe('params: nested deeper than 32 levels of lists and objects');
  });

  it('refuses a JSON literal nested deeper than 32 levels with BAD_USER_INPUT and HTTP 400', async () => {
    const literal = `${'['.repeat(33)}1${']'.repeat(33)}`;
    const query = `{ cypher(query: "RETURN $x AS x", params: { x: ${literal} }) { rows } }`;
    const r = await post(JSON.stringify({ query }), await asAnalyst());
    expect(r.status).toBe(400);
    expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.errors[0].message).toBe('JSON literal: nested deeper than 32 levels of lists and objects');
  });

  it('refuses params larger than 64 KB as JSON, naming params', async () => {
    const variables = { p: { x: 'x'.repeat(70_000) } };
    const r = await post(JSON.stringify({ query: CYPHER, variables }), await asAnalyst());
    expect(r.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'params' });
    expect(r.errors[0].message).toBe('params: larger than 65536 bytes as JSON');
  });

  it('refuses deeply nested params on the cypher export with BAD_USER_INPUT and HTTP 400', async () => {
    const url = `http://localhost/export/cypher?query=${encodeURIComponent('RETURN $x AS x')}&params=${encodeURIComponent(`{"x": ${nestedJson(2000)}}`)}`;
    const response = await app.fetch(url, { headers: await asAnalyst() });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Any).errors[0]).toMatchObject({
      message: 'params: nested deeper than 32 levels of lists and objects',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('parses params written inline as a GraphQL object literal exactly like the same params as a variable', async () => {
    const query = 'RETURN $x AS x, $y AS y, $n AS n, $f AS f, $s AS s';
    const params = '{ x: 1, y: [1, "a", { z: true }], n: null, f: -2.5e3, s: "it\'s" }';
    const inline = await post(
      JSON.stringify({ query: `{ cypher(query: "${query}", params: ${params}) { rows } }` }),
      await asAnalyst(),
    );
    const asVariable = await post(
      JSON.stringify({
        query: CYPHER.replace('RETURN $x AS x', query),
        variables: { p: { x: 1, y: [1, 'a', { z: true }], n: null, f: -2500, s: "it's" } },
      }),
      await asAnalyst(),
    );
    expect(inline.errors).toBeUndefined();
    expect(inline.data.cypher.rows).toEqual([[1, [1, 'a', { z: true }], null, -2500, "it's"]]);
    expect(inline.data).toEqual(asVariable.data);
  });

  it('takes variables inside a JSON literal, leaving out a field whose variable is missing', async () => {
    const query =
      'query ($v: Int, $missing: Int) { cypher(query: "RETURN $v AS v, $l AS l, $p AS p", params: { v: $v, l: [$v, $missing], p: { missing: $missing } }) { rows } }';
    const r = await post(JSON.stringify({ query, variables: { v: 7 } }), await asAnalyst());
    expect(r.errors).toBeUndefined();
    expect(r.data.cypher.rows).toEqual([[7, [7, null], {}]]);
  });

  it('refuses a bare word in a JSON literal with BAD_USER_INPUT', async () => {
    const r = await post(
      JSON.stringify({ query: '{ cypher(query: "RETURN 1 AS x", params: { x: FOO }) { rows } }' }),
      await asAnalyst(),
    );
    expect(r.status).toBe(400);
    expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.errors[0].message).toBe('JSON has no bare words: write "FOO" as a string');
  });
});

describe('values JSON cannot carry exactly', () => {
  it('returns integers outside ±2^53 from cypher as strings, and safe ones as numbers', async () => {
    const query =
      'RETURN 9007199254740993 AS big, -9007199254740993 AS small, 9007199254740991 AS safe, [9223372036854775807] AS list, {n: -9223372036854775808} AS map';
    const r = await post(
      JSON.stringify({ query: `{ cypher(query: "${query}") { rows } }` }),
      await asAnalyst(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.cypher.rows).toEqual([
      [
        '9007199254740993',
        '-9007199254740993',
        9007199254740991,
        ['9223372036854775807'],
        { n: '-9223372036854775808' },
      ],
    ]);
  });

  it('returns NaN and infinities from cypher as strings rather than null', async () => {
    const r = await post(
      JSON.stringify({
        query: '{ cypher(query: "RETURN 0.0 / 0.0 AS nan, 1.0 / 0.0 AS inf, -1.0 / 0.0 AS ninf") { rows } }',
      }),
      await asAnalyst(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.cypher.rows).toEqual([['NaN', 'Infinity', '-Infinity']]);
  });

  it('sends a whole number beyond 2^53 in params as the float it is, not clamped to 2^63', async () => {
    const r = await post(JSON.stringify({ query: CYPHER, variables: { p: { x: 1e30 } } }), await asAnalyst());
    expect(r.errors).toBeUndefined();
    expect(r.data.cypher.rows).toEqual([[1e30]]);
  });

  it('reads a node holding an integer beyond 2^53 through the loaders and cypher', async () => {
    const key = 'person/david-babayan';
    await db.write('test.big', (run) =>
      run('set', 'MATCH (p:Person {key: $key}) SET p.big = 9007199254740993', { key }),
    );
    try {
      const entity = await post(JSON.stringify({ query: `{ entity(key: "${key}") { key name } }` }));
      expect(entity.errors).toBeUndefined();
      expect(entity.data.entity).toEqual({ key, name: 'David Babayan' });
      const query = `{ cypher(query: "MATCH (p:Person {key: '${key}'}) RETURN p") { rows nodes { id } } }`;
      const r = await post(JSON.stringify({ query }), await asAnalyst());
      expect(r.errors).toBeUndefined();
      expect(r.data.cypher.rows[0][0].big).toBe('9007199254740993');
      expect(r.data.cypher.nodes).toEqual([{ id: toGlobalId('Person', key) }]);
    } finally {
      await db.write('test.big', (run) =>
        run('remove', 'MATCH (p:Person {key: $key}) REMOVE p.big', { key }),
      );
    }
  });
});

describe('partial dates', () => {
  const UPSERT_EVENT =
    'mutation ($start: String, $end: String) { upsertEvent(input: {key: "event/ancient", name: "Ancient", kind: OTHER, start: $start, end: $end}) { start { iso earliest latest } end { iso earliest latest } } }';
  const editorPost = async (query: string, variables?: Record<string, unknown>) =>
    post(JSON.stringify({ query, variables }), await editor());

  it('stores years below 1000 with four digits, so that they sort as dates', async () => {
    try {
      const r = await editorPost(UPSERT_EVENT, { start: '0000', end: '0999-02' });
      expect(r.errors).toBeUndefined();
      expect(r.data.upsertEvent).toEqual({
        start: { iso: '0000', earliest: '0000-01-01', latest: '0000-12-31' },
        end: { iso: '0999-02', earliest: '0999-02-01', latest: '0999-02-28' },
      });
      const [stored] = await db.read(
        'test.ancient',
        'MATCH (e:Event {key: "event/ancient"}) RETURN e.startIso AS start, e.endLatest AS end',
      );
      expect(stored).toEqual({ start: '0000', end: '0999-02-28' });
      // Oldest first: year 0 before the 1988 pogrom.
      const list = await post(JSON.stringify({ query: '{ events(first: 2) { edges { node { key } } } }' }));
      expect(list.data.events.edges.map((e: Any) => e.node.key)).toEqual([
        'event/ancient',
        'event/sumgait-pogrom-1988',
      ]);
    } finally {
      await db.write('test.ancient', (run) =>
        run('delete', 'MATCH (e:Event {key: "event/ancient"}) DETACH DELETE e'),
      );
    }
  });

  it('counts leap years arithmetically for years 0–99, which Date.UTC would read as 1900–1999', async () => {
    try {
      const r = await editorPost(UPSERT_EVENT, { start: '0000-02', end: '0000-02-29' });
      expect(r.data.upsertEvent.start.latest).toBe('0000-02-29');
      expect(r.data.upsertEvent.end.iso).toBe('0000-02-29');
      const notLeap = await editorPost(UPSERT_EVENT, { start: '0100-02-29' });
      expect(notLeap.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(notLeap.errors[0].message).toMatch(/^start "0100-02-29" is not a date/);
    } finally {
      await db.write('test.ancient', (run) =>
        run('delete', 'MATCH (e:Event {key: "event/ancient"}) DETACH DELETE e'),
      );
    }
  });

  it.each([
    [
      'a link whose until is before its since',
      'mutation { link(input: {from: "person/david-babayan", to: "organisation/osce", type: AFFILIATED_WITH, since: "2016", until: "2015"}) { type } }',
      'until "2015" is before since "2016"',
    ],
    [
      'an event whose end is before its start',
      'mutation { upsertEvent(input: {key: "event/x", name: "X", kind: OTHER, start: "2016-03", end: "2016-02-29"}) { key } }',
      'end "2016-02-29" is before start "2016-03"',
    ],
    [
      'an event update whose end is before the stored start',
      'mutation { upsertEvent(input: {key: "event/operation-ring-1991", name: "Operation Ring", kind: MILITARY_OPERATION, end: "1990"}) { key } }',
      'end "1990" is before start "1991-04"',
    ],
    [
      'an events filter whose to is before its from',
      '{ events(filter: {from: "2016", to: "2015"}) { totalCount } }',
      'to "2015" is before from "2016"',
    ],
    [
      'a statements filter whose to is before its from',
      '{ statements(filter: {from: "2015-02", to: "2015-01"}) { totalCount } }',
      'to "2015-01" is before from "2015-02"',
    ],
    [
      'an analyst period whose to is before its from',
      '{ coMentionPairs(from: "2016", to: "2015") { weight } }',
      'to "2015" is before from "2016"',
    ],
  ])(
    'refuses %s with BAD_USER_INPUT naming both, leaving the graph unchanged',
    async (_name, query, message) => {
      const before = await snapshot();
      const r = await post(JSON.stringify({ query }), { authorization: `Bearer ${await tokenFor('admin')}` });
      expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(r.errors[0].message).toBe(message);
      expect(await snapshot()).toBe(before);
    },
  );

  it('loads no dataset with an end before its start', async () => {
    const empty = {
      sources: [],
      places: [],
      organisations: [],
      people: [],
      events: [],
      links: [],
      statements: [],
      dir: '.',
    };
    const before = await snapshot();
    await expect(
      loadDataset(db, {
        ...empty,
        events: [{ key: 'event/x', name: 'X', kind: 'OTHER', start: '2016', end: '2015' }],
      }),
    ).rejects.toThrow('end "2015" is before start "2016"');
    await expect(
      loadDataset(db, {
        ...empty,
        links: [
          {
            from: 'person/david-babayan',
            to: 'organisation/osce',
            type: 'AFFILIATED_WITH',
            since: '2016',
            until: '2015',
          },
        ],
      }),
    ).rejects.toThrow('until "2015" is before since "2016"');
    expect(await snapshot()).toBe(before);
  });
});
