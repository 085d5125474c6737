import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext } from 'graphql';
import {
  createYoga,
  handleStreamOrSingleExecutionResult,
  type Plugin,
  useReadinessCheck,
} from 'graphql-yoga';
import { exportSubgraph, parseExportRequest, render } from './analyst/export.js';
import { createAuthenticator, hasRole } from './auth/auth.js';
import { cancelWhenDone, useCancelOnEnd } from './cancelOnEnd.js';
import type { Config } from './config.js';
import { corsPolicy, useVaryOnOrigin } from './cors.js';
import type { Database } from './db/database.js';
import { type ErrorCode, HTTP_STATUS, httpOf, isGraphQLError, userError } from './errors.js';
import { useVariableBounds } from './json.js';
import { useNodeLimit } from './limits.js';
import { createLoaders } from './loaders/index.js';
import type { Logger } from './logger.js';
import { endpointOfKeyOrId } from './resolvers/nodes.js';
import { useResponseCache } from './responseCache.js';
import type { Context } from './schema/builder.js';
import { schema } from './schema/index.js';

export interface AppOptions {
  config: Config;
  /** The process-wide database; each request gets its own counting window on it. */
  db: Database;
  logger: Logger;
  /** Readiness: Neo4j reachable and migrated. */
  isReady: () => Promise<boolean>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

// Neo4j errors that mean "not now" rather than a bug: the driver reached no server (ServiceUnavailable,
// SessionExpired), a cluster member cannot take writes during a leader switch, and Neo4j's whole
// TransientError class, which it documents as "retry later" (no Bolt thread free, memory pool full,
// database unavailable, lock timeout, deadlock…). One exception to codes: when no Bolt thread is free
// for a new connection's login, driver 6 reports a ProtocolError with Neo4j's message and without its code.
const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Cluster.NotALeader',
  'Neo.ClientError.General.ForbiddenOnReadOnlyDatabase',
  // Stopped by an administrator (or by us, for a client already gone): worth trying again.
  'Neo.ClientError.Transaction.Terminated',
]);
const NO_THREADS_AT_LOGIN = /^There are no available threads to serve this request/;
const isUnavailable = ({ code = '', message }: Error & { code?: string }) =>
  code.startsWith('Neo.TransientError.') ||
  UNAVAILABLE.has(code) ||
  (code === 'ProtocolError' && NO_THREADS_AT_LOGIN.test(message));
// Over the transaction timeout, while running or while waiting for a lock (LockClientStopped).
const TIMED_OUT = /^Neo\.ClientError\.Transaction\.(TransactionTimedOut|LockClientStopped)/;

/**
 * Expected: the client's own request was wrong (parse, validation, variable coercion: no original error,
 * or a graphql-js one outside any field), or a resolver threw one of our typed errors.
 */
function isExpected(error: GraphQLError): boolean {
  const original = error.originalError;
  if (!original) return true;
  if (!isGraphQLError(original)) return false;
  return !error.path || typeof original.extensions.code === 'string';
}

/**
 * Keeps expected errors (they carry `extensions.code`) and replaces every other one with a generic
 * message carrying the request id, logging the real cause under the same id. No stack trace, driver
 * message or Cypher reaches a client.
 */
function maskUnexpected(error: GraphQLError, requestId: string, logger: Logger): GraphQLError {
  if (isExpected(error)) return error;
  const cause = error.originalError as (Error & { code?: string }) | undefined;
  const options = { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path };
  if (cause?.code && TIMED_OUT.test(cause.code)) {
    logger.warn({ requestId, path: error.path, err: cause }, 'query timed out');
    return new GraphQLError('The query took too long and was stopped', {
      ...options,
      extensions: { code: 'TIMEOUT', requestId, http: httpOf('TIMEOUT') },
    });
  }
  if (cause && isUnavailable(cause)) {
    logger.warn({ requestId, path: error.path, err: cause }, 'database unavailable');
    return new GraphQLError('The database is unavailable; try again shortly', {
      ...options,
      extensions: { code: 'SERVICE_UNAVAILABLE', requestId, http: httpOf('SERVICE_UNAVAILABLE') },
    });
  }
  logger.error({ requestId, path: error.path, err: cause ?? error }, 'unexpected error');
  return new GraphQLError(`Internal server error (request id ${requestId})`, {
    ...options,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  });
}

/** Gives each request an id (a sane incoming `x-request-id`, or a new one) and returns it as a header. */
function useRequestId(ids: WeakMap<Request, string>): Plugin<Context> {
  return {
    onRequest({ request }) {
      const incoming = request.headers.get('x-request-id');
      ids.set(request, incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID());
    },
    onExecute({ args }) {
      const { requestId, logger } = args.contextValue;
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (result.errors?.length) {
              setResult({
                ...result,
                errors: result.errors.map((e) => maskUnexpected(e, requestId, logger)),
              });
            }
          });
        },
      };
    },
    onResponse({ request, response }) {
      const id = ids.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };
}

/** The codes clients can rely on; see errors.ts. */
const TYPED_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
]);

/**
 * Errors the client caused before execution (malformed JSON, an oversized body, parse and validation
 * errors, a mutation over GET) come from graphql-js and yoga without one of our codes: they become
 * BAD_USER_INPUT, keeping their HTTP status (400 where they had none). As the GraphQL-over-HTTP spec
 * says, request errors answer 4xx to clients accepting application/graphql-response+json, and 200 to
 * those accepting only application/json (`spec: true`).
 */
function useClientErrorCodes(): Plugin<Context> {
  const normalise = (error: GraphQLError) => {
    const code = error.extensions?.code;
    if (typeof code === 'string' && TYPED_CODES.has(code)) return error;
    const http = (error.extensions?.http as { status?: number } | undefined) ?? {};
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: {
        ...error.extensions,
        code: 'BAD_USER_INPUT',
        ...(error.path ? {} : { http: { spec: true, ...http, status: http.status ?? 400 } }),
      },
    });
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((e) => normalise(e as GraphQLError)) });
    },
  };
}

/** A rejected limit as a QUERY_TOO_COMPLEX error (graphql-armor reports plain syntax errors). */
function tooComplex(context: ValidationContext | null, error: GraphQLError) {
  const coded = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } },
  });
  if (context) context.reportError(coded);
  else throw coded;
}

/** Query limits, introspection and persisted operations, as configured. */
function protections(config: Config): Plugin<Context>[] {
  const reject = { propagateOnRejection: false, onReject: [tooComplex] };
  const plugins: Plugin<Context>[] = [
    maxDepthPlugin({ n: config.limits.depth, ...reject }),
    maxAliasesPlugin({ n: config.limits.aliases, ...reject }),
    maxDirectivesPlugin({ n: config.limits.directives, ...reject }),
    maxTokensPlugin({ n: config.limits.tokens, ...reject }),
    useNodeLimit(config),
  ];
  if (!config.introspection) {
    plugins.push(blockFieldSuggestionsPlugin(), {
      onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
    });
  }
  if (config.persistedOperationsFile) {
    const store: Record<string, string> = JSON.parse(fs.readFileSync(config.persistedOperationsFile, 'utf8'));
    plugins.push(
      usePersistedOperations({
        getPersistedOperation: (hash) => store[hash] ?? null,
        allowArbitraryOperations: false,
      }),
    );
  }
  return plugins;
}

/**
 * GET /export/{neighbourhood|path|co-mentions|cypher}?…&format=json|graphml for analysts: the same
 * subgraphs as the GraphQL fields, as files for Gephi and friends (see analyst/export.ts).
 */
function useExportEndpoint(
  options: AppOptions,
  authenticate: ReturnType<typeof createAuthenticator>,
): Plugin<Context> {
  return {
    async onRequest({ url, request, endResponse }) {
      const match = /^\/export\/([a-z-]+)$/.exec(url.pathname);
      if (!match?.[1]) return;
      const json = (status: number, error: GraphQLError) =>
        new Response(
          JSON.stringify({
            errors: [{ message: error.message, extensions: { code: error.extensions.code } }],
          }),
          // The error's own headers too: Retry-After on 503, WWW-Authenticate on 401.
          { status, headers: { ...error.extensions.http?.headers, 'content-type': 'application/json' } },
        );
      try {
        const viewer = await authenticate(request.headers);
        if (!hasRole(viewer, 'analyst')) {
          throw userError(
            viewer.anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN',
            'exports are for the analyst role',
          );
        }
        const { request: wanted, format } = parseExportRequest(
          match[1],
          (name) => url.searchParams.get(name) ?? undefined,
          endpointOfKeyOrId,
          options.config.cypher,
        );
        const db = options.db.forRequest(options.logger);
        // A client that goes away mid-export leaves no query running for it.
        const graph = await exportSubgraph(db, wanted).finally(cancelWhenDone(db, request));
        const { body, contentType } = render(graph, format);
        endResponse(
          new Response(body, {
            headers: {
              'content-type': contentType,
              'content-disposition': `attachment; filename="newsgraph-${match[1]}.${format}"`,
            },
          }),
        );
      } catch (error) {
        const graphqlError = isGraphQLError(error) ? error : undefined;
        const code = String(graphqlError?.extensions.code ?? '');
        const status = HTTP_STATUS[code as ErrorCode];
        if (graphqlError && status) return endResponse(json(status, graphqlError));
        const masked = maskUnexpected(
          new GraphQLError('export failed', { originalError: error as Error, path: ['export'] }),
          randomUUID(),
          options.logger,
        );
        endResponse(json(HTTP_STATUS[masked.extensions.code as ErrorCode] ?? 500, masked));
      }
    },
  };
}

/** Builds the GraphQL HTTP application (no listening: see server.ts). */
export function createApp({ config, db, logger, isReady }: AppOptions) {
  const ids = new WeakMap<Request, string>();
  const authenticate = createAuthenticator(config);
  const options = { config, db, logger, isReady };
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: config.graphiql,
    cors: corsPolicy(config),
    logging: {
      debug: (...args) => logger.debug(args.join(' ')),
      info: (...args) => logger.info(args.join(' ')),
      warn: (...args) => logger.warn(args.join(' ')),
      error: (...args) => logger.error(args.join(' ')),
    },
    maxRequestBodySize: config.limits.bodyBytes,
    context: async ({ request }) => {
      const requestId = ids.get(request) ?? randomUUID();
      const viewer = await authenticate(request.headers);
      const requestLogger = logger.child({ requestId, viewer: viewer.subject });
      const requestDb = db.forRequest(requestLogger);
      return {
        db: requestDb,
        loaders: createLoaders(requestDb),
        config,
        logger: requestLogger,
        requestId,
        viewer,
      };
    },
    // Safety net for errors outside execution: anything still without a code is masked.
    maskedErrors: {
      maskError: (error) => {
        if (isGraphQLError(error) && isExpected(error)) return error;
        logger.error({ err: error }, 'unexpected error outside execution');
        return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    plugins: [
      useClientErrorCodes(),
      useRequestId(ids),
      useVariableBounds(),
      useCancelOnEnd(),
      useVaryOnOrigin(),
      useExportEndpoint(options, authenticate),
      ...protections(config),
      useReadinessCheck({ endpoint: '/ready', check: async () => isReady().catch(() => false) }),
      ...(config.responseCache.ttlMs > 0 ? [useResponseCache(config.responseCache)] : []),
    ],
  });
}
