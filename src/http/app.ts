/**
 * The GraphQL HTTP application: schema, per-request context, and the plugins of this folder, one job
 * each (request ids, error masking, limits, cancellation, CORS, the export route, the response cache,
 * metrics).
 */
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import { createAuthenticator } from '../auth/auth.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { createLoaders } from '../loaders/index.js';
import type { Logger } from '../logger.js';
import type { Context } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { useCancelOnEnd } from './cancelOnEnd.js';
import { corsPolicy, useVaryOnOrigin } from './cors.js';
import { maskOutsideExecution, useClientErrorCodes, useErrorMasking } from './errors.js';
import { useExportEndpoint } from './exportRoute.js';
import { protections } from './limits.js';
import { createMetrics } from './metrics.js';
import { createRequestIds } from './requestId.js';
import { useResponseCache } from './responseCache.js';
import { useVariableBounds } from './variableBounds.js';

export interface AppOptions {
  config: Config;
  /** The process-wide database; each request gets its own counting window on it. */
  db: Database;
  logger: Logger;
  /** Readiness: Neo4j reachable and migrated. */
  isReady: () => Promise<boolean>;
}

/** Builds the GraphQL HTTP application (no listening: see server.ts). */
export function createApp({ config, db, logger, isReady }: AppOptions) {
  const requestIds = createRequestIds();
  const authenticate = createAuthenticator(config);
  // Per app, not per process: each app counts its own requests (tests run several in one process).
  const metrics = config.metrics.enabled ? createMetrics(db, config.metrics) : undefined;
  const onQuery = metrics?.onQuery;
  const options = { config, db, logger, isReady, onQuery };
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
      const requestId = requestIds.of(request);
      const viewer = await authenticate(request.headers);
      const requestLogger = logger.child({ requestId, viewer: viewer.subject });
      const requestDb = db.forRequest(requestLogger, onQuery);
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
    maskedErrors: { maskError: maskOutsideExecution(logger) },
    plugins: [
      useClientErrorCodes(),
      // After useClientErrorCodes: it reads the codes clients get. Absent, /metrics is not found.
      ...(metrics ? [metrics.plugin()] : []),
      requestIds.plugin(),
      useErrorMasking(),
      useVariableBounds(),
      useCancelOnEnd(),
      useVaryOnOrigin(),
      useExportEndpoint(options, authenticate),
      ...protections(config),
      useReadinessCheck({ endpoint: '/ready', check: async () => isReady().catch(() => false) }),
      ...(config.responseCache.ttlMs > 0
        ? [useResponseCache({ ...config.responseCache, onLookup: metrics?.onCacheLookup })]
        : []),
    ],
  });
}
