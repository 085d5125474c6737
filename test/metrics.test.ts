import { describe, expect, it } from 'vitest';
import { Gate } from '../src/db/gate.js';
import { createMetrics } from '../src/http/metrics.js';
import { Database } from '../src/testing.js';
import { type Any, createTestApp, graphqlClient, tokenFor, until, useArticleGraph } from './helpers.js';

const { db } = useArticleGraph();

type App = ReturnType<typeof createTestApp>;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments and blank lines left out). */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || !match[3]) throw new Error(`not a sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key as string] = value as string;
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the sample with exactly these labels, or undefined when there is none. */
function sample(samples: Sample[], name: string, labels: Record<string, string> = {}) {
  const wanted = Object.entries(labels);
  return samples.find(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === wanted.length &&
      wanted.every(([k, v]) => s.labels[k] === v),
  )?.value;
}

const scrape = (app: App, headers: Record<string, string> = {}) =>
  app.fetch('http://localhost/metrics', { headers });

async function samplesOf(app: App): Promise<Sample[]> {
  const response = await scrape(app);
  expect(response.status).toBe(200);
  return parseMetrics(await response.text());
}

const SPOKESMAN = `query Spokesman { entity(key: "person/david-babayan") { name } }`;
const TOO_MANY = `query TooMany { statements(first: 500) { totalCount } }`;

describe('GET /metrics', () => {
  it('counts requests by operation, errors by code, Cypher by query name and cache hits', async () => {
    const app = createTestApp(db, { RESPONSE_CACHE_TTL: '60' });
    const anonymous = graphqlClient(app, { token: null });
    const editor = graphqlClient(app, { token: await tokenFor('editor') });

    // Twice anonymously: a miss that reads Neo4j, then a hit that does not.
    for (let i = 0; i < 2; i++) {
      const result = await anonymous<Any>(SPOKESMAN);
      expect(result.data?.entity.name).toBe('David Babayan');
    }
    // With credentials: never cached, and unnamed.
    expect((await editor<Any>(`{ entity(key: "person/bako-sahakian") { name } }`)).errors).toBeUndefined();
    const refused = await editor(TOO_MANY);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Two errors of one code count the request once.
    const twice = await editor(
      `query Twice { a: node(id: "not-an-id") { id } b: node(id: "nor-this") { id } }`,
    );
    expect(twice.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    // Not parseable: no operation name nor type.
    expect((await editor('{ entity(')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A reader may not write.
    const reader = graphqlClient(app, { token: await tokenFor('reader') });
    const forbidden = await reader(
      `mutation Upsert { upsertPerson(input: {key: "person/x", name: "X"}) { key } }`,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const response = await scrape(app);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = parseMetrics(await response.text());

    const duration = 'newsgraph_graphql_request_duration_seconds';
    expect(sample(samples, `${duration}_count`, { operationName: 'Spokesman', operationType: 'query' })).toBe(
      2,
    );
    expect(
      sample(samples, `${duration}_sum`, { operationName: 'Spokesman', operationType: 'query' }),
    ).toBeGreaterThan(0);
    expect(sample(samples, `${duration}_count`, { operationName: 'anonymous', operationType: 'query' })).toBe(
      1,
    );
    expect(sample(samples, `${duration}_count`, { operationName: 'TooMany', operationType: 'query' })).toBe(
      1,
    );
    expect(
      sample(samples, `${duration}_count`, { operationName: 'anonymous', operationType: 'unknown' }),
    ).toBe(1);
    expect(sample(samples, `${duration}_count`, { operationName: 'Upsert', operationType: 'mutation' })).toBe(
      1,
    );

    const errors = 'newsgraph_graphql_request_errors_total';
    expect(sample(samples, errors, { operationName: 'TooMany', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(samples, errors, { operationName: 'Twice', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(samples, errors, { operationName: 'anonymous', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(samples, errors, { operationName: 'Upsert', code: 'FORBIDDEN' })).toBe(1);
    expect(sample(samples, errors, { operationName: 'Spokesman', code: 'BAD_USER_INPUT' })).toBeUndefined();

    // One entity read for the first Spokesman (the second was cached) and one for the unnamed query;
    // the refused ones ran no Cypher.
    const cypher = 'newsgraph_cypher_query_duration_seconds';
    expect(sample(samples, `${cypher}_count`, { query: 'entityByKey' })).toBe(2);
    expect(sample(samples, `${cypher}_count`, { query: 'count.statements' })).toBeUndefined();
    expect(sample(samples, 'newsgraph_cypher_query_errors_total', { query: 'entityByKey' })).toBeUndefined();

    expect(sample(samples, 'newsgraph_response_cache_hits_total')).toBe(1);
    expect(sample(samples, 'newsgraph_response_cache_misses_total')).toBe(1);

    expect(sample(samples, 'newsgraph_neo4j_sessions_in_use')).toBe(0);
    expect(sample(samples, 'newsgraph_neo4j_sessions_waiting')).toBe(0);
    // Node's default process metrics.
    expect(sample(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(sample(samples, 'process_start_time_seconds')).toBeGreaterThan(0);
    expect(sample(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(samples, 'nodejs_active_handles_total')).toBeGreaterThan(0);
  });

  it('shows the sessions open on the query gate and the queries waiting for one', async () => {
    // A gate of one slot, so that a second session has to wait.
    const gate = new Gate({ maxConcurrent: 1, queue: 1, waitMs: 10_000 });
    const small = new Database(db.driver, db.database, undefined, 15_000, gate);
    const app = createTestApp(small);
    let release = () => {};
    const held = small.withSession('READ', () => new Promise<void>((resolve) => (release = resolve)));
    const queued = small.withSession('READ', async () => {});
    await until(() => gate.load.waiting === 1, 5_000, 'the second session waits');
    const busy = await samplesOf(app);
    expect(sample(busy, 'newsgraph_neo4j_sessions_in_use')).toBe(1);
    expect(sample(busy, 'newsgraph_neo4j_sessions_waiting')).toBe(1);
    release();
    await Promise.all([held, queued]);
    const idle = await samplesOf(app);
    expect(sample(idle, 'newsgraph_neo4j_sessions_in_use')).toBe(0);
    expect(sample(idle, 'newsgraph_neo4j_sessions_waiting')).toBe(0);
  });

  it('times the Cypher of writes and of /export by query name', async () => {
    const app = createTestApp(db);
    const editor = graphqlClient(app, { token: await tokenFor('editor') });
    const upsert = await editor(
      `mutation { upsertPerson(input: {key: "person/metrics-example", name: "Metrics Example"}) { key } }`,
    );
    expect(upsert.errors).toBeUndefined();
    const exported = await app.fetch(
      'http://localhost/export/neighbourhood?id=person/david-babayan&depth=1&format=json',
      { headers: { authorization: `Bearer ${await tokenFor('analyst')}` } },
    );
    expect(exported.status).toBe(200);

    const samples = await samplesOf(app);
    const cypher = 'newsgraph_cypher_query_duration_seconds_count';
    expect(sample(samples, cypher, { query: 'upsertPerson.merge' })).toBe(1);
    expect(sample(samples, cypher, { query: 'neighbourhood' })).toBe(1);
    // Each app counts only its own: another app has seen none of this.
    const other = await samplesOf(createTestApp(db));
    expect(sample(other, cypher, { query: 'upsertPerson.merge' })).toBeUndefined();
  });

  it('counts failed Cypher by query name', async () => {
    const metrics = createMetrics(db);
    const window = db.forRequest(undefined, metrics.onQuery);
    await expect(window.read('test.broken', 'RETURN nonsense(')).rejects.toThrow();
    const samples = parseMetrics(await metrics.registry.metrics());
    expect(sample(samples, 'newsgraph_cypher_query_errors_total', { query: 'test.broken' })).toBe(1);
    expect(sample(samples, 'newsgraph_cypher_query_duration_seconds_count', { query: 'test.broken' })).toBe(
      1,
    );
  });

  it('labels at most 100 operation names; later ones are "other"', async () => {
    const app = createTestApp(db);
    const gql = graphqlClient(app, { token: null });
    for (let i = 0; i < 101; i++) await gql(`query Op${i} { __typename }`);
    const samples = await samplesOf(app);
    const count = 'newsgraph_graphql_request_duration_seconds_count';
    expect(sample(samples, count, { operationName: 'Op99', operationType: 'query' })).toBe(1);
    expect(sample(samples, count, { operationName: 'Op100', operationType: 'query' })).toBeUndefined();
    expect(sample(samples, count, { operationName: 'other', operationType: 'query' })).toBe(1);
  });

  it('answers only GET', async () => {
    const response = await createTestApp(db).fetch('http://localhost/metrics', { method: 'POST' });
    expect(response.status).toBe(405);
  });

  it('is not served with METRICS=false', async () => {
    const app = createTestApp(db, { METRICS: 'false' });
    expect((await scrape(app)).status).toBe(404);
    expect((await graphqlClient(app, { token: null })<Any>(SPOKESMAN)).data?.entity.name).toBe(
      'David Babayan',
    );
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'scrape-token-for-the-metrics-tests';
    const app = createTestApp(db, { METRICS_TOKEN: token });
    const without = await scrape(app);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect((await scrape(app, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await scrape(app, { authorization: token })).status).toBe(401);
    const withToken = await scrape(app, { authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('newsgraph_neo4j_sessions_in_use');
  });
});
