import { runGuardedCypher } from '../analyst/cypher.js';
import { badInput } from '../errors.js';
import type { Context } from '../schema/builder.js';

/** Query.cypher: an analyst's read-only query, with the configured timeout and row cap. */
export function cypherQuery(ctx: Context, query: string, params: unknown) {
  if (params != null && (typeof params !== 'object' || Array.isArray(params))) {
    throw badInput('params must be a JSON object', { argument: 'params' });
  }
  return runGuardedCypher(ctx.db, query, (params ?? {}) as Record<string, unknown>, ctx.config.cypher);
}
