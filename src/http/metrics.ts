/**
 * Prometheus metrics at GET /metrics: GraphQL requests by operation and their errors by code, Cypher
 * statements by name, response-cache hits and misses, the query gate's sessions, and Node's process
 * metrics. Each app has its own registry, never prom-client's global one, so that several apps in one
 * process (the tests) do not share or clash over series.
 *
 * Not @graphql-yoga/plugin-prometheus: it counts errors by phase and path as it meets them, before
 * errors.ts has masked them and given every one the code the client sees, and it brings a dozen
 * graphql_envelop_* series to configure; the few hooks below say what we need.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database, QueryObserver } from '../db/database.js';
import { isErrorCode } from '../errors.js';
import type { Context } from '../schema/context.js';

const METRICS_PATH = '/metrics';

/** Seconds: a cached answer takes about a millisecond, a query at its timeout 10–15 s. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Distinct operation names counted one by one; a client chooses them, so past this they are `other`. */
const MAX_OPERATION_NAMES = 100;

/**
 * Query names are written in our code, never taken from a request: constants (`list.statements`,
 * `entityByKey`, `addStatement.merge`) or built from closed sets (relation and list names, a link type
 * or ranking the schema's enums have checked, the sorted subset of a node's links asked for, at most
 * 127 for statements). A few hundred values at most; this cap only guards against a future name built
 * from input.
 */
const MAX_QUERY_NAMES = 1000;

/** What one GraphQL request is labelled with; known once its document parses. */
interface RequestLabels {
  started: number;
  operationName: string;
  operationType: string;
  answered: boolean;
}

/** Keeps a label's values bounded: the first `max` distinct values stay, any later one is `other`. */
function boundedLabel(max: number) {
  const seen = new Set<string>();
  return (value: string) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * The metrics of one app over `db`: the observers its requests' database windows and response cache
 * report to, and the plugin that times requests and serves the registry (behind `token` when set).
 */
export function createMetrics(db: Database, { token }: { token?: string } = {}) {
  const registry = new Registry();
  const registers = [registry];
  const operationLabel = boundedLabel(MAX_OPERATION_NAMES);
  const queryLabel = boundedLabel(MAX_QUERY_NAMES);

  const requestDuration = new Histogram({
    name: 'newsgraph_graphql_request_duration_seconds',
    help: 'GraphQL requests, from arrival to response, by operation (anonymous when it has no name)',
    labelNames: ['operationName', 'operationType'] as const,
    buckets: BUCKETS,
    registers,
  });
  const requestErrors = new Counter({
    name: 'newsgraph_graphql_request_errors_total',
    help: 'GraphQL requests answered with an error of this extensions.code (once per code per request)',
    labelNames: ['operationName', 'code'] as const,
    registers,
  });
  const queryDuration = new Histogram({
    name: 'newsgraph_cypher_query_duration_seconds',
    help: 'Cypher statements run for requests, by query name, from sending to having the rows',
    labelNames: ['query'] as const,
    buckets: BUCKETS,
    registers,
  });
  const queryErrors = new Counter({
    name: 'newsgraph_cypher_query_errors_total',
    help: 'Cypher statements run for requests that failed, by query name',
    labelNames: ['query'] as const,
    registers,
  });
  const cacheHits = new Counter({
    name: 'newsgraph_response_cache_hits_total',
    help: 'Anonymous reads answered from the response cache',
    registers,
  });
  const cacheMisses = new Counter({
    name: 'newsgraph_response_cache_misses_total',
    help: 'Anonymous reads the response cache did not have',
    registers,
  });
  // Read when scraped: the gate is the process's cap on open Neo4j sessions (db/gate.ts).
  new Gauge({
    name: 'newsgraph_neo4j_sessions_in_use',
    help: 'Neo4j sessions open now (slots of the query gate in use)',
    registers,
    collect() {
      this.set(db.gate.load.running);
    },
  });
  new Gauge({
    name: 'newsgraph_neo4j_sessions_waiting',
    help: 'Queries waiting for a slot of the query gate',
    registers,
    collect() {
      this.set(db.gate.load.waiting);
    },
  });

  const onQuery: QueryObserver = (name, ms, ok) => {
    const query = queryLabel(name);
    queryDuration.observe({ query }, ms / 1000);
    if (!ok) queryErrors.inc({ query });
  };

  const onCacheLookup = (hit: boolean) => (hit ? cacheHits : cacheMisses).inc();

  const expected = token === undefined ? undefined : sha256(`Bearer ${token}`);
  // Digests of equal length let timingSafeEqual compare without leaking the token's length.
  const authorised = (header: string | null) =>
    expected === undefined || (header !== null && timingSafeEqual(sha256(header), expected));

  // Process metrics start with the first scrape: an app nobody scrapes (most tests) starts no monitors.
  let processMetrics = false;
  const scrape = async () => {
    if (!processMetrics) {
      collectDefaultMetrics({ register: registry });
      processMetrics = true;
    }
    return new Response(await registry.metrics(), {
      headers: { 'content-type': registry.contentType },
    });
  };

  const requests = new WeakMap<Request, RequestLabels>();

  const plugin = (): Plugin<Context> => ({
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== METRICS_PATH) {
        requests.set(request, {
          started: performance.now(),
          operationName: 'anonymous',
          operationType: 'unknown',
          answered: false,
        });
        return;
      }
      if (request.method !== 'GET') {
        return endResponse(new Response(null, { status: 405, headers: { allow: 'GET' } }));
      }
      if (!authorised(request.headers.get('authorization'))) {
        const challenge = { status: 401, headers: { 'www-authenticate': 'Bearer' } };
        return endResponse(new Response('Unauthorized\n', challenge));
      }
      return scrape().then(endResponse);
    },
    onParse({ context }) {
      return ({ result }) => {
        const labels = requests.get(context.request);
        if (!labels || result instanceof Error) return;
        const operation = getOperationAST(result as DocumentNode, context.params.operationName);
        if (!operation) return;
        labels.operationName = operation.name ? operation.name.value : 'anonymous';
        labels.operationType = operation.operation;
      };
    },
    // After useClientErrorCodes and the masking: these are the codes the client reads.
    onResultProcess({ request, result }) {
      const labels = requests.get(request);
      if (!labels) return;
      labels.answered = true;
      labels.operationName = operationLabel(labels.operationName);
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      const codes = new Set(
        result.errors.map((e) => {
          const code = e.extensions?.code;
          return isErrorCode(code) ? code : 'UNKNOWN';
        }),
      );
      for (const code of codes) requestErrors.inc({ operationName: labels.operationName, code });
    },
    // Timed here, not at the result, so that serialising the answer counts too.
    onResponse({ request }) {
      const labels = requests.get(request);
      if (!labels?.answered) return;
      const { operationName, operationType } = labels;
      requestDuration.observe({ operationName, operationType }, (performance.now() - labels.started) / 1000);
    },
  });

  return { registry, onQuery, onCacheLookup, plugin };
}

/** The metrics of one app (see createMetrics). */
export type Metrics = ReturnType<typeof createMetrics>;
