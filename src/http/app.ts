/**
 * The GraphQL HTTP application: schema, per-request context, and the plugins of this folder, one job
 * each (request ids, error masking, limits, cancellation, bookmarks, CORS, the export route, the response
 * cache, metrics, the explorer).
 */
import type { IncomingMessage } from 'node:http';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import { createAuthenticator } from '../auth/auth.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { createLocalBus, type LiveBus, type LiveEvent } from '../live/bus.js';
import { createLoaders, type Loaders } from '../loaders/index.js';
import type { Logger } from '../logger.js';
import type { Context } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { bookmarksOf, useBookmarks } from './bookmarks.js';
import { useCancelOnEnd } from './cancelOnEnd.js';
import { corsPolicy, useVaryOnOrigin } from './cors.js';
import { maskOutsideExecution, useClientErrorCodes, useErrorMasking } from './errors.js';
import { renderOfflineGraphiQL, useExplorer } from './explorer.js';
import { useExportEndpoint } from './exportRoute.js';
import { protections } from './limits.js';
import { createMetrics } from './metrics.js';
import { createRequestIds } from './requestId.js';
import { useResponseCache } from './responseCache.js';
import { clientOf, useSubscriptionCap } from './subscriptionCap.js';
import { useVariableBounds } from './variableBounds.js';

export interface AppOptions {
  config: Config;
  /** The process-wide database; each request gets its own counting window on it. */
  db: Database;
  logger: Logger;
  /** Readiness: Neo4j reachable and migrated. */
  isReady: () => Promise<boolean>;
  /** Where writes announce and subscriptions listen; a bus of this app alone when not given. */
  live?: LiveBus;
}

/**
 * What the server hands each request besides the Request: the Node request it came on (its address
 * names an anonymous client), absent when the app is called through fetch.
 */
export interface ServerContext {
  req?: Pick<IncomingMessage, 'socket'>;
}

/** Builds the GraphQL HTTP application (no listening: see server.ts). */
export function createApp({ config, db, logger, isReady, live = createLocalBus() }: AppOptions) {
  const requestIds = createRequestIds();
  const authenticate = createAuthenticator(config);
  // Per app, not per process: each app counts its own requests (tests run several in one process).
  const metrics = config.metrics.enabled ? createMetrics(db, config.metrics) : undefined;
  const onQuery = metrics?.onQuery;
  const options = { config, db, logger, isReady, onQuery };
  // Keyed by the event object every subscriber receives, so it goes when the event does.
  const eventLoaders = new WeakMap<object, Loaders>();
  const loadersOfEvent = (event: LiveEvent) => {
    let loaders = eventLoaders.get(event);
    if (!loaders) {
      // An instance of an older version announces no bookmarks.
      loaders = createLoaders(db.forRequest(logger, onQuery, [...(event.bookmarks ?? [])]));
      // The record the write made: a subscriber asking only for its fields reads nothing.
      const { record } = event;
      if (record?.label === 'Statement') loaders.statementByKey.prime(record.key, record);
      else if (record) loaders.entityByKey.prime(record.key, record);
      eventLoaders.set(event, loaders);
    }
    return loaders;
  };
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: config.graphiql,
    renderGraphiQL: renderOfflineGraphiQL,
    cors: corsPolicy(config),
    logging: {
      debug: (...args) => logger.debug(args.join(' ')),
      info: (...args) => logger.info(args.join(' ')),
      warn: (...args) => logger.warn(args.join(' ')),
      error: (...args) => logger.error(args.join(' ')),
    },
    maxRequestBodySize: config.limits.bodyBytes,
    context: async ({ request, req }) => {
      const requestId = requestIds.of(request);
      const viewer = await authenticate(request.headers);
      const requestLogger = logger.child({ requestId, viewer: viewer.subject });
      const requestDb = db.forRequest(requestLogger, onQuery, bookmarksOf(request, viewer));
      return {
        db: requestDb,
        loaders: createLoaders(requestDb),
        config,
        logger: requestLogger,
        requestId,
        viewer,
        client: clientOf(viewer, request, req?.socket.remoteAddress, config.live.trustProxy),
        live,
        loadersOfEvent,
      };
    },
    // Safety net for errors outside execution: anything still without a code is masked.
    maskedErrors: { maskError: maskOutsideExecution(logger) },
    plugins: [
      useClientErrorCodes(),
      // After useClientErrorCodes: it reads the codes clients get. Absent, /metrics is not found.
      ...(metrics ? [metrics.plugin()] : []),
      requestIds.plugin(),
      useErrorMasking(),
      useVariableBounds(),
      useCancelOnEnd(),
      useBookmarks(),
      useVaryOnOrigin(),
      useExportEndpoint(options, authenticate),
      useExplorer({ graphiql: config.graphiql, explorer: !config.persistedOperationsFile, logger }),
      ...protections(config),
      useReadinessCheck({ endpoint: '/ready', check: async () => isReady().catch(() => false) }),
      ...(config.responseCache.ttlMs > 0
        ? [
            useResponseCache({
              ...config.responseCache,
              onLookup: metrics?.onCacheLookup,
              onAnyWrite: live.onWrite,
            }),
          ]
        : []),
      useSubscriptionCap(config.live.perClient),
    ],
  });
}
