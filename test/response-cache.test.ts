import { describe, expect, it } from 'vitest';
import {
  type Any,
  createTestApp,
  graphqlClient,
  SOURCE_KEY,
  tokenFor,
  useArticleGraph,
  useCountingDatabase,
} from './helpers.js';

const { db } = useArticleGraph();

const counting = useCountingDatabase();

const cachedApp = (ttlSeconds = 60) => createTestApp(counting, { RESPONSE_CACHE_TTL: String(ttlSeconds) });

const SPOKESMAN_PAGE = `query Page($key: String!) {
  entity(key: $key) { name ... on Person { statements(first: 50) { totalCount edges { node { text } } } } }
}`;
const spokesman = { key: 'person/david-babayan' };

async function ask(
  gql: ReturnType<typeof graphqlClient>,
  query: string,
  variables?: Record<string, unknown>,
) {
  counting.queryCount = 0;
  const result = await gql<Any>(query, variables);
  return { ...result, queries: counting.queryCount };
}

describe('response cache for anonymous reads', () => {
  it('answers a repeated anonymous query from the cache, without a Cypher query', async () => {
    const anonymous = graphqlClient(cachedApp(), { token: null });
    const first = await ask(anonymous, SPOKESMAN_PAGE, spokesman);
    const second = await ask(anonymous, SPOKESMAN_PAGE, spokesman);
    expect(first.errors).toBeUndefined();
    expect(first.queries).toBeGreaterThan(0);
    expect(second.queries).toBe(0);
    expect(second.data).toEqual(first.data);
    expect(first.data?.entity.name).toBe('David Babayan');
  });

  it('keys entries by variables: another entity is read from Neo4j', async () => {
    const anonymous = graphqlClient(cachedApp(), { token: null });
    await ask(anonymous, SPOKESMAN_PAGE, spokesman);
    const other = await ask(anonymous, SPOKESMAN_PAGE, { key: 'person/bako-sahakian' });
    expect(other.queries).toBeGreaterThan(0);
    expect(other.data?.entity.name).toBe('Bako Sahakian');
  });

  it('never serves a stale read after a write through the server', async () => {
    const app = cachedApp();
    const anonymous = graphqlClient(app, { token: null });
    const editor = graphqlClient(app, { token: await tokenFor('editor') });
    const before = await ask(anonymous, SPOKESMAN_PAGE, spokesman);
    const count = before.data?.entity.statements.totalCount as number;

    const added = await editor<Any>(
      `mutation ($input: AddStatementInput!) { addStatement(input: $input) { text } }`,
      {
        input: {
          kind: 'PARAPHRASE',
          text: 'A statement added while the page was cached',
          speaker: spokesman.key,
          evidence: [{ source: SOURCE_KEY, start: 0, end: 10 }],
        },
      },
    );
    expect(added.errors).toBeUndefined();

    const after = await ask(anonymous, SPOKESMAN_PAGE, spokesman);
    expect(after.queries).toBeGreaterThan(0);
    expect(after.data?.entity.statements.totalCount).toBe(count + 1);
    expect(after.data?.entity.statements.edges.map((e: Any) => e.node.text)).toContain(
      'A statement added while the page was cached',
    );
    await db.write('cleanup', (run) =>
      run(
        'statement',
        "MATCH (s:Statement {text: 'A statement added while the page was cached'}) DETACH DELETE s",
      ),
    );
  });

  it('does not cache authenticated requests, whose answers depend on the role', async () => {
    const reader = graphqlClient(cachedApp(), { token: await tokenFor('reader') });
    await ask(reader, SPOKESMAN_PAGE, spokesman);
    const again = await ask(reader, SPOKESMAN_PAGE, spokesman);
    expect(again.queries).toBeGreaterThan(0);
  });

  it('does not cache answers with errors', async () => {
    const anonymous = graphqlClient(cachedApp(), { token: null });
    // A partial answer: the entity is read, the malformed id is refused.
    const query = '{ entity(key: "person/david-babayan") { name } node(id: "not an id") { id } }';
    const first = await ask(anonymous, query);
    expect(first.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(first.queries).toBeGreaterThan(0);
    const second = await ask(anonymous, query);
    expect(second.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(second.queries).toBe(first.queries);
  });

  it('reads Neo4j again once the time to live has passed (writes made elsewhere show up)', async () => {
    const anonymous = graphqlClient(cachedApp(0.2), { token: null });
    await ask(anonymous, SPOKESMAN_PAGE, spokesman);
    expect((await ask(anonymous, SPOKESMAN_PAGE, spokesman)).queries).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await ask(anonymous, SPOKESMAN_PAGE, spokesman)).queries).toBeGreaterThan(0);
  });

  it('is off with RESPONSE_CACHE_TTL=0', async () => {
    const anonymous = graphqlClient(cachedApp(0), { token: null });
    await ask(anonymous, SPOKESMAN_PAGE, spokesman);
    expect((await ask(anonymous, SPOKESMAN_PAGE, spokesman)).queries).toBeGreaterThan(0);
  });
});
