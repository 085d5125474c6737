import { GraphQLError } from 'graphql';

/** The `extensions.code` values clients can rely on; any other error is masked. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'QUERY_TOO_COMPLEX'
  | 'TIMEOUT'
  | 'SERVICE_UNAVAILABLE';

/** An expected error: its message and code reach the client unmasked. */
export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
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
