/**
 * GraphQL over WebSocket (the graphql-ws protocol) at /graphql, beside the HTTP app on the same port.
 * Every operation goes through the app's own envelop (yoga's documented recipe), so authentication,
 * limits, the subscription cap and error masking apply as over HTTP; the checks yoga runs on an HTTP
 * request before its envelop (persisted operations only, variable bounds, body size) are made here.
 * Credentials come in the connection's `connectionParams.authorization` (browsers cannot set headers on
 * a WebSocket) or the upgrade request's Authorization header. A refused operation gets an error message
 * of its own; the socket and its other operations stay open.
 */
import type { Server } from 'node:http';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from '../config.js';
import { badInput, isGraphQLError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { createApp } from './app.js';
import { maskOutsideExecution, withClientCode } from './errors.js';
import { persistedOperations } from './limits.js';
import { checkVariableBounds } from './variableBounds.js';

type App = ReturnType<typeof createApp>;
interface Executors {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

/** Milliseconds between pings on an open WebSocket; a peer that misses one is dropped. */
const KEEP_ALIVE_MS = 12_000;

/** Serves graphql-ws on `server`'s /graphql; returns how to close every socket (server shutdown). */
export function attachWebSocket(
  server: Server,
  app: App,
  config: Config,
  logger: Logger,
): () => Promise<void> {
  const sockets = new WebSocketServer({
    server,
    path: app.graphqlEndpoint,
    maxPayload: config.limits.bodyBytes,
  });
  const documentOf = documentsAllowed(config);
  const mask = maskOutsideExecution(logger);
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Executors).execute(args) as never,
      subscribe: (args) => (args.rootValue as Executors).subscribe(args) as never,
      onSubscribe: async (ctx, _id, payload) => {
        try {
          checkVariableBounds(payload.variables);
          const query = documentOf(payload);
          const headers = new Headers();
          const fromParams = ctx.connectionParams?.authorization;
          const authorization =
            typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
          if (authorization) headers.set('authorization', authorization);
          // The address a proxy saw, for the per-client cap (read only with TRUST_PROXY).
          const forwarded = ctx.extra.request.headers['x-forwarded-for'];
          if (typeof forwarded === 'string') headers.set('x-forwarded-for', forwarded);
          const request = new Request(`http://localhost${app.graphqlEndpoint}`, { method: 'POST', headers });
          const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({
            request,
            req: ctx.extra.request,
            params: { ...payload, query },
          });
          const args: ExecutionArgs = {
            schema,
            operationName: payload.operationName,
            document: parse(query),
            variableValues: payload.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
          const errors = validate(args.schema, args.document);
          return errors.length ? errors.map((e: GraphQLError) => withClientCode(e)) : args;
        } catch (error) {
          return [isGraphQLError(error) ? withClientCode(error) : mask(error)];
        }
      },
    },
    sockets,
    KEEP_ALIVE_MS,
  );
  return async () => {
    await disposable.dispose();
  };
}

/** The document an operation runs: its own, or with PERSISTED_OPERATIONS_FILE only a stored one. */
function documentsAllowed(config: Config): (payload: SubscribePayload) => string {
  const store = persistedOperations(config);
  if (!store) return (payload) => payload.query;
  return (payload) => {
    const persisted = payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
    const hash = typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
    const document = hash === undefined ? undefined : store[hash];
    if (document === undefined) throw badInput('only persisted operations run here (PersistedQueryOnly)');
    return document;
  };
}
