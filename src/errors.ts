import { GraphQLError } from 'graphql';

/**
 * The one table of the `extensions.code` values clients can rely on (any other error is masked), with
 * the HTTP status each answers with where it decides the response (always on /export).
 */
export const HTTP_STATUS = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  QUERY_TOO_COMPLEX: 400,
  TOO_MANY_REQUESTS: 429,
  TIMEOUT: 504,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof HTTP_STATUS;

/** True for one of the codes in HTTP_STATUS. */
export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(HTTP_STATUS, code);

/** Seconds a client should wait before trying again after SERVICE_UNAVAILABLE. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The `http` extension yoga turns into the response's status: a timeout or an unavailable database
 * leaves the whole answer unusable, so on /graphql they set 504 and 503 (with Retry-After) even when
 * one field among others failed; other codes there are field errors in a 200 answer.
 */
export function httpOf(code: ErrorCode) {
  if (code === 'SERVICE_UNAVAILABLE')
    return { status: HTTP_STATUS[code], headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } };
  if (code === 'TIMEOUT') return { status: HTTP_STATUS[code] };
  return undefined;
}

/** An expected error: its message and code reach the client unmasked. */
export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  const http = httpOf(code);
  return new GraphQLError(message, { extensions: { ...(http ? { http } : {}), ...extensions, code } });
}

export const badInput = (message: string, extensions?: Record<string, unknown>) =>
  userError('BAD_USER_INPUT', message, extensions);
export const notFound = (message: string, extensions?: Record<string, unknown>) =>
  userError('NOT_FOUND', message, extensions);
export const forbidden = (message: string) => userError('FORBIDDEN', message);

/**
 * True for a GraphQLError, checked by name rather than instanceof: graphql can be loaded twice (its ESM
 * and CommonJS builds) in one process, and each has its own class.
 */
export const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof Error && error.name === 'GraphQLError';
