/**
 * GraphQL over WebSocket (the graphql-ws protocol) at /graphql, beside the HTTP app on the same port.
 * Every operation goes through the app's own envelop (yoga's documented recipe), so authentication,
 * limits, the subscription cap and error masking apply exactly as over HTTP. Credentials come in the
 * connection's `connectionParams.authorization` (browsers cannot set headers on a WebSocket) or the
 * upgrade request's Authorization header.
 */
import type { Server } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { createApp } from './app.js';

type App = ReturnType<typeof createApp>;
interface Executors {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

/** Milliseconds between pings on an open WebSocket; a peer that misses one is dropped. */
const KEEP_ALIVE_MS = 12_000;

/** Serves graphql-ws on `server`'s /graphql; returns how to close every socket (server shutdown). */
export function attachWebSocket(server: Server, app: App): () => Promise<void> {
  const sockets = new WebSocketServer({ server, path: app.graphqlEndpoint });
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Executors).execute(args) as never,
      subscribe: (args) => (args.rootValue as Executors).subscribe(args) as never,
      onSubscribe: async (ctx, _id, payload) => {
        const headers = new Headers();
        const fromParams = ctx.connectionParams?.authorization;
        const authorization =
          typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        if (authorization) headers.set('authorization', authorization);
        const request = new Request(`http://localhost${app.graphqlEndpoint}`, { method: 'POST', headers });
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({
          request,
          req: ctx.extra.request,
          params: payload,
        });
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    sockets,
    KEEP_ALIVE_MS,
  );
  return async () => {
    await disposable.dispose();
  };
}
