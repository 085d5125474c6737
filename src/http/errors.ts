/**
 * What a client sees of an error. Expected errors (they carry one of the codes in errors.ts) reach it
 * as they are; a timed-out or unavailable database becomes TIMEOUT or SERVICE_UNAVAILABLE, a bookmark
 * Neo4j rejects BAD_USER_INPUT; everything else is masked to a message with the request id, and its
 * cause logged under that id.
 */
import { GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { httpOf, isErrorCode, isGraphQLError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Context } from '../schema/context.js';
import { BOOKMARKS_HEADER } from './bookmarks.js';

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
// A bookmark the client sent (see bookmarks.ts) that Neo4j cannot read, or one mixing databases.
const BAD_BOOKMARK = /^Neo\.ClientError\.Transaction\.InvalidBookmark(Mixture)?$/;

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
export function maskUnexpected(error: GraphQLError, requestId: string, logger: Logger): GraphQLError {
  if (isExpected(error)) return error;
  const cause = error.originalError as (Error & { code?: string }) | undefined;
  const options = { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path };
  if (cause?.code && BAD_BOOKMARK.test(cause.code)) {
    return new GraphQLError(`${BOOKMARKS_HEADER}: Neo4j does not recognise a bookmark`, {
      ...options,
      extensions: { code: 'BAD_USER_INPUT', requestId },
    });
  }
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

/** Masks the unexpected errors of every execution result, and of every subscription event (see maskUnexpected). */
export function useErrorMasking(): Plugin<Context> {
  const masking = ({ contextValue }: { contextValue: Context }) => {
    const { requestId, logger } = contextValue;
    return (payload: Parameters<typeof handleStreamOrSingleExecutionResult>[0]) =>
      handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
        if (result.errors?.length) {
          setResult({ ...result, errors: result.errors.map((e) => maskUnexpected(e, requestId, logger)) });
        }
      });
  };
  return {
    onExecute: ({ args }) => ({ onExecuteDone: masking(args) }),
    onSubscribe: ({ args }) => ({ onSubscribeResult: masking(args) }),
  };
}

/** A client's error with one of our codes: as it is when it has one, else BAD_USER_INPUT (plus `extra`). */
export function withClientCode(error: GraphQLError, extra: Record<string, unknown> = {}): GraphQLError {
  if (isErrorCode(error.extensions?.code)) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', ...extra },
  });
}

/**
 * Errors the client caused before execution (malformed JSON, an oversized body, parse and validation
 * errors, a mutation over GET) come from graphql-js and yoga without one of our codes: they become
 * BAD_USER_INPUT, keeping their HTTP status (400 where they had none). As the GraphQL-over-HTTP spec
 * says, request errors answer 4xx to clients accepting application/graphql-response+json, and 200 to
 * those accepting only application/json (`spec: true`).
 */
export function useClientErrorCodes(): Plugin<Context> {
  const normalise = (error: GraphQLError) => {
    const http = (error.extensions?.http as { status?: number } | undefined) ?? {};
    return withClientCode(
      error,
      error.path ? {} : { http: { spec: true, ...http, status: http.status ?? 400 } },
    );
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((e) => normalise(e as GraphQLError)) });
    },
  };
}

/** yoga's safety net for errors outside execution: anything still without a code is masked. */
export function maskOutsideExecution(logger: Logger) {
  return (error: unknown) => {
    if (isGraphQLError(error) && isExpected(error)) return error;
    logger.error({ err: error }, 'unexpected error outside execution');
    return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
