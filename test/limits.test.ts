import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/model/globalId.js';
import {
  type Any,
  createTestApp,
  SOURCE_KEY,
  tokenFor,
  useArticleGraph,
  useCountingDatabase,
} from './helpers.js';

useArticleGraph();

const counting = useCountingDatabase();

let analyst: string;
beforeAll(async () => {
  analyst = await tokenFor('analyst');
});

/** Posts an operation (or a persisted one's hash) to an app over `counting`; returns the Neo4j queries it ran. */
async function send(body: Record<string, unknown>, env: Record<string, string> = {}, token?: string) {
  const app = createTestApp(counting, env);
  counting.queryCount = 0;
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token ?? (await tokenFor('editor'))}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Any, queries: counting.queryCount };
}

/** Expects the node limit's refusal, with the count in its message, before any Neo4j query. */
function expectRefused(result: Awaited<ReturnType<typeof send>>, nodes: string, limit = '50,000') {
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors).toEqual([
    {
      message: `this operation could return ${nodes} nodes; the limit is ${limit} (LIMIT_NODES)`,
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    },
  ]);
  expect(result.queries).toBe(0);
}

function expectAnswered(result: Awaited<ReturnType<typeof send>>) {
  expect(result.body.errors).toBeUndefined();
  expect(result.status).toBe(200);
  expect(result.queries).toBeGreaterThan(0);
  return result.body.data as Any;
}

// 100 organisations × 100 members × 100 statements: 100 + 10,000 + 1,000,000 nodes.
const DEEP = `query Deep($n: Int) {
  organisations(first: $n) { edges { node { name members(first: $n) { edges { node { role
    member { ... on Person { statements(first: $n) { edges { node { text } } } } } } } } } } }
}`;

const EVENTS_PAGE = `{ events(first: 50) { edges { node { key
  participants(first: 20) { edges { node { role entity { key } } } } } } } }`;

describe('the node limit', () => {
  it('accepts a page of 50 events with 20 participants each (1,050 nodes)', async () => {
    const data = expectAnswered(await send({ query: EVENTS_PAGE }));
    expect(data.events.edges).toHaveLength(9);
    const sumgait = data.events.edges.find((e: Any) => e.node.key === 'event/sumgait-pogrom-1988');
    expect(sumgait.node.participants.edges).toEqual([]);
    const participants = data.events.edges.flatMap((e: Any) => e.node.participants.edges);
    expect(participants.length).toBeGreaterThan(0);
  });

  it('accepts a page of 10 sources with 100 statements each, their topics and evidence (21,010 nodes)', async () => {
    const data = expectAnswered(
      await send({
        query: `{ sources(first: 10) { edges { node { key statements(first: 100) { edges { node {
          text speaker { key } about { key } evidence { start end excerpt } } } } } } } }`,
      }),
    );
    expect(data.sources.edges.map((e: Any) => e.node.key)).toEqual([SOURCE_KEY]);
    const statements = data.sources.edges[0].node.statements.edges;
    expect(statements).toHaveLength(24);
    expect(statements.every((s: Any) => s.node.evidence.length === 1)).toBe(true);
  });

  it('refuses a million-node request written with literals', async () => {
    const literal = DEEP.replace('($n: Int)', '').replaceAll('$n', '100');
    expectRefused(await send({ query: literal }), '1,010,100');
  });

  it('refuses a million-node request given through variables, and runs the same document with small pages', async () => {
    const small = expectAnswered(await send({ query: DEEP, variables: { n: 5 } }));
    expect(small.organisations.edges).toHaveLength(5);
    expectRefused(await send({ query: DEEP, variables: { n: 100 } }), '1,010,100');
    // The verdict depends on the variables, never on a cached validation of the document.
    expectAnswered(await send({ query: DEEP, variables: { n: 5 } }));
  });

  it('counts a missing first as the default page size of 20', async () => {
    const query = `{ organisations(first: 100) { edges { node { members { edges { node {
      member { ... on Person { statements(first: 100) { edges { node { text } } } } } } } } } } } }`;
    // 100 + 100 × 20 + 2,000 × 100
    expectRefused(await send({ query }), '202,100');
  });

  it('counts what named and inline fragments select', async () => {
    const query = `query { organisations(first: 100) { ...Members } }
      fragment Members on OrganisationConnection { edges { node { members(first: 100) { edges { node {
        member { ...Speeches } } } } } } }
      fragment Speeches on Entity { ... on Person { statements(first: 100) { edges { node { text } } } } }`;
    // The depth limit counts each fragment as a level; this test is about the node count.
    expectRefused(await send({ query }, { LIMIT_DEPTH: '20' }), '1,010,100');
  });

  it('leaves out what @include removes', async () => {
    const query = `query ($deep: Boolean!) { organisations(first: 100) { edges { node { members(first: 100) {
      edges { node { member { ... on Person @include(if: $deep) {
        statements(first: 100) { edges { node { text } } } } } } } } } } } }`;
    expectRefused(await send({ query, variables: { deep: true } }), '1,010,100');
    // 100 + 10,000
    const data = expectAnswered(await send({ query, variables: { deep: false } }));
    expect(data.organisations.edges).toHaveLength(17);
  });

  it('leaves out what @skip removes', async () => {
    const query = `query ($shallow: Boolean!) { organisations(first: 100) { edges { node { members(first: 100) {
      edges { node { member { ... on Person @skip(if: $shallow) {
        statements(first: 100) { edges { node { text } } } } } } } } } } } }`;
    expectRefused(await send({ query, variables: { shallow: false } }), '1,010,100');
    expectAnswered(await send({ query, variables: { shallow: true } }));
  });

  const event = toGlobalId('Event', 'event/baku-pogrom-1990');
  it.each([
    ['coMentions by its first', `coMentions(id: "${event}", first: 7) { weight }`, '7'],
    ['coMentionPairs by its first', 'coMentionPairs(first: 7) { weight }', '7'],
    ['ranking by its first', 'ranking(by: CITATIONS, first: 7) { score }', '7'],
    [
      'near by its first',
      'near(latitude: 40.4, longitude: 49.9, radiusKm: 50, first: 7) { distanceKm }',
      '7',
    ],
    [
      'the events of a nearby place as a plain list (10 each)',
      'near(latitude: 40.4, longitude: 49.9, radiusKm: 50, first: 1) { events { name } }',
      '11',
    ],
    [
      'a yearly timeline as a century of years',
      `statementTimeline(id: "${event}", interval: YEAR) { period }`,
      '100',
    ],
    [
      'a monthly timeline and its top five speakers',
      `statementTimeline(id: "${event}", interval: MONTH) { period speakers { count } }`,
      '7,200',
    ],
    ['nodes by its number of ids', `nodes(ids: [${Array(8).fill(`"${event}"`).join(', ')}]) { id }`, '8'],
  ])('weighs %s', async (_what, field, nodes) => {
    expectRefused(await send({ query: `{ ${field} }` }, { LIMIT_NODES: '6' }, analyst), nodes, '6');
  });

  it('weighs neighbourhood by its limit', async () => {
    const query = `query ($limit: Int) { neighbourhood(id: "${toGlobalId('Organisation', 'organisation/artsakh-republic')}",
      limit: $limit) { nodes { ... on Person { statements(first: 100) { edges { node { text } } } } } } }`;
    // 500 + 500 × 100
    expectRefused(await send({ query, variables: { limit: 500 } }, {}, analyst), '50,500');
    const data = expectAnswered(await send({ query, variables: { limit: 400 } }, {}, analyst));
    expect(data.neighbourhood.nodes.length).toBeGreaterThan(1);
  });

  it('weighs paths by their limit times the nodes on a path', async () => {
    const query = `{ paths(from: "${toGlobalId('Person', 'person/david-babayan')}",
      to: "${toGlobalId('Person', 'person/andrzej-kasprzyk')}", limit: 100, maxLength: 8) {
        nodes { ... on Person { statements(first: 100) { edges { node { text } } } } } } }`;
    // 100 paths × 9 nodes, each with 100 statements: 900 + 90,000
    expectRefused(await send({ query }, {}, analyst), '90,900');
  });

  it('weighs cypher by the configured row cap', async () => {
    const query = `{ cypher(query: "MATCH (p:Person) RETURN p") {
      nodes { ... on Person { statements(first: 100) { edges { node { text } } } } } } }`;
    expectRefused(await send({ query }, {}, analyst), '101,000');
    expectRefused(await send({ query }, { CYPHER_ROW_CAP: '2000' }, analyst), '202,000');
  });

  it('counts a persisted operation the same way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-limits-'));
    const store = path.join(dir, 'operations.json');
    fs.writeFileSync(store, JSON.stringify({ deep: DEEP }));
    const env = { PERSISTED_OPERATIONS_FILE: store };
    const persisted = (n: number) => ({
      extensions: { persistedQuery: { version: 1, sha256Hash: 'deep' } },
      variables: { n },
    });
    expectRefused(await send(persisted(100), env), '1,010,100');
    expect(expectAnswered(await send(persisted(5), env)).organisations.edges).toHaveLength(5);
  });

  it('takes its limit from LIMIT_NODES', async () => {
    expectRefused(await send({ query: EVENTS_PAGE }, { LIMIT_NODES: '1000' }), '1,050', '1,000');
  });
});
