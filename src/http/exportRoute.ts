import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type createAuthenticator, hasRole } from '../auth/auth.js';
import type { Config } from '../config.js';
import type { Database, QueryObserver } from '../db/database.js';
import { HTTP_STATUS, isErrorCode, isGraphQLError, userError } from '../errors.js';
import type { Logger } from '../logger.js';
import { endpointOfKeyOrId } from '../model/globalId.js';
import { exportSubgraph, parseExportRequest, render } from '../queries/export.js';
import type { Context } from '../schema/context.js';
import { cancelWhenDone } from './cancelOnEnd.js';
import { maskUnexpected } from './errors.js';

/**
 * GET /export/{neighbourhood|path|co-mentions|cypher}?…&format=json|graphml for analysts: the same
 * subgraphs as the GraphQL fields, as files for Gephi and friends (see queries/export.ts).
 */
export function useExportEndpoint(
  options: { config: Config; db: Database; logger: Logger; onQuery?: QueryObserver },
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
        const db = options.db.forRequest(options.logger, options.onQuery);
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
        const code = graphqlError?.extensions.code;
        if (graphqlError && isErrorCode(code)) return endResponse(json(HTTP_STATUS[code], graphqlError));
        const masked = maskUnexpected(
          new GraphQLError('export failed', { originalError: error as Error, path: ['export'] }),
          randomUUID(),
          options.logger,
        );
        const maskedCode = masked.extensions.code;
        endResponse(json(isErrorCode(maskedCode) ? HTTP_STATUS[maskedCode] : 500, masked));
      }
    },
  };
}
